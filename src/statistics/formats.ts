// Reading and writing values in the exchange formats: long CSV, JSON and XLSX. Columns:
// dataset,partner,org_unit,period,variable,<one column per dimension>,value,comment.
// Reading keeps the row number of every record so that errors can name it, and is bounded (LIMITS):
// rows, cells, the length of a field and the unpacked size of a workbook are checked while reading,
// before the work is done, and the reading yields to the event loop so that the server keeps answering.
import { duplicateJsonKey, jsonDepth, MAX_JSON_DEPTH } from '../platform/http/input-hygiene.js';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { posix } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { clientMessage } from '../platform/client-message.js';
import {
  AppError,
  PayloadTooLargeError,
  ProblemsError,
  UnsupportedMediaTypeError,
  ValidationError,
  type MessageText,
} from '../platform/errors.js';
import { spreadsheetSafe } from '../platform/exports/tables.js';
import type { Catalog } from './catalog.js';
import { storedHeader, unpack, unreadable, zipEntries, type ZipEntry } from './zip-parts.js';

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
const ROWS_PER_TURN = 2000;
const CHUNK = 64 * 1024;

const count = (n: number) => n.toLocaleString('en-US');
const megabytes = (n: number) => `${count(Math.ceil(n / MB))} MB`;

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

export function formatFromName(name: string): ValueFormat {
  const ext = name.toLowerCase().split('.').pop();
  if (ext === 'csv' || ext === 'json' || ext === 'xlsx') return ext;
  throw new ValidationError(
    `file: "${name}" is not a .csv, .json or .xlsx file.`,
    { field: 'file' },
    fileText('not_a_value_file', { name, field: 'file', csv: '.csv', json: '.json', xlsx: '.xlsx' }),
  );
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MEDIA_TYPES: Record<string, ValueFormat> = { 'text/csv': 'csv', 'application/json': 'json', [XLSX_TYPE]: 'xlsx' };

/** The format an upload's media type names (see mediaTypeOf); another type is refused with 415. */
export function formatFromMediaType(type: string): ValueFormat {
  const format = MEDIA_TYPES[type];
  if (!format)
    throw new UnsupportedMediaTypeError(
      `Content-Type "${type}" is not text/csv, application/json or ${XLSX_TYPE}.`,
      fileText('media_type', { type, header: 'Content-Type', csv: 'text/csv', json: 'application/json', xlsx: XLSX_TYPE }),
    );
  return format;
}

/** A buffer as a stream of small chunks, so that no parser takes it in one synchronous step. */
function chunked(bytes: Buffer): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += CHUNK) yield bytes.subarray(at, at + CHUNK);
    })(),
    { objectMode: false },
  );
}

/**
 * Reads the rows of a value file in any of the formats, from an upload's bytes or a file's stream
 * (CSV is read as a stream; JSON and XLSX are buffered, the XLSX's worksheet then streamed). The one
 * parser of uploads and the CLI, within LIMITS.
 */
export async function readValueFile(format: ValueFormat, input: Buffer | Readable, catalog: Catalog): Promise<ImportRow[]> {
  return collect(readValueBatches(format, input, catalog));
}

/**
 * The rows of a value file as readValueFile reads them, a batch at a time as they are read (at most
 * ROWS_PER_TURN rows each), so that a caller can work on them without holding the whole file's rows.
 * A problem anywhere in the file is thrown when the reading reaches it, after the batches before it.
 * `maxRows` raises the row limit of a CSV file (the CLI's --max-rows, for a file of the operator's).
 */
export async function* readValueBatches(
  format: ValueFormat,
  input: Buffer | Readable,
  catalog: Catalog,
  opts: { maxRows?: number } = {},
): AsyncGenerator<ImportRow[]> {
  if (format === 'csv') return yield* csvBatches(Buffer.isBuffer(input) ? chunked(input) : input, catalog, undefined, opts.maxRows);
  const bytes = Buffer.isBuffer(input) ? input : await buffer(input);
  if (format === 'xlsx') return yield* xlsxBatches(bytes, catalog);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ValidationError('The JSON file is not valid UTF-8; save it as UTF-8.', undefined, fileText('json_not_utf8'));
  }
  yield* jsonBatches(text, catalog);
}

