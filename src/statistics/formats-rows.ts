// What every value format shares: the exchange layout (ExportRow, ImportRow), the LIMITS a value file
// is read within, the check of its columns and of each record, and the messages of reading a file.
import { PayloadTooLargeError, ProblemsError, ValidationError, type MessageText } from '../platform/errors.js';
import type { Catalog } from './catalog.js';

export type ValueFormat = 'csv' | 'json' | 'xlsx';
export const FIXED_COLUMNS = [
  'dataset',
  'partner',
  'org_unit',
  'period',
  'variable',
  'value',
  'comment',
  'obs_status',
  'evidence',
  'status',
] as const;
const REQUIRED = ['dataset', 'partner', 'period', 'variable', 'value'];

const MB = 1024 * 1024;

/** What a value file may hold, in every format, for uploads and the CLI alike (README, "Limits"). */
export const LIMITS = {
  /** Data rows (the header not counted); in JSON, values. */
  rows: 1_000_000,
  /** XLSX: cells of the first worksheet, each row counted up to its last used column. */
  cells: 12_000_000,
  /** Characters of a comment. */
  commentLength: 2_000,
  /** Characters of the evidence links of a value (in a file: separated by spaces). */
  evidenceLength: 8_000,
  /** Characters of any other field (codes, periods, a value written as text) and of a column name. */
  codeLength: 120,
  /** Characters of one CSV record (all its fields). */
  csvRecordLength: 64 * 1024,
  /** XLSX: what the parts of the workbook unpack to, together. */
  xlsxUnpackedBytes: 512 * MB,
  /** XLSX: what the shared strings (the table of texts every sheet refers to) unpack to; they are kept in memory. */
  xlsxSharedStringsBytes: 100 * MB,
  /** XLSX: the workbook part and its relationships, read whole. */
  xlsxSmallPartBytes: 10 * MB,
} as const;

/** Rows read between two turns of the event loop. */
export const ROWS_PER_TURN = 2000;

export const count = (n: number) => n.toLocaleString('en-US');
export const megabytes = (n: number) => `${count(Math.ceil(n / MB))} MB`;

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
  /** Evidence links (http(s) URLs). */
  evidence?: string[];
}

export interface ImportRow extends ExportRow {
  /** Row in the file (CSV/XLSX: the header is row 1) or position in a JSON array (1-based). */
  row: number;
}

export async function collect(batches: AsyncIterable<ImportRow[]>): Promise<ImportRow[]> {
  const rows: ImportRow[] = [];
  for await (const batch of batches) for (const row of batch) rows.push(row);
  return rows;
}

export function checkHeader(header: string[], catalog: Catalog): string[] {
  if (header.some((h) => h.length > LIMITS.codeLength))
    throw new ValidationError(
      `The header has a column name longer than ${count(LIMITS.codeLength)} characters.`,
      { limit: 'codeLength', max: LIMITS.codeLength },
      fileText('column_name_too_long', { max: LIMITS.codeLength }),
    );
  const twice = header.find((h, i) => header.indexOf(h) !== i);
  if (twice !== undefined)
    throw new ValidationError(
      `The file has the column "${twice}" twice; each column may appear only once.`,
      { column: twice },
      fileText('column_twice', { column: twice }),
    );
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length)
    throw new ValidationError(
      `The file lacks the column(s) ${missing.join(', ')}; expected dataset,partner,org_unit,period,variable,<dimensions>,value,comment.`,
      { missing },
      fileText('columns_missing', { columns: missing.join(', '), expected: EXPECTED_COLUMNS }),
    );
  const dims = header.filter((h) => !(FIXED_COLUMNS as readonly string[]).includes(h));
  const unknown = dims.filter((d) => !catalog.dimensions.has(d));
  if (unknown.length)
    throw new ValidationError(
      `Unknown column(s) ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''}: neither a standard column nor a dimension of the catalogue.`,
      { unknown: unknown.slice(0, 100) },
      fileText('columns_unknown', { columns: `${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''}` }),
    );
  return dims;
}

/** The columns of a value file, as messages name them. */
const EXPECTED_COLUMNS = 'dataset,partner,org_unit,period,variable,<dimensions>,value,comment';

/** The text of a message of reading a file, in messages.json (file.*); codes and names are parameters, so that no script changes them. */
export function fileText(key: string, params?: MessageText['params']): MessageText {
  return { key: `file.${key}`, params };
}

