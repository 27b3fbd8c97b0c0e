// Entry point of the web app. It starts loading the app (root.tsx: providers, router, the shell),
// asks who is signed in (the app takes the answer, early.ts), and, when the address is one of the
// public pages a visitor may open first, starts loading that page's chunk too, all at once.
// Without this, the session would be asked for and the page's chunk loaded only once the app had
// run: on a slow connection, round trips and a download later. index.html preloads the app's own
// chunks (vite.config.ts), so that only the page waits for this small script; App.tsx imports the
// same page modules when it renders, so each is fetched once. Nothing here may import the app
// itself: this script must stay small.
import { requestEarly } from './early';

const FIRST_PAGES: [RegExp, () => Promise<unknown>][] = [
  [/^\/justice\/?$/, () => import('./pages/justice/ScoreboardPage')],
  [/^\/justice\/[^/]+\/courts\/?$/, () => import('./pages/justice/CourtsPage')],
  [/^\/justice\/(?!import\/?$)[^/]+\/?$/, () => import('./pages/justice/PartnerPage')],
  [/^\/indicators\/?$/, () => import('./pages/statistics/IndicatorsPage')],
  [/^\/data\/?$/, () => import('./pages/reports/CataloguePage')],
  [/^\/data\/indicators\/[^/]+\/?$/, () => import('./pages/reports/IndicatorPage')],
  [/^\/data\/partners\/[^/]+\/?$/, () => import('./pages/reports/PartnerProfilePage')],
  [/^\/commitments\/?$/, () => import('./pages/commitments/CommitmentsPage')],
  [/^\/commitments\/plans\/[^/]+\/?$/, () => import('./pages/commitments/PlanPage')],
  [/^\/migration\/?$/, () => import('./pages/migration/MigrationPage')],
  [/^\/meetings(\/[^/]+)?\/?$/, () => import('./pages/meetings')],
];

requestEarly('/session');
// A failed load of the page shows when it renders (its own import fails the same way).
FIRST_PAGES.find(([path]) => path.test(window.location.pathname))?.[1]().catch(() => {});
void import('./root');
