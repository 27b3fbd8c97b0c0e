// `jha import …`, `jha validate`, `jha indicators`, `jha export values`: operator access to the
// statistics engine, audited with the CLI as actor.
import cliProgress from 'cli-progress';
import { Option, type Command } from 'commander';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { cliActor } from '../platform/audit/actor.js';
import type { Db } from '../platform/db/database.js';
import { AppError } from '../platform/errors.js';
import { importOrgUnits } from '../platform/partners/org-units.service.js';
import { CATALOG_DIR } from '../platform/paths.js';
import { loadCatalogs, type Catalog } from '../statistics/catalog.js';
import { dimensionsOf, exportValues } from '../statistics/export.service.js';
import { formatFromName, readCsv, readJson, readXlsx, writeCsv, writeJson, writeXlsx } from '../statistics/formats.js';
import { importValues } from '../statistics/import.service.js';
import { indicatorCsv } from '../statistics/indicators.csv.js';
import { indicatorValues } from '../statistics/indicators.service.js';
import { checkKey, computeFindings, toStored } from '../statistics/submissions.service.js';
import { queryValues } from '../statistics/submissions.repository.js';
import { requireDataset } from '../statistics/submissions.service.js';
import { parseCoordsKey } from '../statistics/values.js';

type WithDatabase = <T>(work: (db: Db) => Promise<T>) => Promise<T>;
const OPERATOR = { kind: 'operator', label: 'cli' } as const;