async function collect(batches: AsyncIterable<ImportRow[]>): Promise<ImportRow[]> {
  const rows: ImportRow[] = [];
  for await (const batch of batches) for (const row of batch) rows.push(row);
  return rows;
}

/**
 * The objects a stream holds, as many at a time as are buffered: `for await` over the stream
 * itself costs a promise per record, which is most of the reading of a large CSV file.
 */
async function* buffered<T>(stream: Readable): AsyncGenerator<T[]> {
  let failure: unknown = null;
  let ended = false;
  let wake: (() => void) | null = null;
  const onError = (err: unknown) => {
    failure ??= err;
    wake?.();
  };
  const onEnd = () => {
    ended = true;
    wake?.();
  };
  const onClose = () => {
    if (!stream.readableEnded) failure ??= stream.errored ?? new Error('Premature close');
    wake?.();
  };
  const onReadable = () => wake?.();
  stream.on('error', onError);
  stream.on('end', onEnd);
  stream.on('close', onClose);
  stream.on('readable', onReadable);
  try {
    for (;;) {
      const batch: T[] = [];
      for (let item = stream.read() as T | null; item !== null; item = stream.read() as T | null) batch.push(item);
      if (batch.length > 0) {
        yield batch;
        // Read again before waiting: what arrived while the batch was worked on raised no event to wait for.
        continue;
      }
      if (failure) throw failure;
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  } finally {
    stream.off('error', onError);
    stream.off('end', onEnd);
    stream.off('close', onClose);
    stream.off('readable', onReadable);
  }
}

function checkHeader(header: string[], catalog: Catalog): string[] {
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
function fileText(key: string, params?: MessageText['params']): MessageText {
  return { key: `file.${key}`, params };
}

/** A problem of one field of one row: the whole file is refused, naming both. */
function fieldError(row: number, where: string, column: string, message: string, problem: MessageText): ValidationError {
  const listed = { row, column, message, text: problem };
  return new ProblemsError(
    `${where}, ${column}: ${message}`,
    [listed],
    { key: 'file.field_problem' },
    { key: 'import.row_problem', shown: 1 },
  );
}

function tooManyRows(what: 'CSV file' | 'JSON file' | 'workbook', max: number = LIMITS.rows): PayloadTooLargeError {
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
function toRow(record: Record<string, unknown>, dims: string[], row: number, where = `row ${row}`): ImportRow | null {
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

/** Where the first malformed UTF-8 sequence starts in `b` (from `from`), or -1; a sequence cut at the end is not malformed. */
function utf8ErrorAt(b: Buffer, from: number): number {
  let i = from;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i += 1;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k += 1) {
      if (i + k >= b.length) return -1;
      const d = b[i + k]!;
      const lo = k === 1 && c === 0xe0 ? 0xa0 : k === 1 && c === 0xf0 ? 0x90 : 0x80;
      const hi = k === 1 && c === 0xed ? 0x9f : k === 1 && c === 0xf4 ? 0x8f : 0xbf;
      if (d < lo || d > hi) return i;
    }
    i += n + 1;
  }
  return -1;
}

/** Passes bytes through unchanged and fails at the first byte that is not UTF-8, naming its line. */
function utf8Check(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lines = 1;
  const refuse = (line: number) =>
    new ValidationError(
      `The CSV file is not valid UTF-8 at line ${count(line)}; save it as UTF-8 (in Excel: "CSV UTF-8").`,
      { line },
      fileText('csv_not_utf8', { line }),
    );
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        // Bytes continuing a character begun in the previous chunk are not where it went wrong.
        let from = 0;
        while (from < 3 && from < chunk.length && (chunk[from]! & 0xc0) === 0x80) from += 1;
        const at = utf8ErrorAt(chunk, from);
        const before = chunk.subarray(0, at < 0 ? 0 : at);
        let line = lines;
        for (let i = before.indexOf(10); i >= 0; i = before.indexOf(10, i + 1)) line += 1;
        return done(refuse(line));
      }
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines += 1;
      done(null, chunk);
    },
    flush(done) {
      try {
        decoder.decode();
        done();
      } catch {
        done(refuse(lines));
      }
    },
  });
}

