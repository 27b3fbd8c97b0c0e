// The `jha` command: operator access to the platform. Every command reads DATABASE_URL like the
// server; changes are audited with the CLI as actor. The platform's commands and every module's
// are registered here; the context (configuration, catalogue) is loaded once, on first use.
// What a command loads is what it needs: `jha --version` nothing, `jha import cases` the database,
// the catalogue and the case import (the other modules and their HTTP routes take most of a
// second to load); every other command loads every module.
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../platform/db/database.js';
import { AppError } from '../platform/errors.js';
import type { CommandRunner } from '../platform/module.js';
import { CATALOG_DIR, PROJECT_ROOT } from '../platform/paths.js';
import type { CatalogContext } from '../statistics/catalog.js';

const version = (): string => (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Runs `work` with the context made once by `make` and a database opened by `open` for it. */
function runner<Ctx>(make: () => Ctx, open: (ctx: Ctx) => Promise<Db>): CommandRunner<Ctx> {
  let ctx: Ctx | undefined;
  const context = (): Ctx => (ctx ??= make());
  return Object.assign(
    async <T>(work: (db: Db, c: Ctx) => Promise<T>): Promise<T> => {
      const db = await open(context());
      try {
        return await work(db, context());
      } finally {
        await db.destroy();
      }
    },
    { context },
  );
}

/** Every command: the platform's and every module's, with a database prepared by every module. */
async function registerAll(program: Command): Promise<void> {
  const [{ createContext, reviewDomains }, { prepareDatabase }, { modules }, { registerPlatformCommands }, { loadConfig }] =
    await Promise.all([
      import('../app/context.js'),
      import('../app/database.js'),
      import('../app/modules.js'),
      import('../platform/cli/commands.js'),
      import('../platform/config.js'),
    ]);
  /** Opens the configured database (migrated, partners and plans loaded, no demo data) for one command. */
  const withDatabase = runner(
    () => createContext({ config: loadConfig() }),
    async (ctx) => (await prepareDatabase(ctx, { demo: false })).db,
  );

  program
    .command('serve')
    .description('Start the web UI and the API (PORT, HOST, DATABASE_URL, …; see README)')
    .action(async () => {
      // Loaded on demand: the HTTP stack is the slowest part to import and the other commands don't need it.
      const { startServer } = await import('../app/server.js');
      const server = await startServer(loadConfig());
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  program
    .command('migrate')
    .description('Create or upgrade the database schema and load the partner catalogue')
    .action(async () => {
      const { db, migrated } = await prepareDatabase(withDatabase.context(), { demo: false });
      await db.destroy();
      process.stdout.write(
        migrated.length ? `Applied ${migrated.length} migration(s): ${migrated.join(', ')}\n` : 'The database schema is up to date.\n',
      );
    });

  registerPlatformCommands(program, withDatabase, reviewDomains);
  for (const m of modules) m.commands?.(program, withDatabase);
}

/**
 * `jha import cases` alone, with the configuration and the catalogue as its context and a database
 * migrated without the modules (app/migrations.ts).
 */
async function registerCaseImport(program: Command): Promise<void> {
  const [{ registerJusticeCommands }, { openMigratedDatabase }, { loadConfig }, { installAuditKey }, { loadCatalogs }] = await Promise.all([
    import('../justice/cli.js'),
    import('../app/migrations.js'),
    import('../platform/config.js'),
    import('../platform/audit/audit-key.js'),
    import('../statistics/catalog.js'),
  ]);
  const withDatabase = runner<CatalogContext>(
    () => {
      const config = loadConfig();
      // Every audit entry is keyed with AUDIT_KEY (or the development key), as createContext does.
      installAuditKey(config);
      return { config, catalog: loadCatalogs(config.catalogDir ?? CATALOG_DIR) };
    },
    (ctx) => openMigratedDatabase(ctx.config),
  );
  registerJusticeCommands(program, withDatabase);
}

const program = new Command();
program
  .name('jha')
  .description('JHA Hub: EU–Western Balkans Justice and Home Affairs platform')
  .version(version(), '-V, --version', 'print the version')
  .showHelpAfterError();

try {
  const [command, subcommand] = process.argv.slice(2);
  if (command === 'import' && subcommand === 'cases') await registerCaseImport(program);
  else if (command !== '--version' && command !== '-V') await registerAll(program);
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof AppError) {
    process.stderr.write(`jha: ${err.message}\n`);
    process.exitCode = err.status === 2 ? 2 : 1;
  } else {
    process.stderr.write(`jha: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
