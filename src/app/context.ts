// Loads what every part of a process shares, once: the configuration, the catalogue, and the
// modules' event subscriptions.
import { installAuditKey } from '../platform/audit/audit-key.js';
import { loadConfig, type Config } from '../platform/config.js';
import type { Migrations } from '../platform/db/database.js';
import { platformMigrations } from '../platform/db/migrations/index.js';
import { events } from '../platform/events.js';
import { deliverPendingEmails } from '../platform/notifications/notifications.service.js';
import { recurring, type JobHandler } from '../platform/jobs/jobs.service.js';
import { CATALOG_DIR } from '../platform/paths.js';
import { loadCatalogs, type Catalog } from '../statistics/catalog.js';
import { checkMigrationFiles } from './migrations.js';
import { modules, type AppContext } from './modules.js';

let wired = false;

/**
 * The context of a process: the configuration (from the environment unless given) and the
 * catalogue (unless given, read from the configuration's JHA_CATALOG_DIR folder, by default the
 * shipped catalogs/), with the modules' subscriptions registered on the event bus and the audit
 * chain's key installed. Call it once per process and pass the result on.
 */
export function createContext(opts: { config?: Config; catalog?: Catalog } = {}): AppContext {
  const config = opts.config ?? loadConfig();
  const ctx: AppContext = { config, catalog: opts.catalog ?? loadCatalogs(config.catalogDir ?? CATALOG_DIR) };
  // Every audit entry the process writes is keyed with AUDIT_KEY (or the development key).
  installAuditKey(ctx.config);
  wireEvents();
  return ctx;
}

/** Registers every module's subscriptions, once per process (events carry what handlers need). */
function wireEvents(): void {
  if (wired) return;
  wired = true;
  for (const m of modules) m.subscribe?.(events);
}

/** The platform's migrations and every module's (checked against their files, see migrations.ts). */
export function allMigrations(): Migrations {
  const declared: Migrations = Object.assign({}, platformMigrations, ...modules.map((m) => m.migrations ?? {}));
  checkMigrationFiles(declared);
  return declared;
}

/** The domains a reviewer can be limited to, as the modules declare them. */
export function reviewDomains(ctx: AppContext): ReadonlySet<string> {
  return new Set(modules.flatMap((m) => m.reviewDomains?.(ctx) ?? []));
}

/** The background jobs of the process: the platform's e-mail delivery and every module's. */
export function jobHandlers(ctx: AppContext): Record<string, JobHandler> {
  return Object.assign(
    {
      // E-mails new notifications every minute (a no-op while SMTP_URL is not set).
      'mail.deliver': recurring(60_000, async ({ db, config, log }) => {
        await deliverPendingEmails(db, config, log);
      }),
    },
    ...modules.map((m) => m.jobs?.(ctx) ?? {}),
  );
}
