// The XLSX families of the fuzz corpus (value import): files that are no zip, truncated zips, zips
// whose directory lies (sizes, offsets, checksums, methods), workbooks without their sheet, sheet XML
// that is malformed or hostile (entities), shared strings missing, formula cells, cells of the wrong type.
import type { ImportValueRow } from '../submissions.js';
import { inlineCell, SPREADSHEET_NS, storedPart, textPart, workbook, workbookParts, zip, type Part } from '../zip-files.js';
import { COLUMNS, Family, fieldsOf, FUZZ_SEED as S, SEED_ROWS, XLSX } from './files.js';

/** A cell as the sheet XML writes it: a text (inline), a number, or the cell's XML itself. */
type Cell = string | number | { xml: string } | null;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const letter = (i: number) => String.fromCharCode(65 + i);

function cellXml(cell: Cell, ref: string): string {
  if (cell === null || cell === '') return '';
  if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
  if (typeof cell === 'string') return inlineCell(ref, escapeXml(cell));
  return cell.xml.replace('{ref}', ref);
}

/** The sheet XML of the rows (row 1 the header). */
function sheetXml(rows: readonly (readonly Cell[])[]): string {
  const body = rows
    .map((cells, r) => `<row r="${r + 1}">${cells.map((c, i) => cellXml(c, `${letter(i)}${r + 1}`)).join('')}</row>`)
    .join('');
  return `<worksheet ${SPREADSHEET_NS}><sheetData>${body}</sheetData></worksheet>`;
}

/** A value row as cells; `value` as a number, `change` replaces cells by column. */
function cells(r: ImportValueRow, change: Partial<Record<(typeof COLUMNS)[number], Cell>> = {}): Cell[] {
  const fields = fieldsOf(r);
  return COLUMNS.map((c) => (c in change ? change[c]! : c === 'value' ? Number(fields.value) : fields[c]));
}

const seedSheet = sheetXml([[...COLUMNS], ...SEED_ROWS.map((r) => cells(r))]);
const seedWorkbook = workbook(textPart(seedSheet));
const oneRow = (change: Partial<Record<(typeof COLUMNS)[number], Cell>>, r: ImportValueRow = S.court) =>
  workbook(textPart(sheetXml([[...COLUMNS], cells(r, change)])));

/** Where a field of a central directory entry is (offsets of the zip format). */
const FIELD = { crc: 16, compressedSize: 20, size: 24, offset: 42 } as const;

/** Where the central directory entry of the part `name` starts in the archive. */
function entryAt(archive: Buffer, name: string): number {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = archive.readUInt32LE(end + 16);
  for (let n = archive.readUInt16LE(end + 10); n > 0; n -= 1) {
    const nameLength = archive.readUInt16LE(at + 28);
    if (archive.toString('utf8', at + 46, at + 46 + nameLength) === name) return at;
    at += 46 + nameLength + archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
  }
  throw new Error(`fuzz corpus: no part ${name}`);
}

const entryField = (archive: Buffer, name: string, field: keyof typeof FIELD) =>
  archive.readUInt32LE(entryAt(archive, name) + FIELD[field]);

/** The archive with a field of one central directory entry overwritten. */
function patchEntry(archive: Buffer, name: string, field: keyof typeof FIELD, value: number): Buffer {
  const out = Buffer.from(archive);
  out.writeUInt32LE(value >>> 0, entryAt(out, name) + FIELD[field]);
  return out;
}

const SHEET = 'xl/worksheets/sheet1.xml';