/** csv-parse's finding in words a person acts on; `row` is the record it stopped at (the header is row 1). */
function csvProblem(err: Error & { code?: string; records?: number }): ValidationError {
  const row = (err.records ?? 0) + 1;
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new ValidationError(
        `The CSV file ends inside a quoted text that begins in row ${count(row)}: the file is truncated or a quote is not closed; nothing was imported.`,
        { row },
        fileText('csv_quote_not_closed', { row }),
      );
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_DONT_MATCH_COLUMNS_LENGTH': {
      const [, expected, got] = /expect (\d+), got (\d+)/.exec(err.message) ?? [];
      return new ValidationError(
        `Row ${count(row)} has ${got ?? 'another number of'} fields where the header has ${expected ?? 'others'}: the file is truncated or a comma is out of place; nothing was imported.`,
        { row },
        got && expected ? fileText('csv_field_count', { row, got, expected }) : undefined,
      );
    }
    case 'CSV_MAX_RECORD_SIZE':
      return new ValidationError(
        `Row ${count(row)} is longer than ${count(LIMITS.csvRecordLength)} characters; a comment takes at most ${count(LIMITS.commentLength)} and any other field ${count(LIMITS.codeLength)}.`,
        { row, limit: 'csvRecordLength', max: LIMITS.csvRecordLength },
        fileText('csv_row_too_long', { row, max: LIMITS.csvRecordLength, comment: LIMITS.commentLength, code: LIMITS.codeLength }),
      );
    default:
      return new ValidationError(`The CSV file cannot be read: ${clientMessage(err)}`);
  }
}

/** Streams a CSV file into rows; `onRow` reports progress. */
export async function readCsv(input: Readable, catalog: Catalog, onRow?: (n: number) => void): Promise<ImportRow[]> {
  return collect(csvBatches(input, catalog, onRow));
}

async function* csvBatches(
  input: Readable,
  catalog: Catalog,
  onRow?: (n: number) => void,
  maxRows: number = LIMITS.rows,
): AsyncGenerator<ImportRow[]> {
  const check = utf8Check();
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    trim: true,
    relax_column_count: false,
    max_record_size: LIMITS.csvRecordLength,
  });
  input.on('error', (err) => check.destroy(err));
  check.on('error', (err) => parser.destroy(err));
  input.pipe(check).pipe(parser);
  let rows: ImportRow[] = [];
  let header: string[] | null = null;
  let dims: string[] = [];
  let line = 0;
  try {
    for await (const records of buffered<string[]>(parser))
      for (const record of records) {
        line += 1;
        if (!header) {
          header = record.map((h) => h.trim().toLowerCase());
          dims = checkHeader(header, catalog);
          continue;
        }
        if (line - 1 > maxRows) throw tooManyRows('CSV file', maxRows);
        const obj: Record<string, string> = {};
        for (let i = 0; i < header.length; i += 1) obj[header[i]!] = record[i] ?? '';
        const row = toRow(obj, dims, line);
        if (row) rows.push(row);
        if (line % ROWS_PER_TURN === 0) {
          onRow?.(line);
          yield rows;
          rows = [];
          await nextTurn();
        }
      }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw csvProblem(err as Error);
  } finally {
    input.unpipe(check);
    check.destroy();
    parser.destroy();
    input.destroy();
  }
  if (!header) throw new ValidationError('The CSV file is empty.', undefined, fileText('csv_empty'));
  if (rows.length > 0) yield rows;
}

export async function readJson(text: string, catalog: Catalog): Promise<ImportRow[]> {
  return collect(jsonBatches(text, catalog));
}

