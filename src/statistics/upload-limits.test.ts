// What an uploaded value file may hold (formats.ts, LIMITS): workbooks over the row or cell limit, zip
// bombs, CSV and JSON files that are malformed, truncated or not UTF-8 are refused with an answer that
// names the limit or the row, nothing is stored, and the server keeps answering while a large file is read.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../app/app.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { bearer, makeUser, type TestUser } from '../testing/factories.js';
import { inlineCell, repeatedPart, SPREADSHEET_NS, textPart, workbook } from '../testing/zip-files.js';
import { LIMITS, XLSX_TYPE } from './formats.js';

const COLUMNS = ['dataset', 'partner', 'org_unit', 'period', 'variable', 'case_category', 'instance', 'value', 'comment'];
const HEADER = COLUMNS.join(',');

const SHEET_HEAD = `<worksheet ${SPREADSHEET_NS}><sheetData><row r="1">${COLUMNS.map((c, i) => inlineCell(`${String.fromCharCode(65 + i)}1`, c)).join('')}</row>`;
const SHEET_TAIL = '</sheetData></worksheet>';

/** Shared strings, and a template line left empty that refers to them: codes filled in, no value. */
const STRINGS = textPart(
  `<sst ${SPREADSHEET_NS}>${['justice.annual', 'AL', '2041', 'cases.incoming'].map((t) => `<si><t>${t}</t></si>`).join('')}</sst>`,
);
const TEMPLATE_LINE = `<row r="2">${['A', 'B', 'D', 'E'].map((col, i) => `<c r="${col}2" t="s"><v>${i}</v></c>`).join('')}</row>`;