function archives(random: () => number): Family {
  const f = new Family('xlsx-zip', 'values', XLSX);
  f.accept('the seed as a workbook', seedWorkbook, 'the known good submission again: nothing changes');
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => random() & 0xff));
  f.add('not a zip', 'not a zip', 400);
  f.add('a local header, then noise', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), bytes(200)]), 400);
  f.add('512 random bytes', bytes(512), 400);
  f.add('empty body', Buffer.alloc(0), 400);
  f.add('an empty zip', zip({}), 400);
  for (const share of [0.1, 0.5, 0.9])
    f.add(`cut at ${share * 100} %`, seedWorkbook.subarray(0, Math.floor(seedWorkbook.length * share)), 400);
  f.add('cut before the end record', seedWorkbook.subarray(0, seedWorkbook.length - 22), 400);
  f.add('cut by one byte', seedWorkbook.subarray(0, seedWorkbook.length - 1), 400);
  const sheet = textPart(seedSheet);
  f.add('the sheet declares fewer bytes', workbook({ ...sheet, declare: 10 }), 400);
  f.add('the sheet declares more bytes', workbook({ ...sheet, declare: sheet.size + 1000 }), 400);
  f.add('the sheet declares 600 MB', workbook({ ...sheet, declare: 600 * 1024 * 1024 }), 413);
  f.add(
    'the workbook part declares 20 MB',
    zip({ ...workbookParts(), 'xl/workbook.xml': { ...workbookParts()['xl/workbook.xml']!, declare: 20 * 1024 * 1024 }, [SHEET]: sheet }),
    413,
  );
  f.add(
    'shared strings declare 200 MB',
    workbook(sheet, { 'xl/sharedStrings.xml': { ...textPart(`<sst ${SPREADSHEET_NS}/>`), declare: 200 * 1024 * 1024 } }),
    413,
  );
  const packed = entryField(seedWorkbook, SHEET, 'compressedSize');
  f.add('compressed size past the end', patchEntry(seedWorkbook, SHEET, 'compressedSize', packed + 100_000), 400);
  f.add('compressed size halved', patchEntry(seedWorkbook, SHEET, 'compressedSize', Math.floor(packed / 2)), 400);
  f.add('offset past the end', patchEntry(seedWorkbook, SHEET, 'offset', seedWorkbook.length + 10), 400);
  f.add('offset of another part', patchEntry(seedWorkbook, SHEET, 'offset', entryField(seedWorkbook, 'xl/workbook.xml', 'offset')), 400);
  f.add('a wrong checksum', patchEntry(seedWorkbook, SHEET, 'crc', sheet.crc ^ 0x5a5a5a5a), 400);
  const end = seedWorkbook.length - 22;
  const moreEntries = Buffer.from(seedWorkbook);
  moreEntries.writeUInt16LE(9, end + 10);
  f.add('the end record counts more parts', moreEntries, 400);
  const zip64 = Buffer.from(seedWorkbook);
  zip64.writeUInt16LE(0xffff, end + 10);
  f.add('zip64 without its locator', zip64, 400);
  f.add('stored, with a wrong size', workbook({ ...storedPart(seedSheet), declare: seedSheet.length - 5 }), 400);
  f.add('compressed with method 12', workbook({ ...sheet, method: 12 }), 400);
  f.add('encrypted', workbook({ ...sheet, flags: 1 }), 400);
  return f;
}

function sheets(): Family {
  const f = new Family('xlsx-sheet', 'values', XLSX);
  f.add('no sheet', zip(workbookParts()), 400);
  const rels = (target: string) =>
    textPart(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${target}"/></Relationships>`,
    );
  f.add(
    'the sheet the workbook names is missing',
    zip({ ...workbookParts(), 'xl/_rels/workbook.xml.rels': rels('worksheets/sheet9.xml') }),
    400,
  );
  f.add(
    'the sheet is a path out of the archive',
    zip({ ...workbookParts(), 'xl/_rels/workbook.xml.rels': rels('../../../etc/passwd') }),
    400,
  );
  const broken: [string, string][] = [
    ['not XML', 'this is not XML'],
    ['a start tag cut', '<worksheet'],
    ['cut in a row', seedSheet.slice(0, seedSheet.indexOf('<row r="3">') + 40)],
    ['cut after a row', seedSheet.slice(0, seedSheet.indexOf('<row r="3">'))],
    ['mismatched tags', seedSheet.replace('</sheetData>', '</sheetdata>')],
    ['an unknown entity', seedSheet.replace('cases.incoming', 'cases.&bogus;')],
    [
      'an entity bomb',
      `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>${seedSheet.replace('justice.annual', '&d;')}`,
    ],
    [
      'an external entity',
      `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>${seedSheet.replace('justice.annual', '&x;')}`,
    ],
    ['a character reference to NUL', seedSheet.replace('cases.incoming', 'cases.&#0;incoming')],
    ['a NUL byte', seedSheet.replace('cases.incoming', 'cases.\0incoming')],
  ];
  for (const [name, xml] of broken) f.add(`XML: ${name}`, workbook(textPart(xml)), 400);
  f.add('no header row', workbook(textPart(sheetXml([[], ...SEED_ROWS.map((r) => cells(r))]).replace('<row r="1"></row>', ''))), 400);
  f.add(
    'a header cell in the last column',
    workbook(textPart(sheetXml([[...COLUMNS]]).replace('</row>', '<c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>'))),
    400,
  );
  f.add(
    'rows over the limit declared',
    workbook(textPart(seedSheet.replace('<sheetData>', '<dimension ref="A1:N1000001"/><sheetData>'))),
    413,
  );
  return f;
}