function bar(total: number, label: string): cliProgress.SingleBar | null {
  if (!process.stderr.isTTY && !process.env.JHA_PROGRESS) return null;
  const b = new cliProgress.SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total}`, stream: process.stderr, clearOnComplete: false }, cliProgress.Presets.shades_classic);
  b.start(total, 0);
  return b;
}

export function registerStatisticsCommands(program: Command, withDatabase: WithDatabase): void {
  const catalog = (): Catalog => loadCatalogs(CATALOG_DIR);
  const imports = program.command('import').description('Import org units or values from files');

  imports.command('org-units').description('Import org units from CSV (columns code,name,partner,kind,parent)').argument('<file>', 'CSV file')
    .action(async (file: string) => {
      const result = await withDatabase((db) => importOrgUnits(db, cliActor(), readFileSync(file, 'utf8')));
      process.stdout.write(`Org units: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.\n`);
    });

  imports.command('values').description('Import values from CSV, XLSX or JSON (by extension) in one transaction')
    .argument('<file>', 'file to import').option('--dry-run', 'show what would change without writing')
    .action(async (file: string, opts: { dryRun?: boolean }) => {
      const cat = catalog();
      const format = formatFromName(file);
      const size = statSync(file).size;
      const readBar = format === 'csv' && size > 5_000_000 ? bar(size, 'reading') : null;
      let rows;
      if (format === 'csv') {
        const stream = createReadStream(file);
        if (readBar) stream.on('data', () => readBar.update(stream.bytesRead));
        rows = await readCsv(stream, cat);
        readBar?.update(size);
        readBar?.stop();
      } else if (format === 'xlsx') {
        rows = await readXlsx(readFileSync(file), cat);
      } else {
        rows = readJson(readFileSync(file, 'utf8'), cat);
      }
      const writeBar = rows.length > 20000 ? bar(rows.length, opts.dryRun ? 'checking' : 'importing') : null;
      const summary = await withDatabase((db) => importValues(db, cat, OPERATOR, cliActor(), rows, { dryRun: !!opts.dryRun, onProgress: (done) => writeBar?.update(done) }));
      writeBar?.stop();
      const verb = summary.dryRun ? 'Dry run, nothing written: would create' : 'Imported: created';
      process.stdout.write(`${verb} ${summary.created}, ${summary.dryRun ? 'change' : 'changed'} ${summary.changed}, ${summary.dryRun ? 'leave' : 'left'} ${summary.unchanged} unchanged, in ${summary.submissions} submission(s) (${summary.rows} rows).\n`);
    });

  program.command('validate').description('Validate stored values of one submission; lists each finding (exit 0 even when rules fire)')
    .requiredOption('--dataset <code>', 'dataset code').requiredOption('--partner <code>', 'partner code').requiredOption('--period <period>', 'ISO period')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (opts: { dataset: string; partner: string; period: string; format: string }) => {
      const cat = catalog();
      const key = { dataset: opts.dataset, partner: opts.partner.toUpperCase(), period: opts.period };
      const findings = await withDatabase(async (db) => {
        const dataset = await checkKey(db, cat, key);
        const rows = await queryValues(db, { datasets: [key.dataset], partners: [key.partner], periods: [key.period] });
        return computeFindings(db, cat, dataset, key, toStored(rows));
      });
      const out = findings.map((f) => ({ rule: f.ruleCode, severity: f.severity, partner: key.partner, orgUnit: f.orgUnit || null, period: key.period, coords: { ...parseCoordsKey(f.coords) }, message: f.message, values: f.details }));
      if (opts.format === 'json') return void process.stdout.write(JSON.stringify(out, null, 2) + '\n');
      if (out.length === 0) return void process.stdout.write(`No findings for ${key.dataset} ${key.partner} ${key.period}.\n`);
      for (const f of out) {
        const where = [f.partner, f.orgUnit, f.period].filter(Boolean).join(' ');
        process.stdout.write(`${f.severity.toUpperCase().padEnd(7)} ${f.rule}  ${where}  ${f.message}\n        values: ${JSON.stringify(f.values)}\n`);
      }
    });

  program.command('indicators').description('Compute an indicator (all data, published or not)')
    .requiredOption('--indicator <code>', 'indicator code').option('--partner <code>', 'one partner').option('--org-unit <code>', 'one org unit')
    .option('--period <period>', 'one period').option('--from <period>', 'first period').option('--to <period>', 'last period')
    .option('--dim <dim=code...>', 'dimension filter(s), e.g. case_category=civil_litigious')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .action(async (opts: { indicator: string; partner?: string; orgUnit?: string; period?: string; from?: string; to?: string; dim?: string[]; format: string }) => {
      const cat = catalog();
      const dimensions = Object.fromEntries((opts.dim ?? []).map((d) => {
        const [k, v] = d.split('=');
        if (!k || !v) throw new AppError('usage', 2, `--dim expects dimension=code, not "${d}".`);
        return [k, v];
      }));
      const answer = await withDatabase((db) => indicatorValues(db, cat, OPERATOR, { code: opts.indicator, partner: opts.partner?.toUpperCase(), orgUnit: opts.orgUnit, period: opts.period, from: opts.from, to: opts.to, dimensions }));
      process.stdout.write(opts.format === 'json' ? JSON.stringify(answer, null, 2) + '\n' : indicatorCsv(cat, answer));
    });

  program.command('export').description('Export data').command('values').description('Export values of a dataset in the import layout')
    .requiredOption('--dataset <code>', 'dataset code').option('--partner <code>', 'one partner').option('--period <period>', 'one period')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'xlsx', 'json']).makeOptionMandatory())
    .action(async (opts: { dataset: string; partner?: string; period?: string; format: string }) => {
      const cat = catalog();
      const dataset = requireDataset(cat, opts.dataset);
      const rows = await withDatabase((db) => exportValues(db, cat, OPERATOR, { dataset: opts.dataset, partner: opts.partner?.toUpperCase(), period: opts.period }));
      if (opts.format === 'xlsx') {
        if (process.stdout.isTTY) throw new AppError('usage', 2, 'XLSX is binary: redirect it to a file, e.g. `jha export values … --format xlsx > values.xlsx`.');
        process.stdout.write(await writeXlsx(rows, dimensionsOf(cat, dataset)));
      } else {
        process.stdout.write(opts.format === 'json' ? writeJson(rows) + '\n' : writeCsv(rows, dimensionsOf(cat, dataset)));
      }
    });
}
