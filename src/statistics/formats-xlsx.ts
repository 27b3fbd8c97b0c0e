// Reading an XLSX value file. A workbook is a zip archive; its central directory says what every part unpacks to, so a
// zip bomb is refused before anything is unpacked. The parts ExcelJS's streaming reader needs (the
// workbook, its relationships, the shared strings, the first worksheet) are then unpacked as a
// stream, counted against what they declare, and handed to it re-packed uncompressed, in the order
// in which it reads them without a temporary file; the worksheet's rows are read one by one.
import ExcelJS from 'exceljs';
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { clientMessage } from '../platform/client-message.js';
import { AppError, PayloadTooLargeError, ValidationError } from '../platform/errors.js';
import type { Catalog } from './catalog.js';
import {
  checkHeader,
  collect,
  count,
  fieldError,
  fileText,
  LIMITS,
  megabytes,
  ROWS_PER_TURN,
  tooManyRows,
  toRow,
  type ImportRow,
} from './formats-rows.js';
import { storedHeader, unpack, unreadable, zipEntries, type ZipEntry } from './zip-parts.js';

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

/** A named column of the worksheet and where it stands (A = 1). */
interface Column {
  name: string;
  at: number;
}

/** The worksheet and the shared strings to read, found and checked against LIMITS before any row is read. */
async function worksheetParts(zip: Buffer): Promise<{ sheet: ZipEntry; sharedStrings?: ZipEntry }> {
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
  return { sheet, sharedStrings };
}

/**
 * A failure while unpacking cannot travel through ExcelJS's pipe (it would wait for the rest
 * forever), so `fail` rejects the read under way, and any read after it, that `race` wraps. (One
 * pending read at a time: racing every read against one promise would keep every row alive until the end.)
 */
function failureRace(): { fail: (err: unknown) => void; race: <T>(step: Promise<T>) => Promise<T> } {
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
  return { fail, race };
}

/**
 * The re-packed workbook ExcelJS reads: the sheet chosen by worksheetParts and stand-ins for the
 * workbook and its relationships (it needs them before the sheet to stream it, and its own parser of
 * them knows no namespace prefixes). `ended` resolves when every part handed over has been unpacked
 * and found as long as it declares; `sheetEnd` gives the last bytes of the worksheet once it is unpacked.
 */
function repackedWorkbook(
  zip: Buffer,
  sheet: ZipEntry,
  sharedStrings: ZipEntry | undefined,
  fail: (err: unknown) => void,
): { source: Readable; ended: Promise<void>; sheetEnd: () => Buffer } {
  const emptyStrings = Buffer.from('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');
  const standInRels = Buffer.from('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>');
  const standInWorkbook = Buffer.from(
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><workbookPr/><sheets/></workbook>',
  );
  let sourceDone!: () => void;
  let sheetEnd: Buffer = Buffer.alloc(0);
  const ended = new Promise<void>((resolve) => (sourceDone = resolve));
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
  return { source, ended, sheetEnd: () => sheetEnd };
}

/** The named columns of the header row; a column without a name is not read. */
function headerColumns(line: ExcelJS.Row): Column[] {
  const columns: Column[] = [];
  for (let at = 1; at <= line.cellCount; at += 1) {
    const name = String(cellValue(line.findCell(at)?.value ?? null) ?? '')
      .trim()
      .toLowerCase();
    if (name !== '') columns.push({ name, at });
  }
  return columns;
}

/** A worksheet row as a record of its named columns; a formula without a computed result is refused. */
function recordOf(line: ExcelJS.Row, columns: Column[]): Record<string, unknown> {
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
  return record;
}

export async function* xlsxBatches(zip: Buffer, catalog: Catalog): AsyncGenerator<ImportRow[]> {
  const { sheet, sharedStrings } = await worksheetParts(zip);
  const { fail, race } = failureRace();
  const workbook = repackedWorkbook(zip, sheet, sharedStrings, fail);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(workbook.source, {
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
    let columns: Column[] | null = null;
    let dims: string[] = [];
    let read = 0;
    let cells = 0;
    for (let next = await race(lines.next()); !next.done; next = await race(lines.next())) {
      const line = next.value;
      cells += line.cellCount;
      if (cells > LIMITS.cells) throw tooManyCells();
      if (!columns) {
        // Row 1 is the header.
        columns = line.number === 1 ? headerColumns(line) : [];
        dims = checkHeader(
          columns.map((c) => c.name),
          catalog,
        );
        if (line.number === 1) continue;
      }
      read += 1;
      if (read > LIMITS.rows) throw tooManyRows('workbook');
      const row = toRow(recordOf(line, columns), dims, line.number);
      if (row) rows.push(row);
      if (read % ROWS_PER_TURN === 0) {
        yield rows;
        rows = [];
        await nextTurn();
      }
    }
    // ExcelJS may be done with a part before what follows it in the archive shows that it was longer.
    await race(workbook.ended);
    // A worksheet cut short reads as well-formed up to the cut: ExcelJS gives its first rows without a word.
    if (!/<\/(?:[\w.-]+:)?worksheet\s*>\s*$/.test(workbook.sheetEnd().toString('utf8')))
      throw unreadable(`the worksheet ${sheet.name} ends before its closing tag; the file is truncated or damaged`);
    if (!columns) checkHeader([], catalog);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unreadable(clientMessage(err));
  } finally {
    workbook.source.destroy();
  }
  if (rows.length > 0) yield rows;
}
