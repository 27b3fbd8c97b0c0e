// Reading and writing values in the exchange formats: long CSV, JSON and XLSX. Columns:
// dataset,partner,org_unit,period,variable,<one column per dimension>,value,comment.
// Reading keeps the row number of every record so that errors can name it.
import { jsonDepth, MAX_JSON_DEPTH } from '../platform/http/input-hygiene.js';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { ValidationError } from '../platform/errors.js';
import type { Catalog } from './catalog.js';

export type ValueFormat = 'csv' | 'json' | 'xlsx';
export const FIXED_COLUMNS = ['dataset', 'partner', 'org_unit', 'period', 'variable', 'value', 'comment', 'obs_status', 'status'] as const;
const REQUIRED = ['dataset', 'partner', 'period', 'variable', 'value'];

/** One value in the exchange layout; `orgUnit` is '' for the partner's own figure. */
export interface ExportRow {
  dataset: string;
  partner: string;
  orgUnit: string;
  period: string;
  variable: string;
  coords: Record<string, string>;
  value: number | string | null;
  comment: string | null;
  /** SDMX observation status (A, B, E, P, M), or null. */
  obsStatus?: string | null;
  /** The workflow status of the value in an export (an import ignores it). */
  status?: string;
}

export interface ImportRow extends ExportRow {
  /** Row in the file (CSV/XLSX: the header is row 1) or position in a JSON array (1-based). */
  row: number;
}

export function formatFromName(name: string): ValueFormat {
  const ext = name.toLowerCase().split('.').pop();
  if (ext === 'csv' || ext === 'json' || ext === 'xlsx') return ext;
  throw new ValidationError(`file: "${name}" is not a .csv, .json or .xlsx file.`, { field: 'file' });
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MEDIA_TYPES: Record<string, ValueFormat> = { 'text/csv': 'csv', 'application/json': 'json', [XLSX_TYPE]: 'xlsx' };

/** The format an upload's media type names (see mediaTypeOf). */
export function formatFromMediaType(type: string): ValueFormat {
  const format = MEDIA_TYPES[type];
  if (!format)
    throw new ValidationError(`Content-Type "${type}" is not text/csv, application/json or ${XLSX_TYPE}.`, { field: 'content-type' });
  return format;
}

/**
 * Reads the rows of a value file in any of the formats, from an upload's bytes or a file's stream
 * (CSV is read as a stream; JSON and XLSX are read whole). The one parser of uploads and the CLI.
 */
export async function readValueFile(format: ValueFormat, input: Buffer | Readable, catalog: Catalog): Promise<ImportRow[]> {
  if (format === 'csv') return readCsv(Buffer.isBuffer(input) ? Readable.from([input]) : input, catalog);
  const bytes = Buffer.isBuffer(input) ? input : await buffer(input);
  return format === 'xlsx' ? readXlsx(bytes, catalog) : readJson(bytes.toString('utf8'), catalog);
}

function checkHeader(header: string[], catalog: Catalog): string[] {
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length)
    throw new ValidationError(
      `The file lacks the column(s) ${missing.join(', ')}; expected dataset,partner,org_unit,period,variable,<dimensions>,value,comment.`,
      { missing },
    );
  const dims = header.filter((h) => !(FIXED_COLUMNS as readonly string[]).includes(h));
  const unknown = dims.filter((d) => !catalog.dimensions.has(d));
  if (unknown.length)
    throw new ValidationError(`Unknown column(s) ${unknown.join(', ')}: neither a standard column nor a dimension of the catalogue.`, {
      unknown,
    });
  return dims;
}

function toRow(record: Record<string, unknown>, dims: string[], row: number): ImportRow | null {
  const text = (k: string) => {
    const v = record[k];
    return v === undefined || v === null ? '' : String(v).trim();
  };
  const raw = record.value;
  const value =
    raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')
      ? null
      : typeof raw === 'number'
        ? raw
        : String(raw).trim();
  // A row without a value is a template line left empty: it says nothing.
  if (value === null) return null;
  const coords: Record<string, string> = {};
  for (const d of dims) if (text(d) !== '') coords[d] = text(d);
  return {
    row,
    dataset: text('dataset'),
    partner: text('partner').toUpperCase(),
    orgUnit: text('org_unit'),
    period: text('period'),
    variable: text('variable'),
    coords,
    value,
    comment: text('comment') || null,
    obsStatus: text('obs_status') || null,
  };
}

/** Streams a CSV file into rows; `onRow` reports progress. */
export async function readCsv(input: Readable, catalog: Catalog, onRow?: (n: number) => void): Promise<ImportRow[]> {
  const parser = input.pipe(parse({ bom: true, skip_empty_lines: true, trim: true, relax_column_count: false }));
  const rows: ImportRow[] = [];
  let header: string[] | null = null;
  let dims: string[] = [];
  let line = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      line += 1;
      if (!header) {
        header = record.map((h) => h.trim().toLowerCase());
        dims = checkHeader(header, catalog);
        continue;
      }
      const obj: Record<string, string> = {};
      header.forEach((h, i) => (obj[h] = record[i] ?? ''));
      const row = toRow(obj, dims, line);
      if (row) rows.push(row);
      if (onRow && line % 10000 === 0) onRow(line);
    }
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    throw new ValidationError(`The CSV file cannot be read: ${(err as Error).message}`);
  }
  if (!header) throw new ValidationError('The CSV file is empty.');
  return rows;
}

