// Reading and writing values in the exchange formats: long CSV, JSON and XLSX. Columns:
// dataset,partner,org_unit,period,variable,<one column per dimension>,value,comment.
// Reading keeps the row number of every record so that errors can name it, and is bounded (LIMITS):
// rows, cells, the length of a field and the unpacked size of a workbook are checked while reading,
// before the work is done, and the reading yields to the event loop so that the server keeps answering.
// The formats are read in formats-{csv,json,xlsx}.ts and written in formats-write.ts; what they share
// (the layout, LIMITS, the checks of columns and records) is in formats-rows.ts.
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { UnsupportedMediaTypeError, ValidationError } from '../platform/errors.js';
import type { Catalog } from './catalog.js';
import { csvBatches } from './formats-csv.js';
import { jsonBatches } from './formats-json.js';
import { collect, fileText, type ImportRow, type ValueFormat } from './formats-rows.js';
import { xlsxBatches } from './formats-xlsx.js';

export { readCsv } from './formats-csv.js';
export { readJson } from './formats-json.js';
export { FIXED_COLUMNS, LIMITS, type ExportRow, type ImportRow, type ValueFormat } from './formats-rows.js';
export { writeCsv, writeJson, writeXlsx } from './formats-write.js';
export { readXlsx } from './formats-xlsx.js';

const CHUNK = 64 * 1024;

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
