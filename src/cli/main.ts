// The `jha` command: operator access to the platform. Every command reads DATABASE_URL like the
// server; changes are audited with the CLI as actor.
import { Command, Option } from 'commander';
import { cliActor } from '../platform/audit/actor.js';
import { verifyAuditChain } from '../platform/audit/audit.service.js';
import { createApiToken } from '../platform/auth/auth.service.js';
import { prepareDatabase } from '../platform/bootstrap.js';
import { loadConfig } from '../platform/config.js';
import type { Db } from '../platform/db/database.js';
import { AppError } from '../platform/errors.js';
import { listUsers } from '../platform/users/users.repository.js';
import { createUser, disableUserByEmail, presentUser, ROLES } from '../platform/users/users.service.js';
import { printTable, readStdin } from './io.js';
import { registerStatisticsCommands } from './statistics.commands.js';
import { registerPlanCommands } from './plans.commands.js';
import { registerAlertCommands } from './alerts.commands.js';
import { registerMeetingCommands } from './meetings.commands.js';

/** Opens the configured database (migrated, partners loaded, no demo data) for one command. */
async function withDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const { db } = await prepareDatabase(loadConfig(), { demo: false });
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

const program = new Command();
program.name('jha').description('JHA Hub: EU–Western Balkans Justice and Home Affairs platform').showHelpAfterError();

program.command('serve').description('Start the web UI and the API (PORT, HOST, DATABASE_URL, …; see README)').action(async () => {
  // Loaded on demand: the HTTP stack is the slowest part to import and the other commands don't need it.
  const { startServer } = await import('../platform/server.js');
  const server = await startServer(loadConfig());
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});

program.command('migrate').description('Create or upgrade the database schema and load the partner catalogue').action(async () => {
  const config = loadConfig();
  const { db, migrated } = await prepareDatabase(config, { demo: false });
  await db.destroy();
  process.stdout.write(migrated.length ? `Applied ${migrated.length} migration(s): ${migrated.join(', ')}\n` : 'The database schema is up to date.\n');
});

const users = program.command('users').description('Manage user accounts');
users.command('add').description('Create a user; the password is read from standard input')
  .requiredOption('--email <email>', 'e-mail address (the sign-in name)')
  .addOption(new Option('--role <role>', 'role').choices([...ROLES]).makeOptionMandatory())
  .option('--partner <code>', 'partner code, required for coordinators (e.g. AL, XK)')
  .option('--name <name>', 'display name')
  .option('--domains <list>', 'reviewers: the domains they review, comma-separated (e.g. justice,migration); all when absent')
  .option('--password-stdin', 'read the password from standard input (required)')
  .action(async (opts: { email: string; role: string; partner?: string; name?: string; domains?: string; passwordStdin?: boolean }) => {
    if (!opts.passwordStdin) throw new AppError('usage', 2, '--password-stdin is required: pipe the password in, e.g. `echo "$PW" | jha users add … --password-stdin`.');
    const password = await readStdin();
    const domains = opts.domains?.split(',').map((d) => d.trim()).filter(Boolean);
    const user = await withDatabase(async (db) => {
      const { loadCatalogs } = await import('../statistics/catalog.js');
      const { CATALOG_DIR } = await import('../platform/paths.js');
      const known = new Set([...loadCatalogs(CATALOG_DIR).datasets.values()].map((d) => d.domain).concat('commitments'));
      return createUser(db, cliActor(), { ...opts, domains, password }, known);
    });
    process.stdout.write(`Created ${user.role} ${user.email}${user.partner ? ` for ${user.partner}` : ''} (id ${user.id}).\n`);
  });
users.command('list').description('List users')
  .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
  .action(async (opts: { format: string }) => {
    const rows = await withDatabase(async (db) => (await listUsers(db)).map(presentUser));
    if (opts.format === 'json') return void process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    printTable(rows.map((u) => ({ email: u.email, name: u.name, role: u.role, partner: u.partner ?? '', status: u.disabled ? 'disabled' : 'active' })), ['email', 'name', 'role', 'partner', 'status']);
  });
users.command('disable').description('Disable a user and end their sessions')
  .requiredOption('--email <email>', 'e-mail address')
  .action(async (opts: { email: string }) => {
    const user = await withDatabase((db) => disableUserByEmail(db, cliActor(), opts.email));
    process.stdout.write(`Disabled ${user.email}.\n`);
  });

program.command('tokens').description('Manage API tokens').command('create').description('Create an API token for a user; prints it once')
  .requiredOption('--email <email>', 'the user the token acts for (it has their role and partner)')
  .option('--name <name>', 'what the token is for', 'CLI token')
  .action(async (opts: { email: string; name: string }) => {
    const { token } = await withDatabase((db) => createApiToken(db, cliActor(), opts.email, opts.name));
    process.stdout.write(token + '\n');
    process.stderr.write('Store this token now: it is not shown again. Use it as `Authorization: Bearer <token>`.\n');
  });

program.command('audit').description('Audit trail').command('verify').description('Check the hash chain; exit 1 naming the first broken entry')
  .action(async () => {
    const result = await withDatabase((db) => verifyAuditChain(db));
    if (result.ok) {
      process.stdout.write(`Audit trail intact: ${result.checked} entries checked.\n`);
    } else {
      process.stderr.write(`Audit trail broken at entry ${result.broken!.seq}: ${result.broken!.reason} (${result.checked} entries before it are intact).\n`);
      process.exitCode = 1;
    }
  });

registerStatisticsCommands(program, withDatabase);
registerPlanCommands(program, withDatabase);
registerAlertCommands(program, withDatabase);
registerMeetingCommands(program, withDatabase);

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