async function* jsonBatches(text: string, catalog: Catalog): AsyncGenerator<ImportRow[]> {
  let data: unknown;
  // A value file is an array of flat objects: anything much deeper is no value file (and would exhaust the stack).
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
    throw new ValidationError(
      `The JSON file is nested deeper than ${MAX_JSON_DEPTH} levels; a value file is an array of flat objects.`,
      undefined,
      fileText('json_too_deep', { max: MAX_JSON_DEPTH }),
    );
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ValidationError(`The JSON file cannot be read: ${(err as Error).message}`);
  }
  // JSON.parse keeps the last of two equal keys where another reader keeps the first: refused, as a CSV column twice is.
  const twice = duplicateJsonKey(text);
  if (twice)
    throw new ValidationError(
      `The JSON file has the key "${twice.key.slice(0, 60)}" twice in one object (line ${count(twice.line)}); each key may appear only once.`,
      { key: twice.key.slice(0, 120), line: twice.line },
      fileText('json_key_twice', { key: twice.key.slice(0, 60), line: twice.line }),
    );
  const list = Array.isArray(data) ? data : (data as { values?: unknown })?.values;
  if (!Array.isArray(list))
    throw new ValidationError(
      'The JSON file must be an array of values, or an object with a "values" array.',
      undefined,
      fileText('json_not_a_list', { key: 'values' }),
    );
  if (list.length > LIMITS.rows) throw tooManyRows('JSON file');
  let rows: ImportRow[] = [];
  for (let i = 0; i < list.length; i += 1) {
    const item: unknown = list[i];
    const where = `row ${i + 1} (values[${i}])`;
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw new ValidationError(
        `values[${i}]: must be an object.`,
        { row: i + 1 },
        fileText('json_value_not_object', { path: `values[${i}]` }),
      );
    const flat: Record<string, unknown> = Object.create(null);
    const put = (k: string, v: unknown) => {
      if (k in flat)
        throw fieldError(
          i + 1,
          where,
          k,
          'is given twice (as orgUnit and org_unit, or again in coords).',
          fileText('json_field_twice', { camel: 'orgUnit', snake: 'org_unit', coords: 'coords' }),
        );
      flat[k] = v;
    };
    for (const [k, v] of Object.entries(item)) {
      if (k !== 'coords') put(k === 'orgUnit' ? 'org_unit' : k, v);
      else if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        if (v !== null) throw fieldError(i + 1, where, 'coords', 'must be an object of dimension codes.', fileText('json_coords'));
      } else for (const [d, code] of Object.entries(v)) put(d, code);
    }
    let dims: string[];
    try {
      dims = checkHeader(Object.keys(flat), catalog);
    } catch (err) {
      throw new ValidationError(`values[${i}]: ${(err as Error).message}`, { row: i + 1 });
    }
    const row = toRow(flat, dims, i + 1, where);
    if (row) rows.push(row);
    if ((i + 1) % ROWS_PER_TURN === 0) {
      yield rows;
      rows = [];
      await nextTurn();
    }
  }
  if (rows.length > 0) yield rows;
}

// ---------------------------------------------------------------------------------------------
// XLSX. A workbook is a zip archive; its central directory says what every part unpacks to, so a
// zip bomb is refused before anything is unpacked. The parts ExcelJS's streaming reader needs (the
// workbook, its relationships, the shared strings, the first worksheet) are then unpacked as a
// stream, counted against what they declare, and handed to it re-packed uncompressed, in the order
// in which it reads them without a temporary file; the worksheet's rows are read one by one.

