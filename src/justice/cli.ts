// `jha import cases`: a court's case-management export as CEPEJ counts. The work is in
// cli.actions.ts, imported on demand (it brings in DuckDB).
import type { Command } from 'commander';
import { commandGroup } from '../platform/cli/io.js';
import type { CommandRunner } from '../platform/module.js';
import type { CatalogContext } from '../statistics/catalog.js';

export function registerJusticeCommands(program: Command, withDatabase: CommandRunner<CatalogContext>): void {
  commandGroup(program, 'import', 'Import org units, values or case files')
    .command('cases')
    .description('Import a case-level file (CSV or Parquet, one row per case) as CEPEJ counts of justice.annual (drafts)')
    .argument('<file>', 'CSV or Parquet file')
    .requiredOption('--partner <code>', 'the partner whose courts the cases belong to')
    .option('--years <range>', 'years to count, e.g. 2019-2024 (default: all years in the file)')
    .option(
      '--mapping <file>',
      "mapping of national columns, date format and case types (default: the partner's stored mapping, or catalogue columns and codes)",
    )
    .option('--rejected <file>', 'write the first 1,000 rejected rows to this CSV file')
    .action(async (file: string, opts: { partner: string; years?: string; mapping?: string; rejected?: string }) =>
      (await import('./cli.actions.js')).importCasesFile(withDatabase, file, opts),
    );
}
