// The work behind `jha import …`, `jha validate`, `jha indicators` and `jha export values`;
// loaded only when one of them runs, so that other commands start quickly.
import { counted } from '../platform/words.js';
import cliProgress from 'cli-progress';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { pipeline, Transform } from 'node:stream';
import { cliActor } from '../platform/audit/actor.js';
import type { Db } from '../platform/db/database.js';
import { AppError } from '../platform/errors.js';
import { uploadedText } from '../platform/http/input-hygiene.js';
import { importOrgUnits } from '../platform/partners/org-units.service.js';
import type { CommandRunner } from '../platform/module.js';
import { orgUnitKinds, type CatalogContext } from './catalog.js';
import { dimensionsOf, exportValues } from './export.service.js';
import { formatFromName, readValueBatches, writeCsv, writeJson, writeXlsx } from './formats.js';
import { importValueBatches } from './import.service.js';
import { indicatorCsv } from './indicators.csv.js';
import { indicatorValues } from './indicators.service.js';
import { checkKey, computeFindings, toStored } from './submissions.service.js';
import { queryValues } from './submissions.service.js';
import { requireDataset } from './submissions.service.js';
import { parseCoordsKey } from './values.js';

export type WithDatabase = CommandRunner<CatalogContext>;
const OPERATOR = { kind: 'operator', label: 'cli' } as const;

/** A progress bar on stderr: on a terminal, or anywhere with JHA_PROGRESS set (then one line per redraw). */
function bar(total: number, label: string): cliProgress.SingleBar | null {
  if (!process.stderr.isTTY && !process.env.JHA_PROGRESS) return null;
  const b = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total}`,
      stream: process.stderr,
      clearOnComplete: false,
      // cli-progress draws nothing on a stream that is no terminal unless told to.
      noTTYOutput: !process.stderr.isTTY,
    },
    cliProgress.Presets.shades_classic,
  );
  b.start(total, 0);
  return b;
}

export async function importOrgUnitsFile(withDatabase: WithDatabase, file: string): Promise<void> {
  const result = await withDatabase((db) =>
    importOrgUnits(db, cliActor(), uploadedText(readFileSync(file), `The file ${file}`), orgUnitKinds(withDatabase.context().catalog)),
  );
  process.stdout.write(`Org units: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.\n`);
}

export async function importValuesFile(
  withDatabase: WithDatabase,
  file: string,
  opts: { dryRun?: boolean; maxRows?: number },
): Promise<void> {
  const cat = withDatabase.context().catalog;
  const format = formatFromName(file);
  const size = statSync(file).size;
  // Rows are read, checked and written as the file streams in: the progress is that of the reading.
  const progress = size > 5_000_000 ? bar(size, opts.dryRun ? 'checking' : 'importing') : null;
  // Counted on its way to the reader (a 'data' listener would start the file flowing before the reader takes it).
  let read = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      read += chunk.length;
      progress?.update(read);
      done(null, chunk);
    },
  });
  const stream = progress ? pipeline(createReadStream(file), counter, () => {}) : createReadStream(file);
  const summary = await withDatabase((db) =>
    importValueBatches(db, cat, OPERATOR, cliActor(), readValueBatches(format, stream, cat, { maxRows: opts.maxRows }), {
      dryRun: !!opts.dryRun,
    }),
  );
  progress?.update(size);
  progress?.stop();
  const verb = summary.dryRun ? 'Dry run, nothing written: would create' : 'Imported: created';
  process.stdout.write(
    `${verb} ${summary.created}, ${summary.dryRun ? 'change' : 'changed'} ${summary.changed}, ${summary.dryRun ? 'leave' : 'left'} ${summary.unchanged} unchanged, in ${counted(summary.submissions, 'submission')} (${counted(summary.rows, 'row')}).\n`,
  );
}

export async function validateStored(
  withDatabase: WithDatabase,
  opts: { dataset: string; partner: string; period: string; format: string },
): Promise<void> {
  const cat = withDatabase.context().catalog;
  const key = { dataset: opts.dataset, partner: opts.partner.toUpperCase(), period: opts.period };
  const findings = await withDatabase(async (db) => {
    const dataset = await checkKey(db, cat, key);
    const rows = await queryValues(db, { datasets: [key.dataset], partners: [key.partner], periods: [key.period] });
    return computeFindings(db, cat, dataset, key, toStored(rows));
  });
  const out = findings.map((f) => ({
    rule: f.ruleCode,
    severity: f.severity,
    partner: key.partner,
    orgUnit: f.orgUnit || null,
    period: key.period,
    coords: { ...parseCoordsKey(f.coords) },
    message: f.message,
    values: f.details,
  }));
  if (opts.format === 'json') return void process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  if (out.length === 0) return void process.stdout.write(`No findings for ${key.dataset} ${key.partner} ${key.period}.\n`);
  for (const f of out) {
    const where = [f.partner, f.orgUnit, f.period].filter(Boolean).join(' ');
    process.stdout.write(
      `${f.severity.toUpperCase().padEnd(7)} ${f.rule}  ${where}  ${f.message}\n        values: ${JSON.stringify(f.values)}\n`,
    );
  }
}

/** The options of `jha indicators values`. */
export interface IndicatorValuesOptions {
  indicator: string;
  partner?: string;
  orgUnit?: string;
  period?: string;
  from?: string;
  to?: string;
  dim?: string[];
  format: string;
}

export async function computeIndicatorValues(withDatabase: WithDatabase, opts: IndicatorValuesOptions): Promise<void> {
  const cat = withDatabase.context().catalog;
  const dimensions = Object.fromEntries(
    (opts.dim ?? []).map((d) => {
      const [k, v] = d.split('=');
      if (!k || !v) throw new AppError('usage', 2, `--dim expects dimension=code, not "${d}".`);
      return [k, v];
    }),
  );
  const answer = await withDatabase((db) =>
    indicatorValues(db, cat, OPERATOR, {
      code: opts.indicator,
      partner: opts.partner?.toUpperCase(),
      orgUnit: opts.orgUnit,
      period: opts.period,
      from: opts.from,
      to: opts.to,
      dimensions,
    }),
  );
  process.stdout.write(opts.format === 'json' ? JSON.stringify(answer, null, 2) + '\n' : indicatorCsv(cat, answer));
}

export async function exportValuesTo(
  withDatabase: WithDatabase,
  opts: { dataset: string; partner?: string; period?: string; format: string },
): Promise<void> {
  const cat = withDatabase.context().catalog;
  const dataset = requireDataset(cat, opts.dataset);
  const rows = await withDatabase((db) =>
    exportValues(db, cat, OPERATOR, { dataset: opts.dataset, partner: opts.partner?.toUpperCase(), period: opts.period }),
  );
  if (opts.format === 'xlsx') {
    if (process.stdout.isTTY)
      throw new AppError('usage', 2, 'XLSX is binary: redirect it to a file, e.g. `jha export values … --format xlsx > values.xlsx`.');
    process.stdout.write(await writeXlsx(rows, dimensionsOf(cat, dataset)));
  } else {
    process.stdout.write(opts.format === 'json' ? writeJson(rows) + '\n' : writeCsv(rows, dimensionsOf(cat, dataset)));
  }
}
