// The shell: the header, the navigation (only what works for the visitor's role) and the page.
// Anonymous visitors get the public pages (data portal, justice scoreboard, indicators, commitments, meetings) and the sign-in form;
// signed-in users get everything their role allows. Every page but the public landing and the sign-in form loads on
// demand (a chunk of its own), and so do the signed-in header's menus, so that a visitor's first load stays small.
import { Anchor, AppShell, Burger, Button, Center, Group, Loader, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { lazy, Suspense, useEffect, useRef, type ComponentType, type ReactNode } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import type { Role, User } from './platform/api';
import { usePageHeading } from './platform/pageHeading';
import { useSession } from './platform/session';
import { LanguageSwitch } from './platform/LanguageSwitch';
import { isLanguage, languageInAddress, switchLanguage } from './i18n';
import { PublicHomePage } from './pages/PublicHomePage';
import { SignInPage } from './pages/SignInPage';

// Capability pages load on demand, each with its libraries (charts, maps), so that the first page
// a visitor opens does not wait for all of them (first-page.ts starts loading it with the app).
function page<K extends string>(load: () => Promise<Record<K, ComponentType<any>>>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}
const Notifications = page(() => import('./platform/Notifications'), 'Notifications');
const UserMenu = page(() => import('./platform/UserMenu'), 'UserMenu');
const AccessibilityPage = page(() => import('./pages/AccessibilityPage'), 'AccessibilityPage');
const AuditPage = page(() => import('./pages/AuditPage'), 'AuditPage');
const HomePage = page(() => import('./pages/HomePage'), 'HomePage');
const UsersPage = page(() => import('./pages/UsersPage'), 'UsersPage');
const AccessRefusedPage = page(() => import('./pages/account/AccessRefusedPage'), 'AccessRefusedPage');
const AccountPage = page(() => import('./pages/account/AccountPage'), 'AccountPage');
const InvitationPage = page(() => import('./pages/account/InvitationPage'), 'InvitationPage');
const InvitationsPage = page(() => import('./pages/account/InvitationsPage'), 'InvitationsPage');
const ActionPage = page(() => import('./pages/commitments/ActionPage'), 'ActionPage');
const CommitmentsPage = page(() => import('./pages/commitments/CommitmentsPage'), 'CommitmentsPage');
const OverduePage = page(() => import('./pages/commitments/OverduePage'), 'OverduePage');
const PartnerCommitmentsPage = page(() => import('./pages/commitments/PartnerCommitmentsPage'), 'PartnerCommitmentsPage');
const PlanPage = page(() => import('./pages/commitments/PlanPage'), 'PlanPage');
const ReportPage = page(() => import('./pages/commitments/ReportPage'), 'ReportPage');
const RoundPage = page(() => import('./pages/commitments/RoundPage'), 'RoundPage');
const CaseImportPage = page(() => import('./pages/justice/CaseImportPage'), 'CaseImportPage');
const CourtsPage = page(() => import('./pages/justice/CourtsPage'), 'CourtsPage');
const PartnerPage = page(() => import('./pages/justice/PartnerPage'), 'PartnerPage');
const ScoreboardPage = page(() => import('./pages/justice/ScoreboardPage'), 'ScoreboardPage');
const AlertPage = page(() => import('./pages/migration/AlertPage'), 'AlertPage');
const MigrationPage = page(() => import('./pages/migration/MigrationPage'), 'MigrationPage');
const CollectionPage = page(() => import('./pages/statistics/CollectionPage'), 'CollectionPage');
const ImportPage = page(() => import('./pages/statistics/ImportPage'), 'ImportPage');
const IndicatorsPage = page(() => import('./pages/statistics/IndicatorsPage'), 'IndicatorsPage');
const CataloguePage = page(() => import('./pages/reports/CataloguePage'), 'CataloguePage');
const DatasetPage = page(() => import('./pages/reports/DatasetPage'), 'DatasetPage');
const AnswersPage = page(() => import('./pages/reports/AnswersPage'), 'AnswersPage');
const DomainPage = page(() => import('./pages/reports/DomainPage'), 'DomainPage');
const IndicatorPage = page(() => import('./pages/reports/IndicatorPage'), 'IndicatorPage');
const PartnerProfilePage = page(() => import('./pages/reports/PartnerProfilePage'), 'PartnerProfilePage');
const ReleasesPage = page(() => import('./pages/reports/ReleasesPage'), 'ReleasesPage');
const SubmissionPage = page(() => import('./pages/statistics/SubmissionPage'), 'SubmissionPage');
const EmergencyMeasuresPage = page(() => import('./pages/rule-of-law/EmergencyMeasuresPage'), 'EmergencyMeasuresPage');
const meetingPages = () => import('./pages/meetings');
const MeetingsPage = lazy(() => meetingPages().then((m) => ({ default: m.MeetingsPage })));
const MeetingPage = lazy(() => meetingPages().then((m) => ({ default: m.MeetingPage })));
const BriefingPage = lazy(() => meetingPages().then((m) => ({ default: m.BriefingPage })));

interface NavItem {
  to: string;
  label: string;
  roles: readonly Role[] | 'any';
  /** Also active on the pages below it (except those with their own entry). */
  prefix?: boolean;
}

export function App() {
  const { t, i18n } = useTranslation();
  const { user, loading } = useSession();
  // A signed-in user reads in the language of their profile, unless the address asks for another.
  const profileLanguage = user?.language;
  useEffect(() => {
    if (isLanguage(profileLanguage) && profileLanguage !== i18n.language && !languageInAddress()) void switchLanguage(profileLanguage);
  }, [profileLanguage, i18n]);
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  usePageHeading(main, t('app.name'), !loading);

  if (loading) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }

  const nav: NavItem[] = user
    ? [
        { to: '/', label: t('nav.home'), roles: 'any' },
        { to: '/statistics', label: t('nav.statistics'), roles: 'any' },
        { to: '/statistics/import', label: t('nav.import'), roles: ['coordinator', 'admin'] },
        { to: '/indicators', label: t('nav.indicators'), roles: 'any' },
        { to: '/data', label: t('nav.data'), roles: 'any', prefix: true },
        { to: '/justice', label: t('nav.justice'), roles: 'any', prefix: true },
        { to: '/justice/import', label: t('nav.caseImport'), roles: ['coordinator', 'admin'] },
        { to: '/commitments', label: t('nav.commitments'), roles: 'any', prefix: true },
        { to: '/commitments/overdue', label: t('nav.overdue'), roles: 'any' },
        { to: '/migration', label: t('nav.migration'), roles: 'any', prefix: true },
        { to: '/meetings', label: t('nav.meetings'), roles: 'any', prefix: true },
        { to: '/rule-of-law/emergency-measures', label: t('emergency.nav'), roles: 'any' },
        { to: '/admin/users', label: t('nav.users'), roles: ['admin'] },
        { to: '/admin/audit', label: t('nav.audit'), roles: ['admin', 'commission'] },
        { to: '/admin/invitations', label: t('nav.invitations'), roles: ['admin', 'commission'] },
      ]
    : [
        { to: '/justice', label: t('nav.scoreboard'), roles: 'any', prefix: true },
        { to: '/indicators', label: t('nav.indicators'), roles: 'any' },
        { to: '/data', label: t('nav.data'), roles: 'any', prefix: true },
        { to: '/commitments', label: t('nav.commitments'), roles: 'any', prefix: true },
        { to: '/migration', label: t('nav.migration'), roles: 'any', prefix: true },
        { to: '/meetings', label: t('nav.meetings'), roles: 'any', prefix: true },
      ];
  const allowed = (item: NavItem) => item.roles === 'any' || (user !== null && item.roles.includes(user.role));
  const own = nav.map((item) => item.to);
  const active = (item: NavItem) =>
    location.pathname === item.to ||
    (item.prefix === true && location.pathname.startsWith(`${item.to}/`) && !own.includes(location.pathname));

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a href="#main" className="skip-link">
        {t('a11y.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.main')} />
            <Anchor component={Link} to="/" underline="never" c="inherit">
              <Title order={1} size="h3">
                {t('app.name')}
              </Title>
            </Anchor>
            <Text size="sm" c="dimmed" visibleFrom="md">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap={4} wrap="nowrap">
            <LanguageSwitch user={user} />
            {user ? (
              <Suspense fallback={null}>
                <Notifications />
                <UserMenu user={user} />
              </Suspense>
            ) : (
              <Button component={Link} to="/sign-in" variant="light">
                {t('signIn.action')}
              </Button>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.main')}>
        {nav.filter(allowed).map((item) => (
          <NavLink key={item.to} component={Link} to={item.to} label={item.label} active={active(item)} onClick={close} />
        ))}
        <NavLink href="/api/docs" label={t('nav.api')} target="_blank" rel="noopener" />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} ref={main}>
        <LazyPage>{user ? <SignedInRoutes user={user} /> : <PublicRoutes />}</LazyPage>
        <Group component="footer" mt="xl" pt="md" gap="md" className="page-foot">
          <Anchor component={Link} to="/accessibility" size="sm">
            {t('a11y.footer')}
          </Anchor>
        </Group>
      </AppShell.Main>
    </AppShell>
  );
}

