// The import as a stream of batches (import.service.ts, formats.ts readValueBatches): files just
// over a batch, a problem after rows were already written, a cell given twice across batches,
// validation against an earlier period of the same file, and the audit of a whole submission.
import { Readable } from 'node:stream';
import { beforeAll, expect, it } from 'vitest';
import { cliActor } from '../platform/audit/actor.js';
import { importOrgUnits } from '../platform/partners/org-units.service.js';
import { CATALOG_DIR } from '../platform/paths.js';
import { describeEachDatabase } from '../testing/databases.js';
import { ORG_UNIT_KINDS } from '../testing/factories.js';
import { loadCatalogs } from './catalog.js';
import { readValueBatches } from './formats.js';
import { importValueBatches } from './import.service.js';

const catalog = loadCatalogs(CATALOG_DIR);
const OPERATOR = { kind: 'operator', label: 'test' } as const;
const HEADER = 'dataset,partner,org_unit,period,variable,case_category,instance,value,comment';
const VARIABLES = ['cases.pending_start', 'cases.incoming', 'cases.resolved', 'cases.pending_end', 'cases.pending_over_2y'];
const CATEGORIES = ['civil_litigious', 'civil_non_litigious', 'registry_land_business', 'registry_other', 'administrative'];
const INSTANCES = ['first', 'second', 'highest'];
/** The rows one CSV batch holds (formats.ts, ROWS_PER_TURN) and one PostgreSQL statement writes. */
const READ_BATCH = 2000;
const WRITE_BATCH = 5000;

/** `rows` court-level rows of one year of XK (distinct cells: court × variable × category × instance). */
function csv(year: string, rows: number, value: (n: number) => number | string = (n) => 100 + (n % 7)): string {
  const lines = [HEADER];
  for (let n = 0; n < rows; n += 1) {
    const court = Math.floor(n / (VARIABLES.length * CATEGORIES.length * INSTANCES.length));
    const variable = VARIABLES[Math.floor(n / (CATEGORIES.length * INSTANCES.length)) % VARIABLES.length];
    const category = CATEGORIES[Math.floor(n / INSTANCES.length) % CATEGORIES.length];
    const instance = INSTANCES[n % INSTANCES.length];
    lines.push(`justice.annual,XK,XK-B${court},${year},${variable},${category},${instance},${value(n)},`);
  }
  return lines.join('\n') + '\n';
}

