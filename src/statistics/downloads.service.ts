// Downloads of a dataset's values and of an indicator's figures as CSV (the existing layouts, or
// with codes and names: `labels`), XLSX (data and metadata sheets) and SDMX-CSV 2.0. Everything is
// read through the read model as the viewer may see it; SDMX-CSV, the open-data exchange format,
// holds published figures only, whoever asks (it has no column to mark a draft).
import type { Db } from '../platform/db/database.js';
import { ValidationError } from '../platform/errors.js';
import { listAllOrgUnits, listPartners } from '../platform/partners/partners.service.js';
import type { Viewer } from '../platform/viewer.js';
import type { Catalog, Dataset, Indicator } from './catalog.js';
import { downloadWorkbook, type MetadataSheet } from './download-xlsx.js';
import { dimensionsOf, exportValues } from './export.service.js';
import { writeCsv, XLSX_TYPE, type ExportRow } from './formats.js';
import { indicatorCsv } from './indicators.csv.js';
import { indicatorValues, requireIndicator, type IndicatorAnswer, type IndicatorQuery } from './indicators.service.js';
import {
  importLayoutTable,
  indicatorLayoutTable,
  indicatorTable,
  tableCsv,
  valuesTable,
  type Labels,
  type Names,
  type Table,
} from './labelled-table.js';
import { citation, DATA_LICENCE, KOSOVO_FOOTNOTE } from './open-data.js';
import { lastPublication, parseAsOf, readCells, readValues, workingScope, type ReadOptions } from './read-model.service.js';
import { datasetDataflow, indicatorDataflow, SDMX_CSV_TYPE, type SdmxReference } from './sdmx.js';
import { indicatorSdmxCsv, noteKey, valuesSdmxCsv, type FigureNote } from './sdmx-csv.js';
import { requireDataset } from './submissions.service.js';
import { coordsKey, parseCoordsKey, type SpecialCode } from './values.js';

export type DownloadFormat = 'csv' | 'xlsx' | 'sdmx-csv';
export type { Labels };

export interface Download {
  body: string | Buffer;
  type: string;
  filename: string;
}

const CSV_TYPE = 'text/csv; charset=utf-8';

/** The partners and org units (code and name) the label columns and the SDMX code lists name. */
export async function sdmxReference(db: Db): Promise<SdmxReference> {
  const [partners, units] = await Promise.all([listPartners(db), listAllOrgUnits(db)]);
  return {
    partners: partners.map((p) => ({ code: p.code, name: p.name })),
    orgUnits: units.map((u) => ({ code: u.code, name: u.name, kind: u.kind })),
  };
}

export function namesOf(ref: SdmxReference): Names {
  const partners = new Map(ref.partners.map((p) => [p.code, p.name]));
  const units = new Map(ref.orgUnits.map((u) => [u.code, u.name]));
  return { partner: (code) => partners.get(code) ?? code, orgUnit: (code) => units.get(code) ?? code };
}

/** The read options of a format: SDMX-CSV reads releases only. */
export function readOptionsFor(format: DownloadFormat | 'json', options: ReadOptions): ReadOptions {
  return format === 'sdmx-csv' ? { ...options, publishedOnly: true } : options;
}

/** What the figures of a download are, in words, for its metadata. */
function scopeText(viewer: Viewer, options: ReadOptions): string {
  if (workingScope(viewer, options).kind === 'none')
    return options.asOf ? `Published figures, as published at ${options.asOf}` : 'Published figures';
  return 'The figures you may see, unpublished ones included: the status column says what each rests on';
}

/** The rows of the metadata sheet every download shares: the figures, the last release, licence, citation, Kosovo. */
function commonAbout(what: string, last: string | null, viewer: Viewer, options: ReadOptions, source: string): [string, string][] {
  return [
    ['Figures', scopeText(viewer, options)],
    ['Last release', last ?? 'none'],
    ['Downloaded from', source],
    ['Licence', `${DATA_LICENCE.name}, ${DATA_LICENCE.url}`],
    ['Citation', citation(what, options.asOf ?? last, source)],
    ['Footnote', KOSOVO_FOOTNOTE],
  ];
}

export interface DatasetDownloadQuery {
  dataset: string;
  partner?: string;
  period?: string;
  asOf?: string;
  publishedOnly?: boolean;
  format: DownloadFormat;
  labels?: Labels;
  /** Where the download comes from, for its citation. */
  source: string;
}

