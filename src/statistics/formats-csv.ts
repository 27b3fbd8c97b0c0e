// Reading a CSV value file: streamed, checked as UTF-8 line by line, parsed by csv-parse within LIMITS.
import { parse } from 'csv-parse';
import { Transform, type Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { clientMessage } from '../platform/client-message.js';
import { AppError, ValidationError } from '../platform/errors.js';
import type { Catalog } from './catalog.js';
import { checkHeader, collect, count, fileText, LIMITS, ROWS_PER_TURN, tooManyRows, toRow, type ImportRow } from './formats-rows.js';

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

export async function* csvBatches(
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