function strings(): Family {
  const f = new Family('xlsx-strings', 'values', XLSX);
  const shared = (i: number) => ({ xml: `<c r="{ref}" t="s"><v>${i}</v></c>` });
  const header = COLUMNS.map((_, i) => shared(i));
  const sst = textPart(`<sst ${SPREADSHEET_NS}>${COLUMNS.map((c) => `<si><t>${c}</t></si>`).join('')}</sst>`);
  const withStrings = (rows: Cell[][], more: Record<string, Part>) =>
    zip({ ...workbookParts({ sharedStrings: true }), [SHEET]: textPart(sheetXml(rows)), ...more });
  f.accept(
    'shared strings',
    withStrings([header, cells(S.fte)], { 'xl/sharedStrings.xml': sst }),
    'the header as shared strings, as Excel writes it',
  );
  f.add('shared strings missing', withStrings([header, cells(S.fte)], {}), 400);
  f.add(
    'a shared string out of range',
    withStrings([header.map((c, i) => (i === 7 ? shared(999) : c)), cells(S.fte)], { 'xl/sharedStrings.xml': sst }),
    400,
  );
  f.add('shared strings not XML', withStrings([header, cells(S.fte)], { 'xl/sharedStrings.xml': textPart('<sst><si><t>dataset') }), 400);
  f.add(
    'a shared string index that is no number',
    withStrings([header.map((c, i) => (i === 0 ? { xml: '<c r="{ref}" t="s"><v>abc</v></c>' } : c)), cells(S.fte)], {
      'xl/sharedStrings.xml': sst,
    }),
    400,
  );
  return f;
}

function cellTypes(): Family {
  const f = new Family('xlsx-cells', 'values', XLSX);
  f.accept(
    'a formula with its result',
    oneRow({ value: { xml: '<c r="{ref}"><f>20+20</f><v>40</v></c>' } }),
    "a formula's computed result is the value, as Excel shows it",
  );
  f.accept(
    'a DDE formula with its result',
    oneRow({ value: { xml: `<c r="{ref}"><f>cmd|' /C calc'!A0</f><v>40</v></c>` } }),
    'formulas are never run: the result Excel stored is read',
  );
  f.accept(
    'a formula comment as text',
    workbook(textPart(sheetXml([[...COLUMNS], cells(S.formula)]))),
    'a formula-looking comment is text',
  );
  f.add('a formula without its result', oneRow({ value: { xml: '<c r="{ref}"><f>SUM(A1:A9)</f></c>' } }), 400);
  f.add('a shared formula without its result', oneRow({ value: { xml: '<c r="{ref}"><f t="shared" si="0"/></c>' } }), 400);
  f.add('a boolean value', oneRow({ value: { xml: '<c r="{ref}" t="b"><v>1</v></c>' } }), 400);
  f.add('an error value', oneRow({ value: { xml: '<c r="{ref}" t="e"><v>#DIV/0!</v></c>' } }), 400);
  f.add('value 1e309 as a number', oneRow({ value: { xml: '<c r="{ref}"><v>1e309</v></c>' } }), 400);
  f.add('value "1e309" as a text', oneRow({ value: '1e309' }), 400);
  f.add('comment of 2001 characters', oneRow({ comment: 'x'.repeat(2001) }), 400);
  f.add('partner DE', oneRow({ partner: 'DE' }, S.fte), 400);
  f.add('org unit of RS', oneRow({ org_unit: 'RS-FZ1' }), 400);
  return f;
}

export function xlsxFamilies(random: () => number): Family[] {
  return [archives(random), sheets(), strings(), cellTypes()];
}