export function readJson(text: string, catalog: Catalog): ImportRow[] {
  let data: unknown;
  // A value file is an array of flat objects: anything much deeper is no value file (and would exhaust the stack).
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
    throw new ValidationError(`The JSON file is nested deeper than ${MAX_JSON_DEPTH} levels; a value file is an array of flat objects.`);
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ValidationError(`The JSON file cannot be read: ${(err as Error).message}`);
  }
  const list = Array.isArray(data) ? data : (data as { values?: unknown })?.values;
  if (!Array.isArray(list)) throw new ValidationError('The JSON file must be an array of values, or an object with a "values" array.');
  const rows: ImportRow[] = [];
  list.forEach((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw new ValidationError(`values[${i}]: must be an object.`, { row: i + 1 });
    const flat: Record<string, unknown> = Object.create(null);
    for (const [k, v] of Object.entries(item)) {
      if (k === 'coords' && typeof v === 'object' && v !== null) Object.assign(flat, v);
      else flat[k === 'orgUnit' ? 'org_unit' : k] = v;
    }
    let dims: string[];
    try {
      dims = checkHeader(Object.keys(flat), catalog);
    } catch (err) {
      throw new ValidationError(`values[${i}]: ${(err as Error).message}`, { row: i + 1 });
    }
    const row = toRow(flat, dims, i + 1);
    if (row) rows.push(row);
  });
  return rows;
}

export async function readXlsx(buffer: Buffer, catalog: Catalog): Promise<ImportRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (err) {
    throw new ValidationError(`The XLSX file cannot be read: ${(err as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ValidationError('The XLSX file has no worksheet.');
  const header = ((sheet.getRow(1).values as unknown[]) ?? []).slice(1).map((v) =>
    String(v ?? '')
      .trim()
      .toLowerCase(),
  );
  const dims = checkHeader(header, catalog);
  const rows: ImportRow[] = [];
  sheet.eachRow((r, n) => {
    if (n === 1) return;
    const cells = (r.values as unknown[]).slice(1);
    const obj: Record<string, unknown> = {};
    header.forEach((h, i) => {
      const c = cells[i];
      obj[h] = c !== null && typeof c === 'object' && 'result' in (c as object) ? (c as { result: unknown }).result : c;
    });
    const row = toRow(obj, dims, n);
    if (row) rows.push(row);
  });
  return rows;
}

/** The import layout, with the workflow status last when the rows carry one (exports, not templates). */
function columnsFor(dims: string[], withStatus: boolean): string[] {
  return [
    'dataset',
    'partner',
    'org_unit',
    'period',
    'variable',
    ...dims,
    'value',
    'comment',
    'obs_status',
    ...(withStatus ? ['status'] : []),
  ];
}

function flatten(r: ExportRow, dims: string[], withStatus: boolean): (string | number)[] {
  const row = [
    r.dataset,
    r.partner,
    r.orgUnit,
    r.period,
    r.variable,
    ...dims.map((d) => r.coords[d] ?? ''),
    r.value ?? '',
    r.comment ?? '',
    r.obsStatus ?? '',
  ];
  return withStatus ? [...row, r.status ?? ''] : row;
}

export function writeCsv(rows: ExportRow[], dims: string[]): string {
  const withStatus = rows.some((r) => r.status);
  return stringify([columnsFor(dims, withStatus), ...rows.map((r) => flatten(r, dims, withStatus))]);
}

export function writeJson(rows: ExportRow[]): string {
  return JSON.stringify(
    {
      values: rows.map((r) => ({
        dataset: r.dataset,
        partner: r.partner,
        org_unit: r.orgUnit || null,
        period: r.period,
        variable: r.variable,
        coords: r.coords,
        value: r.value,
        comment: r.comment,
        obs_status: r.obsStatus ?? null,
        ...(r.status ? { status: r.status } : {}),
      })),
    },
    null,
    2,
  );
}

/** An XLSX workbook in the import layout; `note` goes to a second sheet for the person filling it in. */
export async function writeXlsx(rows: ExportRow[], dims: string[], note?: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'JHA Hub';
  const sheet = workbook.addWorksheet('values');
  const withStatus = rows.some((r) => r.status);
  const columns = columnsFor(dims, withStatus);
  sheet.columns = columns.map((c) => ({ header: c, key: c, width: c === 'variable' ? 28 : c === 'comment' ? 40 : 16 }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) sheet.addRow(flatten(r, dims, withStatus));
  if (note) workbook.addWorksheet('read me').addRows(note.split('\n').map((line) => [line]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
