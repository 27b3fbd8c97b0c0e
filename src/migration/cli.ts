// `jha alerts list` and `jha alerts ack`: the early warnings of the migration exchange.
import { Option, type Command } from 'commander';
import { cliActor } from '../platform/audit/actor.js';
import { AppError } from '../platform/errors.js';
import { findUserByEmail } from '../platform/users/users.service.js';
import { printTable } from '../platform/cli/io.js';
import type { WithDatabase } from '../statistics/cli.actions.js';

export function registerAlertCommands(program: Command, withDatabase: WithDatabase): void {
  const alerts = program.command('alerts').description('Early warnings of the migration exchange');
  alerts
    .command('list')
    .description('List alerts, newest first')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--partner <code>', 'only alerts about this partner')
    .action(async (opts: { format: string; partner?: string }) => {
      const { alertFeed } = await import('./alerts.service.js');
      const { catalog } = withDatabase.context();
      const list = await withDatabase((db) =>
        alertFeed(db, catalog, { kind: 'operator', label: cliActor().label }, { partner: opts.partner?.toUpperCase(), limit: 500 }),
      );
      const rows = list.map((a) => ({
        id: a.id,
        rule: a.rule,
        scope: `${a.scope}:${a.scopeCode}`,
        period: a.period,
        value: a.value,
        threshold: `${a.condition} ${a.threshold}`,
        created: a.createdAt,
        acknowledged_by: a.acknowledgedBy,
      }));
      if (opts.format === 'json') return void process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
      if (rows.length === 0) return void process.stdout.write('No alerts.\n');
      printTable(
        rows.map((r) => ({ ...r, value: String(r.value), acknowledged_by: r.acknowledged_by.join(', ') || '–' })),
        ['id', 'rule', 'scope', 'period', 'value', 'threshold', 'created', 'acknowledged_by'],
      );
    });
  alerts
    .command('ack')
    .description('Acknowledge an alert on behalf of one of its recipients')
    .argument('<id>', 'alert id (see `jha alerts list`)')
    .requiredOption('--email <email>', 'the recipient acknowledging it')
    .action(async (id: string, opts: { email: string }) => {
      const { acknowledgeAlert } = await import('./alerts.service.js');
      const { catalog } = withDatabase.context();
      const alert = await withDatabase(async (db) => {
        const user = await findUserByEmail(db, opts.email.trim().toLowerCase());
        if (!user || user.disabled_at) throw new AppError('not_found', 404, `No active user ${opts.email}.`);
        const viewer = { kind: 'user' as const, role: user.role, partner: user.partner_code, id: user.id, label: user.email };
        return acknowledgeAlert(db, catalog, viewer, { ...cliActor(), label: `${cliActor().label} for ${user.email}` }, id);
      });
      process.stdout.write(`Alert ${alert.id} acknowledged by ${opts.email}; acknowledged by: ${alert.acknowledgedBy.join(', ')}\n`);
    });
}
