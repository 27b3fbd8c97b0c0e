// `jha import org-units|values`, `jha validate`, `jha indicators`, `jha export values`: operator access to the
// statistics engine, audited with the CLI as actor. The work is in cli.actions.ts,
// imported on demand (it pulls in the spreadsheet and CSV libraries).
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CommandRunner } from '../platform/module.js';
import { commandGroup } from '../platform/cli/io.js';
import type { CatalogContext } from './catalog.js';
import type { IndicatorValuesOptions } from './cli.actions.js';

type WithDatabase = CommandRunner<CatalogContext>;

const actions = () => import('./cli.actions.js');

export function registerStatisticsCommands(program: Command, withDatabase: WithDatabase): void {
  const imports = commandGroup(program, 'import', 'Import org units, values or case files');
  imports
    .command('org-units')
    .description('Import org units from CSV (columns code,name,partner,kind,parent)')
    .argument('<file>', 'CSV file')
    .action(async (file: string) => (await actions()).importOrgUnitsFile(withDatabase, file));
  imports
    .command('values')
    .description('Import values from CSV, XLSX or JSON (by extension) in one transaction')
    .argument('<file>', 'file to import')
    .option('--dry-run', 'show what would change without writing')
    .option('--max-rows <n>', 'accept a CSV file of more rows than the limit of uploads (1,000,000)', (v) => {
      const n = Number(v);
      if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expects a whole number of rows.');
      return n;
    })
    .action(async (file: string, opts: { dryRun?: boolean; maxRows?: number }) =>
      (await actions()).importValuesFile(withDatabase, file, opts),
    );

  program
    .command('validate')
    .description('Validate stored values of one submission; lists each finding (exit 0 even when rules fire)')
    .requiredOption('--dataset <code>', 'dataset code')
    .requiredOption('--partner <code>', 'partner code')
    .requiredOption('--period <period>', 'ISO period')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (opts: { dataset: string; partner: string; period: string; format: string }) =>
      (await actions()).validateStored(withDatabase, opts),
    );

  program
    .command('indicators')
    .description('Compute an indicator (all data, published or not)')
    .requiredOption('--indicator <code>', 'indicator code')
    .option('--partner <code>', 'one partner')
    .option('--org-unit <code>', 'one org unit')
    .option('--period <period>', 'one period')
    .option('--from <period>', 'first period')
    .option('--to <period>', 'last period')
    .option('--dim <dim=code...>', 'dimension filter(s), e.g. case_category=civil_litigious')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .action(async (opts: IndicatorValuesOptions) => (await actions()).computeIndicatorValues(withDatabase, opts));

  program
    .command('export')
    .description('Export data')
    .command('values')
    .description('Export values of a dataset in the import layout')
    .requiredOption('--dataset <code>', 'dataset code')
    .option('--partner <code>', 'one partner')
    .option('--period <period>', 'one period')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'xlsx', 'json']).makeOptionMandatory())
    .action(async (opts: { dataset: string; partner?: string; period?: string; format: string }) =>
      (await actions()).exportValuesTo(withDatabase, opts),
    );
}