/** The public figures: the justice pages, the indicator explorer and the data portal (catalogue, domains, indicators, datasets, profiles). */
function JusticeRoutes() {
  return (
    <>
      <Route path="/justice" element={<ScoreboardPage />} />
      <Route path="/justice/:partner/courts" element={<CourtsPage />} />
      <Route path="/justice/:partner" element={<PartnerPage />} />
      <Route path="/indicators" element={<IndicatorsPage />} />
      <Route path="/data" element={<CataloguePage />} />
      <Route path="/data/indicators/:code" element={<IndicatorPage />} />
      <Route path="/data/datasets/:code" element={<DatasetPage />} />
      <Route path="/data/datasets/:code/answers" element={<AnswersPage />} />
      <Route path="/data/domains/:domain" element={<DomainPage />} />
      <Route path="/data/partners/:code" element={<PartnerProfilePage />} />
      <Route path="/data/releases" element={<ReleasesPage />} />
    </>
  );
}

/** Commitments pages open to everyone; the server shows each viewer what they may read. */
function CommitmentRoutes(user: User | null) {
  return (
    <>
      <Route path="/commitments" element={<CommitmentsPage user={user} />} />
      <Route path="/commitments/plans/:code" element={<PlanPage user={user} />} />
      <Route path="/commitments/plans/:code/actions/:action" element={<ActionPage />} />
      <Route path="/commitments/partners/:partner" element={<PartnerCommitmentsPage />} />
      <Route path="/commitments/rounds/:id" element={<RoundPage user={user} />} />
      <Route path="/commitments/rounds/:id/reports/:partner" element={<ReportPage />} />
    </>
  );
}