describeEachDatabase('upload limits', (get) => {
  let app: FastifyInstance;
  let al: TestUser;

  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
    al = await makeUser(get().db, 'coordinator', 'AL');
  });
  afterAll(async () => app.close());

  const upload = (body: string | Buffer, type: string, dryRun = false) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/imports/values${dryRun ? '?dryRun=true' : ''}`,
      headers: { ...bearer(al), 'content-type': type },
      payload: body,
    });
  const stored = async () =>
    Number(
      (
        await get()
          .db.selectFrom('data_values')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** The answer's status and error, and that nothing was stored. */
  async function refused(response: Awaited<ReturnType<typeof upload>>, before: number) {
    expect(await stored()).toBe(before);
    return { status: response.statusCode, code: response.json().error.code, message: response.json().error.message };
  }

  it('refuses a workbook of more than 1,000,000 rows while reading it, and stores nothing', async () => {
    const before = await stored();
    // 1,000,001 rows under the header, declaring no range: read and counted up to the limit.
    const file = workbook(repeatedPart(SHEET_HEAD, '<row r="2"/>', LIMITS.rows + 1, SHEET_TAIL));
    expect(file.length).toBeLessThan(100_000);
    expect(await refused(await upload(file, XLSX_TYPE, true), before)).toEqual({
      status: 413,
      code: 'payload_too_large',
      message: 'The workbook has more than 1,000,000 rows; split it.',
    });
  });

  it('refuses a workbook whose declared range or whose cells are over the limit before reading its rows', async () => {
    const before = await stored();
    // 14 columns × 1,000,001 rows declared: refused from the sheet's first bytes.
    const declared = workbook(
      repeatedPart(SHEET_HEAD.replace('<sheetData>', '<dimension ref="A1:N1000001"/><sheetData>'), '<row r="2"/>', 10, SHEET_TAIL),
    );
    const started = Date.now();
    expect(await refused(await upload(declared, XLSX_TYPE, true), before)).toEqual({
      status: 413,
      code: 'payload_too_large',
      message: 'The workbook has more than 12,000,000 cells; split it.',
    });
    expect(Date.now() - started).toBeLessThan(2000);
    // Rows reaching the last column (XFD, 16,384 cells each) without declaring it: counted while reading.
    expect(await refused(await upload(declared.subarray(0, declared.length - 30), XLSX_TYPE, true), before)).toEqual({
      status: 400,
      code: 'validation_failed',
      message: 'The XLSX file cannot be read: it is not a complete XLSX (zip) file.',
    });
    const wide = workbook(repeatedPart(SHEET_HEAD, '<row r="2"><c r="XFD2"><v>1</v></c></row>', 1000, SHEET_TAIL));
    expect(await refused(await upload(wide, XLSX_TYPE, true), before)).toEqual({
      status: 413,
      code: 'payload_too_large',
      message: 'The workbook has more than 12,000,000 cells; split it.',
    });
  });

  it('refuses a zip bomb from its directory without unpacking it, and one that lies about its size after the size it declares', async () => {
    const before = await stored();
    // 600 MB of white space between the rows: valid XML, and as compressible as deflate allows.
    const sheet = repeatedPart(SHEET_HEAD, ' ', 600_000_000, SHEET_TAIL);
    const bomb = workbook(sheet);
    expect(sheet.size).toBeGreaterThan(550 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(700 * 1024);
    const started = Date.now();
    expect(await refused(await upload(bomb, XLSX_TYPE, true), before)).toEqual({
      status: 413,
      code: 'payload_too_large',
      message: `The workbook unpacks to ${Math.ceil(sheet.size / (1024 * 1024))} MB, more than the limit of 512 MB; split it.`,
    });
    expect(Date.now() - started).toBeLessThan(2000);
    // The same sheet declaring 1 MB: unpacking stops past that megabyte.
    const liar = workbook({ ...sheet, declare: 1024 * 1024 });
    expect(await refused(await upload(liar, XLSX_TYPE, true), before)).toEqual({
      status: 400,
      code: 'validation_failed',
      message:
        'The XLSX file cannot be read: the part xl/worksheets/sheet1.xml unpacks to more than the 1,048,576 bytes it declares; the file is damaged.',
    });
    expect(Date.now() - started).toBeLessThan(4000);
    // Shared strings are kept in memory while the sheet is read: they have a limit of their own.
    const strings = repeatedPart(
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
      ' ',
      110 * 1024 * 1024,
      '</sst>',
    );
    const texts = workbook(repeatedPart(SHEET_HEAD, '<row r="2"/>', 10, SHEET_TAIL), { 'xl/sharedStrings.xml': strings });
    expect(await refused(await upload(texts, XLSX_TYPE, true), before)).toEqual({
      status: 413,
      code: 'payload_too_large',
      message: "The workbook's shared strings unpack to 111 MB, more than the limit of 100 MB; split it.",
    });
  });

  it('keeps answering /healthz while a workbook of 200,000 rows is being checked', async () => {
    const file = workbook(repeatedPart(SHEET_HEAD, TEMPLATE_LINE, 200_000, SHEET_TAIL), { 'xl/sharedStrings.xml': STRINGS });
    let uploadDone = 0;
    const uploaded = upload(file, XLSX_TYPE, true).then((response) => {
      uploadDone = Date.now();
      return response;
    });
    const answers: { took: number; beforeUpload: boolean }[] = [];
    while (!uploadDone) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (uploadDone) break;
      const asked = Date.now();
      const health = await app.inject({ method: 'GET', url: '/healthz' });
      expect(health.json()).toEqual({ status: 'ok' });
      answers.push({ took: Date.now() - asked, beforeUpload: !uploadDone });
    }
    expect((await uploaded).json()).toMatchObject({ dryRun: true, rows: 0 });
    // The first three checks were all answered while the workbook was still being read, and no
    // check asked before the end waited for it (only the last may finish with it).
    expect(answers.slice(0, 3).map((a) => a.beforeUpload)).toEqual([true, true, true]);
    expect(answers.slice(0, -1).filter((a) => !a.beforeUpload)).toEqual([]);
    expect(Math.max(...answers.map((a) => a.took))).toBeLessThan(1000);
  });

  it('refuses a CSV with a column twice, invalid UTF-8, or cut short, naming the column or the row', async () => {
    const before = await stored();
    const good = 'justice.annual,AL,,2042,cases.incoming,,,5,';
    expect(await refused(await upload(`${HEADER},value\n${good},6\n`, 'text/csv'), before)).toEqual({
      status: 400,
      code: 'validation_failed',
      message: 'The file has the column "value" twice; each column may appear only once.',
    });
    const latin1 = Buffer.concat([
      Buffer.from(`${HEADER}\n${good}\n${good.replace('incoming', 'resolved')}caf`),
      Buffer.from([0xe9, 0x0a]),
    ]);
    expect(await refused(await upload(latin1, 'text/csv'), before)).toEqual({
      status: 400,
      code: 'validation_failed',
      message: 'The CSV file is not valid UTF-8 at line 3; save it as UTF-8 (in Excel: "CSV UTF-8").',
    });
    expect(
      await refused(await upload(`${HEADER}\n${good}\n${good.replace('incoming', 'resolved')}"half a comm`, 'text/csv'), before),
    ).toEqual({
      status: 400,
      code: 'validation_failed',
      message:
        'The CSV file ends inside a quoted text that begins in row 3: the file is truncated or a quote is not closed; nothing was imported.',
    });
    expect(await refused(await upload(`${HEADER}\n${good}\njustice.annual,AL,,2042,cases.resol`, 'text/csv'), before)).toEqual({
      status: 400,
      code: 'validation_failed',
      message: 'Row 3 has 5 fields where the header has 9: the file is truncated or a comma is out of place; nothing was imported.',
    });
    // The same rows, whole and in UTF-8 with a byte order mark, are taken.
    const whole = await upload(`\uFEFF${HEADER}\n${good}\n${good.replace('incoming', 'resolved')}café\n`, 'text/csv', true);
    expect(whole.json()).toMatchObject({ rows: 2, created: 2 });
  });

  it('refuses fields over their length and a CSV of more than 1,000,000 rows', async () => {
    const before = await stored();
    const row = (comment: string, orgUnit = '') => `justice.annual,AL,${orgUnit},2043,cases.incoming,,,5,${comment}`;
    expect(await refused(await upload(`${HEADER}\n${row('x'.repeat(2001))}\n`, 'text/csv'), before)).toEqual({
      status: 400,
      code: 'validation_failed',
      message: 'row 2, comment: is longer than 2,000 characters, the limit for a comment.',
    });
    expect(await refused(await upload(`${HEADER}\n${row('', 'C'.repeat(121))}\n`, 'text/csv'), before)).toEqual({
      status: 400,
      code: 'validation_failed',
      message: 'row 2, org_unit: is longer than 120 characters, the limit for a code or a value.',
    });
    expect(await refused(await upload(`${HEADER}\n${row('"' + 'x'.repeat(70_000) + '"')}\n`, 'text/csv'), before)).toEqual({
      status: 400,
      code: 'validation_failed',
      message: 'Row 2 is longer than 65,536 characters; a comment takes at most 2,000 and any other field 120.',
    });
    // Rows without a value (template lines): exactly the limit is read, one more is refused.
    const lines = (n: number) => `${HEADER}\n${',,,,,,,,\n'.repeat(n)}`;
    expect((await upload(lines(LIMITS.rows), 'text/csv', true)).json()).toMatchObject({ dryRun: true, rows: 0 });
    expect(await refused(await upload(lines(LIMITS.rows + 1), 'text/csv'), before)).toEqual({
      status: 413,
      code: 'payload_too_large',
      message: 'The CSV file has more than 1,000,000 rows; split it.',
    });
  });

  it('refuses a JSON value that is an array, an object or not a finite number, naming the row', async () => {
    const before = await stored();
    const value = (v: string) =>
      `{"values":[{"dataset":"justice.annual","partner":"AL","period":"2044","variable":"cases.incoming","value":5},` +
      `{"dataset":"justice.annual","partner":"AL","period":"2044","variable":"cases.resolved","value":${v}}]}`;
    expect(await refused(await upload(value('[7]'), 'application/json'), before)).toEqual({
      status: 400,
      code: 'validation_failed',
      message: 'row 2 (values[1]), value: must be a number or a code such as NA, not an array.',
    });
    expect(await refused(await upload(value('{"n":7}'), 'application/json'), before)).toEqual({
      status: 400,
      code: 'validation_failed',
      message: 'row 2 (values[1]), value: must be a number or a code such as NA, not an object.',
    });
    expect(await refused(await upload(value('1e309'), 'application/json'), before)).toEqual({
      status: 400,
      code: 'validation_failed',
      message: 'row 2 (values[1]), value: is not a finite number (it reads as Infinity).',
    });
    expect(await refused(await upload(value('-1e309'), 'application/json'), before)).toEqual({
      status: 400,
      code: 'validation_failed',
      message: 'row 2 (values[1]), value: is not a finite number (it reads as -Infinity).',
    });
    expect(await refused(await upload(`[${'{},'.repeat(LIMITS.rows)}{}]`, 'application/json'), before)).toEqual({
      status: 413,
      code: 'payload_too_large',
      message: 'The JSON file has more than 1,000,000 values; split it.',
    });
    expect((await upload(value('7'), 'application/json', true)).json()).toMatchObject({ rows: 2, created: 2 });
  });
});