async function unpackWhole(zip: Buffer, entry: ZipEntry): Promise<Buffer> {
  if (entry.size > LIMITS.xlsxSmallPartBytes)
    throw new PayloadTooLargeError(
      `The workbook's part ${entry.name} unpacks to ${megabytes(entry.size)}, more than the limit of ${megabytes(LIMITS.xlsxSmallPartBytes)}.`,
      { limit: 'xlsxSmallPartBytes', max: LIMITS.xlsxSmallPartBytes },
    );
  const chunks: Buffer[] = [];
  for await (const chunk of unpack(zip, entry)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The value of an attribute of an XML start tag (`name` is a regular expression). */
function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return match ? (match[1] ?? match[2]) : undefined;
}

/** The parts of the first worksheet (in tab order) and of the shared strings, from the workbook and its relationships. */
function partsOf(workbook: string, rels: string): { sheet?: string; sharedStrings?: string } {
  const targets = new Map<string, { type: string; target: string }>();
  for (const [tag] of rels.matchAll(/<(?:[\w.-]+:)?Relationship\b[^>]*>/g)) {
    const id = attribute(tag, 'Id');
    const target = attribute(tag, 'Target');
    if (id && target) targets.set(id, { type: attribute(tag, 'Type') ?? '', target });
  }
  const path = (target: string) => (target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join('xl', target)));
  const first = /<(?:[\w.-]+:)?sheet\b[^>]*>/.exec(workbook)?.[0];
  const rid = first ? attribute(first, '[\\w.-]+:id') : undefined;
  const sheet = rid ? targets.get(rid) : undefined;
  const shared = [...targets.values()].find((t) => /\/sharedStrings$/.test(t.type));
  return { sheet: sheet && path(sheet.target), sharedStrings: shared && path(shared.target) };
}

/** A column's number from its letters (A = 1, XFD = 16384). */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function tooManyCells(): PayloadTooLargeError {
  return new PayloadTooLargeError(
    `The workbook has more than ${count(LIMITS.cells)} cells; split it.`,
    { limit: 'cells', max: LIMITS.cells },
    fileText('too_many_cells', { max: LIMITS.cells }),
  );
}

/**
 * Refuses a worksheet whose declared range (`<dimension ref="A1:N1000001"/>`, written first by Excel
 * and ExcelJS) is over the limits, before any row is read; the rows are counted anyway.
 */
async function checkDeclaredRange(zip: Buffer, sheet: ZipEntry): Promise<void> {
  let start = '';
  for await (const chunk of unpack(zip, sheet)) {
    start = chunk.toString('utf8');
    break;
  }
  const range = /<(?:[\w.-]+:)?dimension\b[^>]*?\sref\s*=\s*["']\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?["']/.exec(start);
  if (!range) return;
  const firstRow = Number(range[2]);
  const lastRow = Number(range[4] ?? range[2]);
  const lastColumn = columnNumber(range[3] ?? range[1]!);
  if (lastRow - firstRow > LIMITS.rows) throw tooManyRows('workbook');
  if ((lastRow - firstRow + 1) * lastColumn > LIMITS.cells) throw tooManyCells();
}

/** A formula whose file holds no result (written by a program that does not calculate): its value is unknown. */
function formulaWithoutResult(value: ExcelJS.CellValue): boolean {
  if (value === null || typeof value !== 'object' || value instanceof Date) return false;
  return ('formula' in value || 'sharedFormula' in value) && (value as { result?: unknown }).result === undefined;
}

/** What a cell holds, as the reader of rows takes it: the result of a formula, the text of rich text or a link. */
function cellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellValue((value.result ?? null) as ExcelJS.CellValue);
  if ('error' in value) return value.error;
  if ('text' in value) return value.text;
  return value;
}

export async function readXlsx(zip: Buffer, catalog: Catalog): Promise<ImportRow[]> {
  return collect(xlsxBatches(zip, catalog));
}

