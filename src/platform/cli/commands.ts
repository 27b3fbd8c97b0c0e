// The platform's `jha` commands: users, API tokens, the audit trail, backup and restore. Changes are
// audited with the CLI as actor.
import { Option, type Command } from 'commander';
import { cliActor } from '../audit/actor.js';
import { verifyAuditChain } from '../audit/audit.service.js';
import { formatAnchor, parseAnchor } from '../audit/chain.js';
import { createApiToken } from '../auth/auth.service.js';
import { resetSecondFactor } from '../auth/mfa.service.js';
import { createInvitation } from '../users/invitations.service.js';
import { AppError, NotFoundError } from '../errors.js';
import type { Config } from '../config.js';
import type { CommandRunner } from '../module.js';
import { createUser, disableUserByEmail, findUserByEmail, listUserViews, ROLES } from '../users/users.service.js';
import { DEVELOPMENT_KEY_NOTE, reportBreak, reportVerification } from './audit-report.js';
import { registerBackupCommands } from './backup.js';
import { printTable, readStdin } from './io.js';

/** A reviewer's domains as given on the command line (comma-separated), or undefined: all. */
function domainList(option: string | undefined): string[] | undefined {
  return option
    ?.split(',')
    .map((d) => d.trim())
    .filter(Boolean);
}

type ReviewDomains<Ctx> = (ctx: Ctx) => ReadonlySet<string>;

/** `jha users add|list|disable|invite|reset-second-factor`. */
function registerUserCommands<Ctx extends { config: Config }>(
  program: Command,
  withDatabase: CommandRunner<Ctx>,
  reviewDomains: ReviewDomains<Ctx>,
): void {
  const users = program.command('users').description('Manage user accounts');
  registerUserAdd(users, withDatabase, reviewDomains);
  registerUserListAndDisable(users, withDatabase);
  registerUserInvite(users, withDatabase, reviewDomains);
  registerSecondFactorReset(users, withDatabase);
}

/** `jha users add`: the password from standard input, never an argument (it would stay in the shell's history). */
function registerUserAdd<Ctx extends { config: Config }>(
  users: Command,
  withDatabase: CommandRunner<Ctx>,
  reviewDomains: ReviewDomains<Ctx>,
): void {
  users
    .command('add')
    .description('Create a user; the password is read from standard input')
    .requiredOption('--email <email>', 'e-mail address (the sign-in name)')
    .addOption(new Option('--role <role>', 'role').choices([...ROLES]).makeOptionMandatory())
    .option('--partner <code>', 'partner code, required for coordinators (e.g. AL, XK)')
    .option('--name <name>', 'display name')
    .option('--domains <list>', 'reviewers: the domains they review, comma-separated (e.g. justice,migration); all when absent')
    .option('--password-stdin', 'read the password from standard input (required)')
    .action(async (opts: { email: string; role: string; partner?: string; name?: string; domains?: string; passwordStdin?: boolean }) => {
      if (!opts.passwordStdin)
        throw new AppError(
          'usage',
          2,
          '--password-stdin is required: pipe the password in, e.g. `echo "$PW" | jha users add … --password-stdin`.',
        );
      const password = await readStdin();
      const domains = domainList(opts.domains);
      const user = await withDatabase((db, ctx) => createUser(db, cliActor(), { ...opts, domains, password }, reviewDomains(ctx)));
      process.stdout.write(`Created ${user.role} ${user.email}${user.partner ? ` for ${user.partner}` : ''} (id ${user.id}).\n`);
    });
}

function registerUserListAndDisable<Ctx>(users: Command, withDatabase: CommandRunner<Ctx>): void {
  users
    .command('list')
    .description('List users')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (opts: { format: string }) => {
      const rows = await withDatabase((db) => listUserViews(db));
      if (opts.format === 'json') return void process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
      printTable(
        rows.map((u) => ({
          email: u.email,
          name: u.name,
          role: u.role,
          partner: u.partner ?? '',
          status: u.disabled ? 'disabled' : 'active',
        })),
        ['email', 'name', 'role', 'partner', 'status'],
      );
    });
  users
    .command('disable')
    .description('Disable a user and end their sessions')
    .requiredOption('--email <email>', 'e-mail address')
    .action(async (opts: { email: string }) => {
      const user = await withDatabase((db) => disableUserByEmail(db, cliActor(), opts.email));
      process.stdout.write(`Disabled ${user.email}.\n`);
    });
}

