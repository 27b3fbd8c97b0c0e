// The `jha` command: operator access to the platform. Every command reads DATABASE_URL like the
// server; changes are audited with the CLI as actor. The platform's commands and every module's
// are registered here; the context (configuration, catalogue) is loaded once, on first use.
import { Command } from 'commander';
import { createContext, reviewDomains } from '../app/context.js';
import { prepareDatabase } from '../app/database.js';
import { modules, type AppContext } from '../app/modules.js';
import { registerPlatformCommands } from '../platform/cli/commands.js';
import { loadConfig } from '../platform/config.js';
import type { Db } from '../platform/db/database.js';
import { AppError } from '../platform/errors.js';
import type { CommandRunner } from '../platform/module.js';

let ctx: AppContext | undefined;
const context = (): AppContext => (ctx ??= createContext({ config: loadConfig() }));

/** Opens the configured database (migrated, partners and plans loaded, no demo data) for one command. */
const withDatabase: CommandRunner<AppContext> = Object.assign(
  async <T>(work: (db: Db, c: AppContext) => Promise<T>): Promise<T> => {
    const { db } = await prepareDatabase(context(), { demo: false });
    try {
      return await work(db, context());
    } finally {
      await db.destroy();
    }
  },
  { context },
);

const program = new Command();
program.name('jha').description('JHA Hub: EU–Western Balkans Justice and Home Affairs platform').showHelpAfterError();

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
    const { db, migrated } = await prepareDatabase(context(), { demo: false });
    await db.destroy();
    process.stdout.write(
      migrated.length ? `Applied ${migrated.length} migration(s): ${migrated.join(', ')}\n` : 'The database schema is up to date.\n',
    );
  });

registerPlatformCommands(program, withDatabase, reviewDomains);
for (const m of modules) m.commands?.(program, withDatabase);

try {
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
