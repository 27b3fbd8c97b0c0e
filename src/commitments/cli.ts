// `jha plans list` and `jha plans export`: the shipped action plans, roadmaps and recommendations.
import { Option, type Command } from 'commander';
import { AppError } from '../platform/errors.js';
import { rowsToCsv, rowsToXlsx } from '../platform/exports/tables.js';
import { commitmentRows, planSummaries } from './plans.service.js';
import { printTable } from '../platform/cli/io.js';
import type { WithDatabase } from '../statistics/cli.actions.js';

export function registerPlanCommands(program: Command, withDatabase: WithDatabase): void {
  const plans = program.command('plans').description('Action plans, roadmaps and recommendations');
  plans
    .command('list')
    .description('List plans with their numbers of objectives, actions and commitments')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (opts: { format: string }) => {
      const rows = await withDatabase((db) => planSummaries(db));
      if (opts.format === 'json')
        return void process.stdout.write(
          JSON.stringify(
            rows.map(({ code, title, objectives, actions, commitments }) => ({ code, title, objectives, actions, commitments })),
            null,
            2,
          ) + '\n',
        );
      printTable(
        rows.map((r) => ({
          code: r.code,
          kind: r.kind,
          objectives: String(r.objectives),
          actions: String(r.actions),
          commitments: String(r.commitments),
          title: r.title,
        })),
        ['code', 'kind', 'objectives', 'actions', 'commitments', 'title'],
      );
    });
  plans
    .command('export')
    .description('Export a plan’s commitments (one row per action and partner)')
    .argument('<plan>', 'plan code, e.g. jap_ct_2018')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'xlsx']).makeOptionMandatory())
    .action(async (plan: string, opts: { format: string }) => {
      const rows = await withDatabase((db) => commitmentRows(db, plan));
      const columns = [
        'plan',
        'objective',
        'objective_title',
        'action',
        'action_title',
        'paraphrase',
        'partner',
        'start',
        'deadline',
        'indicators',
      ] as const;
      if (opts.format === 'csv') return void process.stdout.write(rowsToCsv(columns, rows));
      if (process.stdout.isTTY)
        throw new AppError(
          'usage',
          2,
          'XLSX is binary: redirect it to a file, e.g. `jha plans export jap_ct_2018 --format xlsx > plan.xlsx`.',
        );
      process.stdout.write(await rowsToXlsx('commitments', columns, rows));
    });
}