async function* xlsxBatches(zip: Buffer, catalog: Catalog): AsyncGenerator<ImportRow[]> {
  const entries = zipEntries(zip);
  const unpacked = entries.reduce((sum, e) => sum + e.size, 0);
  if (unpacked > LIMITS.xlsxUnpackedBytes)
    throw new PayloadTooLargeError(
      `The workbook unpacks to ${megabytes(unpacked)}, more than the limit of ${megabytes(LIMITS.xlsxUnpackedBytes)}; split it.`,
      { limit: 'xlsxUnpackedBytes', max: LIMITS.xlsxUnpackedBytes },
    );
  const byName = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
  const workbookEntry = byName.get('xl/workbook.xml');
  const relsEntry = byName.get('xl/_rels/workbook.xml.rels');
  const workbook = workbookEntry ? (await unpackWhole(zip, workbookEntry)).toString('utf8') : '';
  const rels = relsEntry ? (await unpackWhole(zip, relsEntry)).toString('utf8') : '';
  const parts = partsOf(workbook, rels);
  const sheetNumber = (e: ZipEntry) => Number(/^xl\/worksheets\/sheet(\d+)\.xml$/i.exec(e.name)?.[1] ?? Infinity);
  const sheet =
    (parts.sheet && byName.get(parts.sheet.toLowerCase())) ??
    entries.filter((e) => Number.isFinite(sheetNumber(e))).sort((a, b) => sheetNumber(a) - sheetNumber(b))[0];
  if (!sheet) throw new ValidationError('The XLSX file has no worksheet.', undefined, fileText('xlsx_no_sheet'));
  const sharedStrings = byName.get((parts.sharedStrings ?? 'xl/sharedStrings.xml').toLowerCase());
  if (sharedStrings && sharedStrings.size > LIMITS.xlsxSharedStringsBytes)
    throw new PayloadTooLargeError(
      `The workbook's shared strings unpack to ${megabytes(sharedStrings.size)}, more than the limit of ${megabytes(LIMITS.xlsxSharedStringsBytes)}; split it.`,
      { limit: 'xlsxSharedStringsBytes', max: LIMITS.xlsxSharedStringsBytes },
    );
  await checkDeclaredRange(zip, sheet);
  // ExcelJS is given the sheet chosen above and stand-ins for the workbook and its relationships (it
  // needs them before the sheet to stream it, and its own parser of them knows no namespace prefixes).
  const emptyStrings = Buffer.from('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');
  const standInRels = Buffer.from('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>');
  const standInWorkbook = Buffer.from(
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><workbookPr/><sheets/></workbook>',
  );

  // The re-packed workbook. A failure while unpacking cannot travel through ExcelJS's pipe (it would
  // wait for the rest forever), so it rejects the read under way, and any read after it. (One pending
  // read at a time: racing every read against one promise would keep every row alive until the end.)
  let failure: { err: unknown } | null = null;
  let abortRead: ((err: unknown) => void) | null = null;
  const fail = (err: unknown) => {
    failure = { err };
    abortRead?.(err);
  };
  const race = <T>(step: Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      if (failure) return reject(failure.err);
      abortRead = reject;
      step.then(
        (value) => {
          abortRead = null;
          resolve(value);
        },
        (err: unknown) => {
          abortRead = null;
          reject(err);
        },
      );
    });
  // Resolved when every part handed over has been unpacked and found as long as it declares.
  let sourceDone!: () => void;
  /** The last bytes of the worksheet, once it is unpacked. */
  let sheetEnd: Buffer = Buffer.alloc(0);
  const sourceEnded = new Promise<void>((resolve) => (sourceDone = resolve));
  const source = Readable.from(
    (async function* () {
      try {
        yield storedHeader('xl/_rels/workbook.xml.rels', standInRels.length, 0);
        yield standInRels;
        yield storedHeader('xl/workbook.xml', standInWorkbook.length, 0);
        yield standInWorkbook;
        if (sharedStrings) {
          yield storedHeader('xl/sharedStrings.xml', sharedStrings.size, sharedStrings.crc);
          yield* unpack(zip, sharedStrings);
        } else {
          yield storedHeader('xl/sharedStrings.xml', emptyStrings.length, 0);
          yield emptyStrings;
        }
        yield storedHeader('xl/worksheets/sheet1.xml', sheet.size, sheet.crc);
        for await (const chunk of unpack(zip, sheet)) {
          sheetEnd = chunk.length >= 64 ? chunk.subarray(-64) : Buffer.concat([sheetEnd, chunk]).subarray(-64);
          yield chunk;
        }
      } catch (err) {
        fail(err);
      } finally {
        sourceDone();
      }
    })(),
    { objectMode: false },
  );
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });

  let rows: ImportRow[] = [];
  try {
    const sheets = reader[Symbol.asyncIterator]();
    const first = await race(sheets.next());
    if (first.done) throw new ValidationError('The XLSX file has no worksheet.', undefined, fileText('xlsx_no_sheet'));
    const lines = first.value[Symbol.asyncIterator]();
    let columns: { name: string; at: number }[] | null = null;
    let dims: string[] = [];
    let read = 0;
    let cells = 0;
    for (let next = await race(lines.next()); !next.done; next = await race(lines.next())) {
      const line = next.value;
      cells += line.cellCount;
      if (cells > LIMITS.cells) throw tooManyCells();
      if (!columns) {
        // Row 1 is the header; a column without a name is not read.
        columns = [];
        if (line.number === 1)
          for (let at = 1; at <= line.cellCount; at += 1) {
            const name = String(cellValue(line.findCell(at)?.value ?? null) ?? '')
              .trim()
              .toLowerCase();
            if (name !== '') columns.push({ name, at });
          }
        dims = checkHeader(
          columns.map((c) => c.name),
          catalog,
        );
        if (line.number === 1) continue;
      }
      read += 1;
      if (read > LIMITS.rows) throw tooManyRows('workbook');
      const record: Record<string, unknown> = {};
      for (const c of columns) {
        const value = line.findCell(c.at)?.value ?? null;
        if (formulaWithoutResult(value))
          throw fieldError(
            line.number,
            `row ${line.number}`,
            c.name,
            'is a formula without a computed result; let the spreadsheet calculate it and save the file again.',
            fileText('formula_without_result'),
          );
        record[c.name] = cellValue(value);
      }
      const row = toRow(record, dims, line.number);
      if (row) rows.push(row);
      if (read % ROWS_PER_TURN === 0) {
        yield rows;
        rows = [];
        await nextTurn();
      }
    }
    // ExcelJS may be done with a part before what follows it in the archive shows that it was longer.
    await race(sourceEnded);
    // A worksheet cut short reads as well-formed up to the cut: ExcelJS gives its first rows without a word.
    if (!/<\/(?:[\w.-]+:)?worksheet\s*>\s*$/.test(sheetEnd.toString('utf8')))
      throw unreadable(`the worksheet ${sheet.name} ends before its closing tag; the file is truncated or damaged`);
    if (!columns) checkHeader([], catalog);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unreadable(clientMessage(err));
  } finally {
    source.destroy();
  }
  if (rows.length > 0) yield rows;
}