describeEachDatabase('importing a file batch by batch', (get) => {
  beforeAll(async () => {
    const courts = ['code,name,partner,kind,parent'];
    for (let i = 0; i < 80; i += 1) courts.push(`XK-B${i},Basic court ${i},XK,court,`);
    await importOrgUnits(get().db, cliActor(), courts.join('\n'), ORG_UNIT_KINDS);
  });

  const run = (text: string, dryRun = false) =>
    importValueBatches(get().db, catalog, OPERATOR, cliActor(), readValueBatches('csv', Readable.from([Buffer.from(text)]), catalog), {
      dryRun,
    });
  const count = async (period: string) =>
    Number(
      (
        await get()
          .db.selectFrom('data_values as v')
          .innerJoin('submissions as s', 's.id', 'v.submission_id')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('s.partner_code', '=', 'XK')
          .where('s.period', '=', period)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('reads a CSV file in batches of at most 2,000 rows, the last one holding the rest', async () => {
    const sizes: number[] = [];
    for await (const batch of readValueBatches('csv', Buffer.from(csv('2001', 2 * READ_BATCH + 1)), catalog)) sizes.push(batch.length);
    // A batch ends at every 2,000th record of the file, the header counted.
    expect(sizes).toEqual([READ_BATCH - 1, READ_BATCH, 2]);
  });

  it('imports a file of one write batch and one row more, every value once', async () => {
    const rows = WRITE_BATCH + 1;
    expect(await run(csv('2004', rows))).toEqual({
      dryRun: false,
      rows,
      submissions: 1,
      created: rows,
      changed: 0,
      unchanged: 0,
      removed: 0,
    });
    expect(await count('2004')).toBe(rows);
    const last = await get()
      .db.selectFrom('data_values as v')
      .innerJoin('submissions as s', 's.id', 'v.submission_id')
      .select(['v.value_num', 's.version'])
      .where('s.partner_code', '=', 'XK')
      .where('s.period', '=', '2004')
      .where('v.org_unit', '=', `XK-B${Math.floor((rows - 1) / 75)}`)
      .where('v.variable', '=', 'cases.pending_end')
      .where('v.coords', '=', 'case_category=civil_non_litigious;instance=highest')
      .executeTakeFirstOrThrow();
    expect(last).toEqual({ value_num: 100 + ((rows - 1) % 7), version: 1 });
    // The same file again changes nothing; one value changed is one change.
    expect(await run(csv('2004', rows))).toMatchObject({ created: 0, changed: 0, unchanged: rows });
    expect(await run(csv('2004', rows, (n) => (n === rows - 1 ? 999 : 100 + (n % 7))))).toMatchObject({ changed: 1, unchanged: rows - 1 });
    const audit = await get()
      .db.selectFrom('audit_log')
      .select(['before_json', 'after_json'])
      .where('action', '=', 'values.save')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!)).toEqual({
      dataset: 'justice.annual',
      partner: 'XK',
      period: '2004',
      values: [
        {
          variable: 'cases.pending_end',
          orgUnit: 'XK-B66',
          coords: 'case_category=civil_non_litigious;instance=highest',
          value: 100 + ((rows - 1) % 7),
          comment: null,
        },
      ],
    });
    expect(JSON.parse(audit.after_json!).values).toEqual([
      {
        variable: 'cases.pending_end',
        orgUnit: 'XK-B66',
        coords: 'case_category=civil_non_litigious;instance=highest',
        value: 999,
        comment: null,
      },
    ]);
  });

  it('refuses the whole file when a row after the first written batch is bad, and stores nothing', async () => {
    const rows = WRITE_BATCH + 1;
    const text = csv('2007', rows, (n) => (n === rows - 1 ? '12 345' : 100));
    await expect(run(text)).rejects.toMatchObject({
      details: [{ row: rows + 1, column: 'value', message: '"12 345" is not a number or one of NA, NAP, NQ (no thousands separators)' }],
    });
    expect(await count('2007')).toBe(0);
  });

  it('finds a cell given twice in different batches, naming the first', async () => {
    const lines = csv('2010', WRITE_BATCH).trimEnd().split('\n');
    lines.push(lines[1]!.replace(/,100,$/, ',5,'));
    await expect(run(lines.join('\n') + '\n')).rejects.toMatchObject({
      details: [{ row: WRITE_BATCH + 2, column: 'value', message: 'the same cell is given twice (also at 1)' }],
    });
    expect(await count('2010')).toBe(0);
  });

  it('validates a period against the one before it in the same file', async () => {
    // 2014 doubles every figure of 2013 (an outlier), and its pending cases at 1 January are not those at 31 December 2013.
    const text =
      csv('2013', 150, () => 100) +
      csv('2014', 150, () => 200)
        .split('\n')
        .slice(1)
        .join('\n');
    expect(await run(text)).toMatchObject({ created: 300, submissions: 2 });
    const findings = await get()
      .db.selectFrom('validation_findings as f')
      .innerJoin('submissions as s', 's.id', 'f.submission_id')
      .select(['s.period', 'f.rule_code', 'f.key', 'f.details_json'])
      .where('s.partner_code', '=', 'XK')
      .where('s.period', 'in', ['2013', '2014'])
      .execute();
    expect(findings.filter((f) => f.period === '2013' && f.rule_code.startsWith('outlier'))).toEqual([]);
    const change = findings.find((f) => f.key === 'outlier.change|cases.incoming|XK-B0|case_category=civil_litigious;instance=first');
    expect(change && { period: change.period, details: JSON.parse(change.details_json) }).toEqual({
      period: '2014',
      details: { variable: 'cases.incoming', value: 200, previous: 100, change: 1 },
    });
    const carryOver = findings.find((f) => f.period === '2014' && f.key === 'justice.carry_over|XK-B0|');
    expect(JSON.parse(carryOver!.details_json).values).toEqual({ 'cases.pending_start': 3000, 'prev(cases.pending_end)': 1500 });
  });

  it('counts in a dry run what a file would change, writing nothing', async () => {
    expect(await run(csv('2016', WRITE_BATCH + 1), true)).toMatchObject({ dryRun: true, created: WRITE_BATCH + 1 });
    expect(await count('2016')).toBe(0);
  });
});