/** A dataset's values as CSV, XLSX or SDMX-CSV. */
export async function datasetDownload(db: Db, catalog: Catalog, viewer: Viewer, q: DatasetDownloadQuery): Promise<Download> {
  const dataset = requireDataset(catalog, q.dataset);
  const options = readOptionsFor(q.format, { asOf: parseAsOf(q.asOf), publishedOnly: q.publishedOnly });
  const rows = await exportValues(db, catalog, viewer, {
    dataset: q.dataset,
    partner: q.partner,
    period: q.period,
    asOf: options.asOf,
    publishedOnly: options.publishedOnly,
  });
  const name = `${q.dataset}${q.partner ? `-${q.partner}` : ''}${q.period ? `-${q.period}` : ''}`;
  if (q.format === 'csv' && !q.labels)
    return { body: writeCsv(rows, dimensionsOf(catalog, dataset)), type: CSV_TYPE, filename: `${name}.csv` };
  const ref = await sdmxReference(db);
  if (q.format === 'sdmx-csv')
    return {
      body: valuesSdmxCsv(catalog, dataset, datasetDataflow(catalog, dataset, ref), rows),
      type: SDMX_CSV_TYPE,
      filename: `${name}.sdmx.csv`,
    };
  const table = q.labels
    ? valuesTable(catalog, dataset, rows, namesOf(ref), q.labels)
    : importLayoutTable(dimensionsOf(catalog, dataset), rows);
  if (q.format === 'csv') return { body: tableCsv(table), type: CSV_TYPE, filename: `${name}.csv` };
  const last = await lastPublication(db, { datasets: [dataset.code], partners: q.partner ? [q.partner] : undefined }, options);
  const metadata = datasetMetadata(catalog, dataset, commonAbout(dataset.label, last, viewer, options, q.source));
  return { body: await downloadWorkbook(table, metadata), type: XLSX_TYPE, filename: `${name}.xlsx` };
}

/** The metadata sheet of a dataset: the dataset, then its variables with their metadata. */
function datasetMetadata(catalog: Catalog, dataset: Dataset, common: [string, string][]): MetadataSheet {
  return {
    about: [['Dataset', `${dataset.label} (${dataset.code})`], ['Periodicity', dataset.periodType], ...common],
    table: {
      header: ['variable', 'label', 'unit', 'definition', 'method', 'source', 'periodicity', 'footnotes'],
      rows: dataset.variables.map((code) => {
        const v = catalog.variables.get(code)!;
        return [v.code, v.label, v.unit, v.definition ?? '', v.method ?? '', v.source ?? '', v.periodicity ?? '', v.footnotes.join('\n')];
      }),
    },
  };
}

/** The metadata sheet of an indicator: definition, method, unit, source, periodicity, filters, footnotes and the common rows. */
function indicatorMetadata(indicator: Indicator, answer: IndicatorAnswer, common: [string, string][]): MetadataSheet {
  const filters = Object.entries(answer.dimensions).map(([d, c]) => `${d} = ${c}`);
  return {
    about: [
      ['Indicator', `${indicator.label} (${indicator.code})`],
      ['Description', indicator.description],
      ['Definition', indicator.definition ?? ''],
      ['Method', indicator.method ?? ''],
      ['Unit', indicator.unit],
      ['Source', indicator.source ?? ''],
      ['Periodicity', indicator.periodicity ?? ''],
      ['Breakdown', filters.length ? filters.join(', ') : 'Total'],
      ...common,
      ...indicator.footnotes.map((f): [string, string] => ['Footnote', f]),
    ],
  };
}

export interface IndicatorDownloadQuery extends IndicatorQuery {
  format: DownloadFormat;
  labels?: Labels;
  source: string;
}