/** The import layout, with the workflow status last when the rows carry one (exports, not templates). */
function columnsFor(dims: string[], withStatus: boolean, withEvidence = false): string[] {
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
const hasEvidence = (rows: ExportRow[]) => rows.some((r) => r.evidence && r.evidence.length > 0);

function flatten(r: ExportRow, dims: string[], withStatus: boolean, withEvidence = false): (string | number)[] {
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

/** CSV in the import layout; a text a spreadsheet would run as a formula (a comment such as `=cmd|…`) is neutralised. */
export function writeCsv(rows: ExportRow[], dims: string[]): string {
  const withStatus = rows.some((r) => r.status);
  const withEvidence = hasEvidence(rows);
  return stringify([
    columnsFor(dims, withStatus, withEvidence),
    ...rows.map((r) => flatten(r, dims, withStatus, withEvidence).map(spreadsheetSafe)),
  ]);
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
        ...(r.evidence?.length ? { evidence: r.evidence } : {}),
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
  const withEvidence = hasEvidence(rows);
  const columns = columnsFor(dims, withStatus, withEvidence);
  sheet.columns = columns.map((c) => ({ header: c, key: c, width: c === 'variable' ? 28 : c === 'comment' ? 40 : 16 }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) sheet.addRow(flatten(r, dims, withStatus, withEvidence));
  if (note) workbook.addWorksheet('read me').addRows(note.split('\n').map((line) => [line]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