/** A problem of one field of one row: the whole file is refused, naming both. */
export function fieldError(row: number, where: string, column: string, message: string, problem: MessageText): ValidationError {
  const listed = { row, column, message, text: problem };
  return new ProblemsError(
    `${where}, ${column}: ${message}`,
    [listed],
    { key: 'file.field_problem' },
    { key: 'import.row_problem', shown: 1 },
  );
}

export function tooManyRows(what: 'CSV file' | 'JSON file' | 'workbook', max: number = LIMITS.rows): PayloadTooLargeError {
  return new PayloadTooLargeError(
    `The ${what} has more than ${count(max)} ${what === 'JSON file' ? 'values' : 'rows'}; split it.`,
    { limit: 'rows', max },
    fileText(what === 'JSON file' ? 'too_many_values' : what === 'workbook' ? 'too_many_workbook_rows' : 'too_many_rows', { max }),
  );
}

/**
 * One record as an import row, or null for a row without a value. `where` names the row in messages
 * ("row 7", or "row 7 (values[6])" in JSON). Every field is a number or a text within its length limit,
 * and a number is finite.
 */
export function toRow(record: Record<string, unknown>, dims: string[], row: number, where = `row ${row}`): ImportRow | null {
  const scalar = (k: string, what: string) => {
    const v = record[k];
    if (typeof v === 'object' && v !== null && !(v instanceof Date))
      throw fieldError(
        row,
        where,
        k,
        `must be ${what}, not ${Array.isArray(v) ? 'an array' : 'an object'}.`,
        fileText(k === 'value' ? 'value_not_scalar' : 'field_not_scalar'),
      );
    return v;
  };
  const text = (k: string) => {
    const v = scalar(k, 'a text or a number');
    const s = v === undefined || v === null ? '' : String(v).trim();
    const limit = k === 'comment' ? LIMITS.commentLength : k === 'evidence' ? LIMITS.evidenceLength : LIMITS.codeLength;
    if (s.length > limit)
      throw fieldError(
        row,
        where,
        k,
        `is longer than ${count(limit)} characters, the limit for ${k === 'comment' ? 'a comment' : k === 'evidence' ? 'evidence links' : 'a code or a value'}.`,
        fileText(k === 'comment' ? 'comment_too_long' : k === 'evidence' ? 'evidence_too_long' : 'field_too_long', { max: limit }),
      );
    return s;
  };
  const raw = scalar('value', 'a number or a code such as NA');
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return null;
  // A row without a value is a template line left empty: it says nothing.
  if (typeof raw === 'number' && !Number.isFinite(raw))
    throw fieldError(row, where, 'value', `is not a finite number (it reads as ${raw}).`, fileText('not_finite', { value: String(raw) }));
  const value = typeof raw === 'number' ? raw : text('value');
  const coords: Record<string, string> = {};
  for (const d of dims) {
    const code = text(d);
    if (code !== '') coords[d] = code;
  }
  // Evidence: links separated by spaces, or (JSON) an array of them.
  const links = record.evidence;
  let evidence: string[] | undefined;
  if (Array.isArray(links)) {
    if (links.length > 100 || links.some((l) => typeof l !== 'string' || l.length > LIMITS.evidenceLength))
      throw fieldError(row, where, 'evidence', 'must be a list of links (texts).', fileText('evidence_not_list'));
    evidence = links as string[];
  } else {
    const given = text('evidence');
    evidence = given === '' ? undefined : given.split(/\s+/);
  }
  return {
    row,
    ...(evidence ? { evidence } : {}),
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

/** The import layout, with the workflow status last when the rows carry one (exports, not templates). */
export function columnsFor(dims: string[], withStatus: boolean, withEvidence = false): string[] {
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
    ...(withEvidence ? ['evidence'] : []),
    ...(withStatus ? ['status'] : []),
  ];
}

/** Whether rows carry evidence links: only then has the layout an `evidence` column (links separated by spaces). */
export const hasEvidence = (rows: ExportRow[]) => rows.some((r) => r.evidence && r.evidence.length > 0);

export function flatten(r: ExportRow, dims: string[], withStatus: boolean, withEvidence = false): (string | number)[] {
  const row: (string | number)[] = [
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
  if (withEvidence) row.push((r.evidence ?? []).join(' '));
  return withStatus ? [...row, r.status ?? ''] : row;
}