/** An indicator's figures as CSV, XLSX or SDMX-CSV (partners and the region; SDMX-CSV without org units). */
export async function indicatorDownload(db: Db, catalog: Catalog, viewer: Viewer, q: IndicatorDownloadQuery): Promise<Download> {
  const indicator = requireIndicator(catalog, q.code);
  if (q.format === 'sdmx-csv' && q.orgUnit)
    throw new ValidationError('orgUnit: SDMX-CSV gives the partners’ and the region’s figures; leave out orgUnit.', { field: 'orgUnit' });
  const options = readOptionsFor(q.format, { asOf: parseAsOf(q.asOf), publishedOnly: q.publishedOnly });
  const answer = await indicatorValues(db, catalog, viewer, { ...q, asOf: options.asOf, publishedOnly: options.publishedOnly });
  if (q.format === 'csv' && !q.labels) return { body: indicatorCsv(catalog, answer), type: CSV_TYPE, filename: `${indicator.code}.csv` };
  const [ref, notes] = await Promise.all([sdmxReference(db), figureNotes(db, catalog, viewer, options, indicator, answer)]);
  if (q.format === 'sdmx-csv')
    return {
      body: indicatorSdmxCsv(catalog, indicator, indicatorDataflow(catalog, indicator, ref), answer, notes),
      type: SDMX_CSV_TYPE,
      filename: `${indicator.code}.sdmx.csv`,
    };
  const table: Table = q.labels
    ? indicatorTable(catalog, indicator, answer, notes, namesOf(ref), q.labels)
    : indicatorLayoutTable(catalog, indicator, answer);
  if (q.format === 'csv') return { body: tableCsv(table), type: CSV_TYPE, filename: `${indicator.code}.csv` };
  const last = await lastPublication(db, { datasets: indicator.datasets, partners: q.partner ? [q.partner] : undefined }, options);
  const metadata = indicatorMetadata(indicator, answer, commonAbout(indicator.label, last, viewer, options, q.source));
  return { body: await downloadWorkbook(table, metadata), type: XLSX_TYPE, filename: `${indicator.code}.xlsx` };
}

const CODE_ORDER: SpecialCode[] = ['NQ', 'NA', 'NAP'];
const STATUS_ORDER = ['B', 'E', 'P', 'M', 'A'];

/**
 * Per partner and period of the answer: the special code behind a missing figure (an input given
 * as NQ, NA or NAP, in that order) and the observation status of its inputs, read as the figures
 * were. An input's status is that of the value given for the breakdown asked for, or, when none
 * is given, that of the finer values it is summed from; the figure takes the first of B, E, P, M,
 * A among its inputs.
 */
async function figureNotes(
  db: Db,
  catalog: Catalog,
  viewer: Viewer,
  options: ReadOptions,
  indicator: Indicator,
  answer: IndicatorAnswer,
): Promise<Map<string, FigureNote>> {
  const notes = new Map<string, FigureNote>();
  if (answer.periods.length === 0) return notes;
  const read = { datasets: indicator.datasets, variables: indicator.variables, periods: answer.periods };
  const [cells, values] = await Promise.all([readCells(db, viewer, options, read), readValues(db, viewer, options, read)]);
  const filterOf = (variable: string) => {
    const dims = catalog.variables.get(variable)!.dimensions;
    return Object.fromEntries(Object.entries(answer.dimensions).filter(([d]) => dims.includes(d)));
  };
  const wanted = new Map(indicator.variables.map((v) => [v, coordsKey(filterOf(v))]));
  const note = (partner: string, period: string) => {
    const key = noteKey(partner, period);
    let n = notes.get(key);
    if (!n) notes.set(key, (n = { code: null, obsStatus: null }));
    return n;
  };
  for (const c of cells) {
    if (c.code === null || c.source === 'partial' || wanted.get(c.variable) !== c.coords) continue;
    const n = note(c.partner, c.period);
    if (n.code === null || CODE_ORDER.indexOf(c.code) < CODE_ORDER.indexOf(n.code)) n.code = c.code;
  }
  // Per partner, period and variable: the given value's status, or the statuses of the finer values.
  const inputs = new Map<string, { partner: string; period: string; given: string | null | undefined; finer: string[] }>();
  for (const v of values) {
    const key = `${noteKey(v.partner, v.period)}|${v.variable}`;
    let input = inputs.get(key);
    if (!input) inputs.set(key, (input = { partner: v.partner, period: v.period, given: undefined, finer: [] }));
    if (v.orgUnit === '' && v.coords === wanted.get(v.variable)) {
      input.given = v.obsStatus;
      continue;
    }
    const coords = parseCoordsKey(v.coords);
    const matches = Object.entries(filterOf(v.variable)).every(([d, code]) => coords[d] === code);
    if (matches && v.obsStatus) input.finer.push(v.obsStatus);
  }
  for (const input of inputs.values()) {
    const statuses = input.given !== undefined ? (input.given ? [input.given] : []) : input.finer;
    for (const status of statuses) {
      if (!STATUS_ORDER.includes(status)) continue;
      const n = note(input.partner, input.period);
      if (n.obsStatus === null || STATUS_ORDER.indexOf(status) < STATUS_ORDER.indexOf(n.obsStatus)) n.obsStatus = status;
    }
  }
  return notes;
}

/** Rows of every published value of a dataset (for the bulk download): the export as the public reads it. */
export function publishedValues(db: Db, catalog: Catalog, dataset: string, asOf?: string): Promise<ExportRow[]> {
  return exportValues(db, catalog, { kind: 'public' }, { dataset, asOf, publishedOnly: true });
}