function LazyPage({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <Center py="xl">
          <Loader aria-label={t('app.loading')} />
        </Center>
      }
    >
      {children}
    </Suspense>
  );
}

/** Meetings open to everyone (public ones; the server shows participants-only meetings to their participants). */
function MeetingRoutes(user: User | null) {
  return (
    <>
      <Route
        path="/meetings"
        element={
          <LazyPage>
            <MeetingsPage user={user} />
          </LazyPage>
        }
      />
      <Route
        path="/meetings/:id"
        element={
          <LazyPage>
            <MeetingPage user={user} />
          </LazyPage>
        }
      />
    </>
  );
}

function PublicRoutes() {
  return (
    <Routes>
      <Route path="/" element={<PublicHomePage />} />
      {JusticeRoutes()}
      {CommitmentRoutes(null)}
      <Route path="/migration" element={<MigrationPage user={null} />} />
      {MeetingRoutes(null)}
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/accessibility" element={<AccessibilityPage />} />
      <Route path="/sign-in/refused" element={<AccessRefusedPage />} />
      <Route path="/invitation" element={<InvitationPage user={null} />} />
      <Route path="/justice/import" element={<SignInPage required />} />
      {/* Every other page needs a signed-in user: the form, then the page asked for. */}
      <Route path="*" element={<SignInPage required />} />
    </Routes>
  );
}

function SignedInRoutes({ user }: { user: User }) {
  const { t } = useTranslation();
  const importer = ['coordinator', 'admin'].includes(user.role);
  return (
    <Routes>
      <Route path="/" element={<HomePage user={user} />} />
      <Route path="/statistics" element={<CollectionPage user={user} />} />
      <Route path="/statistics/import" element={importer ? <ImportPage /> : <Forbidden />} />
      <Route path="/statistics/:dataset/:partner/:period" element={<SubmissionPage user={user} />} />
      <Route path="/justice/import" element={importer ? <CaseImportPage user={user} /> : <Forbidden />} />
      {JusticeRoutes()}
      {CommitmentRoutes(user)}
      <Route path="/migration" element={<MigrationPage user={user} />} />
      <Route path="/migration/alerts/:id" element={<AlertPage user={user} />} />
      <Route path="/commitments/overdue" element={<OverduePage user={user} />} />
      <Route path="/rule-of-law/emergency-measures" element={<EmergencyMeasuresPage user={user} />} />
      {MeetingRoutes(user)}
      <Route
        path="/meetings/:id/briefing/:partner"
        element={
          <LazyPage>
            <BriefingPage />
          </LazyPage>
        }
      />
      <Route path="/admin/users" element={user.role === 'admin' ? <UsersPage currentUser={user} /> : <Forbidden />} />
      <Route path="/admin/audit" element={['admin', 'commission'].includes(user.role) ? <AuditPage /> : <Forbidden />} />
      <Route
        path="/admin/invitations"
        element={['admin', 'commission'].includes(user.role) ? <InvitationsPage user={user} /> : <Forbidden />}
      />
      <Route path="/account" element={<AccountPage user={user} />} />
      <Route path="/accessibility" element={<AccessibilityPage />} />
      <Route path="/invitation" element={<InvitationPage user={user} />} />
      <Route path="/sign-in/refused" element={<AccessRefusedPage />} />
      <Route path="/sign-in" element={<Navigate to="/" replace />} />
      <Route path="*" element={<Text role="alert">{t('errors.notFound')}</Text>} />
    </Routes>
  );
}

function Forbidden() {
  const { t } = useTranslation();
  return <Text role="alert">{t('errors.forbidden')}</Text>;
}