/** `jha users invite`: the link is e-mailed, or printed when it cannot be. */
function registerUserInvite<Ctx extends { config: Config }>(
  users: Command,
  withDatabase: CommandRunner<Ctx>,
  reviewDomains: ReviewDomains<Ctx>,
): void {
  users
    .command('invite')
    .description('Invite someone by e-mail (a single-use link for 7 days); prints the link when it cannot be e-mailed')
    .requiredOption('--email <email>', 'e-mail address of the person invited')
    .addOption(new Option('--role <role>', 'role').choices([...ROLES]).makeOptionMandatory())
    .option('--partner <code>', 'partner code, required for coordinators (e.g. AL, XK)')
    .option('--name <name>', 'display name')
    .option('--domains <list>', 'reviewers: the domains they review, comma-separated; all when absent')
    .action(async (opts: { email: string; role: string; partner?: string; name?: string; domains?: string }) => {
      const domains = domainList(opts.domains);
      const created = await withDatabase((db, ctx) =>
        createInvitation(
          db,
          cliActor(),
          null,
          { email: opts.email, role: opts.role as (typeof ROLES)[number], partner: opts.partner ?? null, name: opts.name, domains },
          { config: ctx.config, providerLabels: (ctx.config.signIn?.oidcProviders ?? []).map((p) => p.label) },
          reviewDomains(ctx),
        ),
      );
      const { invitation } = created;
      process.stdout.write(
        `Invited ${invitation.email} as ${invitation.role}${invitation.partner ? ` for ${invitation.partner}` : ''} until ${invitation.expiresAt}.\n`,
      );
      if (created.link) {
        process.stdout.write(`${created.link}\n`);
        process.stderr.write('The link was not e-mailed (SMTP_URL is not set or sending failed): hand it over yourself; it works once.\n');
      } else {
        process.stdout.write('The link was e-mailed.\n');
      }
    });
}

function registerSecondFactorReset<Ctx>(users: Command, withDatabase: CommandRunner<Ctx>): void {
  users
    .command('reset-second-factor')
    .description('Remove a user’s second factor (lost phone); they set up a new one at their next sign-in')
    .requiredOption('--email <email>', 'e-mail address')
    .action(async (opts: { email: string }) => {
      await withDatabase(async (db) => {
        const user = await findUserByEmail(db, opts.email.trim().toLowerCase());
        if (!user) throw new NotFoundError('User', opts.email);
        await resetSecondFactor(db, cliActor(), user.id);
      });
      process.stdout.write(`Reset the second factor of ${opts.email}; their sessions ended.\n`);
    });
}

/** `jha tokens create`, `jha audit verify` and `jha audit anchor`. */
function registerTokenAndAuditCommands<Ctx>(program: Command, withDatabase: CommandRunner<Ctx>): void {
  program
    .command('tokens')
    .description('Manage API tokens')
    .command('create')
    .description('Create an API token for a user; prints it once')
    .requiredOption('--email <email>', 'the user the token acts for (it has their role and partner)')
    .option('--name <name>', 'what the token is for', 'CLI token')
    .action(async (opts: { email: string; name: string }) => {
      const { token } = await withDatabase((db) => createApiToken(db, cliActor(), opts.email, opts.name));
      process.stdout.write(token + '\n');
      process.stderr.write('Store this token now: it is not shown again. Use it as `Authorization: Bearer <token>`.\n');
    });

  const audit = program.command('audit').description('Audit trail');
  audit
    .command('verify')
    .description(
      'Check the hash chain (and, with --anchor, that an anchored entry is unchanged and still there); exit 1 naming the first broken entry',
    )
    .option('--anchor <SEQ:HASH>', 'an anchor printed earlier by `jha audit anchor`')
    .action(async (opts: { anchor?: string }) => {
      const anchor = opts.anchor === undefined ? undefined : parseAnchor(opts.anchor);
      if (anchor === null) throw new AppError('usage', 2, '--anchor: expected SEQ:HASH as `jha audit anchor` prints it (e.g. 42:3fa4…).');
      reportVerification(await withDatabase((db) => verifyAuditChain(db, { anchor })));
    });
  audit
    .command('anchor')
    .description('Print the head of the verified chain as SEQ:HASH, with the time, to keep outside the database')
    .action(async () => {
      const result = await withDatabase((db) => verifyAuditChain(db));
      if (!reportBreak(result, 'no anchor taken: an anchor of a broken trail proves nothing')) return;
      const { seq, hash, at } = result.last;
      const anchor = formatAnchor({ seq, hash });
      process.stdout.write(`${anchor}\n`);
      process.stdout.write(
        `Taken at ${new Date().toISOString()}${at ? `; entry ${seq} was written at ${at}` : ''}. Keep this line outside the database; ` +
          `\`jha audit verify --anchor ${anchor}\` proves later that nothing up to entry ${seq} changed and that the trail still reaches it.\n`,
      );
      if (!result.dedicatedKey) process.stderr.write(DEVELOPMENT_KEY_NOTE + '\n');
    });
}

export function registerPlatformCommands<Ctx extends { config: Config }>(
  program: Command,
  withDatabase: CommandRunner<Ctx>,
  reviewDomains: (ctx: Ctx) => ReadonlySet<string>,
): void {
  registerUserCommands(program, withDatabase, reviewDomains);
  registerTokenAndAuditCommands(program, withDatabase);
  registerBackupCommands(program, withDatabase);
}
