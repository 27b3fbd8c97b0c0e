// The background jobs the server runs, by kind. Like http/app.ts this is a composition root:
// a capability adds its handler here with one line (wrapped in recurring() when it repeats).
import { deliverPendingEmails } from '../notifications/notifications.service.js';
import { recurring, type JobHandler } from './jobs.service.js';
import { SYSTEM_ACTOR } from '../audit/actor.js';
import { sendRoundReminders } from '../../commitments/progress.service.js';
import { loadCatalogs, type Catalog } from '../../statistics/catalog.js';
import { sendOverdueDataReminders } from '../../statistics/reminders.service.js';
import { CATALOG_DIR } from '../paths.js';

let catalog: Catalog | undefined;

export const jobHandlers: Record<string, JobHandler> = {
  // E-mails new notifications every minute (a no-op while SMTP_URL is not set).
  'mail.deliver': recurring(60_000, async ({ db, config, log }) => {
    await deliverPendingEmails(db, config, log);
  }),
  // Reminds coordinators of progress reports due within a week or overdue (each reminder once).
  'commitments.reminders': recurring(60 * 60_000, async ({ db, now }) => {
    await sendRoundReminders(db, SYSTEM_ACTOR, now.toISOString().slice(0, 10));
  }),
  // Reminds coordinators of data not submitted after its due date (each partner, dataset and period once).
  'statistics.reminders': recurring(60 * 60_000, async ({ db, now }) => {
    catalog ??= loadCatalogs(CATALOG_DIR);
    await sendOverdueDataReminders(db, catalog, SYSTEM_ACTOR, now);
  }),
};
