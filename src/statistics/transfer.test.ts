import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliActor } from '../platform/audit/actor.js';
import { buildApp } from '../app/app.js';
import { importOrgUnits } from '../platform/partners/org-units.service.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { bearer, makeUser, type TestUser, ORG_UNIT_KINDS } from '../testing/factories.js';
import { importRows, type ImportValueRow } from '../testing/submissions.js';

// Every test imports into periods of its own, 3 years apart from any other test's, so that no test
// sees another's values (in counts, exports or indicators) nor has them as its previous period.

const HEADER = 'dataset,partner,org_unit,period,variable,case_category,instance,value,comment';
const CATEGORIES = [
  'civil_litigious',
  'civil_non_litigious',
  'registry_land_business',
  'registry_other',
  'administrative',
  'other_non_criminal',
  'criminal_severe',
  'criminal_minor',
];

/** 10,000 court-level rows: courts × 5 variables × 8 categories × 3 instances × the 2 years. */
function bigCsv(years: [string, string], badRow?: number): string {
  const lines = [HEADER];
  let n = 0;
  outer: for (let c = 0; c < 45; c += 1) {
    for (const variable of ['cases.pending_start', 'cases.incoming', 'cases.resolved', 'cases.pending_end', 'cases.pending_over_2y']) {
      for (const cat of CATEGORIES) {
        for (const instance of ['first', 'second', 'highest']) {
          for (const year of years) {
            if (n >= 10000) break outer;
            n += 1;
            lines.push(
              `justice.annual,AL,AL-C${c},${year},${variable},${cat},${instance},${variable === 'cases.pending_over_2y' ? 1 : 10 + (n % 7)},`,
            );
          }
        }
      }
    }
  }
  if (badRow !== undefined) lines[badRow - 1] = lines[badRow - 1]!.replace(/,\d+,$/, ',12 345,');
  return lines.join('\n') + '\n';
}

const annual = (partner: string, period: string, variable: string, value: number | string, more: Partial<ImportValueRow> = {}) =>
  ({ dataset: 'justice.annual', partner, period, variable, value, ...more }) satisfies ImportValueRow;

describeEachDatabase('imports, exports and indicators', (get) => {
  let app: FastifyInstance;
  let al: TestUser, rs: TestUser, commission: TestUser, admin: TestUser;

  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
    al = await makeUser(get().db, 'coordinator', 'AL');
    rs = await makeUser(get().db, 'coordinator', 'RS');
    commission = await makeUser(get().db, 'commission');
    admin = await makeUser(get().db, 'admin');
    const courts = ['code,name,partner,kind,parent', 'AL-APP,Court of Appeal Tirana,AL,court,'];
    for (let i = 0; i < 45; i += 1) courts.push(`AL-C${i},District court ${i},AL,court,AL-APP`);
    courts.push('RS-BG,Belgrade First Basic Court,RS,court,');
    await importOrgUnits(get().db, cliActor(), courts.join('\n'), ORG_UNIT_KINDS);
  });
  afterAll(async () => app.close());

  const upload = (who: TestUser, body: string | Buffer, type = 'text/csv', dryRun = false) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/imports/values${dryRun ? '?dryRun=true' : ''}`,
      headers: { ...bearer(who), 'content-type': type },
      payload: body,
    });
  const inject = (who: TestUser | undefined, url: string) => app.inject({ method: 'GET', url, headers: who ? bearer(who) : {} });
  /** Stored values: all of them, or those of the given periods. */
  const countValues = async (periods?: string[]) => {
    let query = get()
      .db.selectFrom('data_values')
      .innerJoin('submissions', 'submissions.id', 'data_values.submission_id')
      .select((eb) => eb.fn.countAll().as('n'));
    if (periods) query = query.where('submissions.period', 'in', periods);
    return Number((await query.executeTakeFirstOrThrow()).n);
  };

  /**
   * Drafts for the period: AL with a clearance rate of 90 % (900 of 1000) and its pending stock not
   * quantified, RS with 105 % (2100 of 2000); the region is 3000 of 3000 = 100 %, the median 97.5.
   */
  /** AL 900 of 1000 and RS 2100 of 2000 resolved; with `region`, also ME 450 of 500 and MK 550 of 500 (4 of 6: a region value). */
  async function clearanceDrafts(period: string, opts: { region?: boolean } = {}): Promise<void> {
    await importRows(app, al, [
      annual('AL', period, 'cases.incoming', 1000),
      annual('AL', period, 'cases.resolved', 900),
      annual('AL', period, 'cases.pending_end', 'NQ', { comment: 'under review' }),
    ]);
    await importRows(app, rs, [annual('RS', period, 'cases.incoming', 2000), annual('RS', period, 'cases.resolved', 2100)]);
    if (!opts.region) return;
    await importRows(app, admin, [
      annual('ME', period, 'cases.incoming', 500),
      annual('ME', period, 'cases.resolved', 450),
      annual('MK', period, 'cases.incoming', 500),
      annual('MK', period, 'cases.resolved', 550),
    ]);
  }

  it('rejects a CSV of 10,000 rows with one bad row whole, naming that row, and changes nothing', async () => {
    const years: [string, string] = ['2001', '2002'];
    const before = await countValues();
    const response = await upload(al, bigCsv(years, 7777));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([
      { row: 7777, column: 'value', message: expect.stringMatching(/"12 345" is not a number/) },
    ]);
    expect(response.json().error.message).toMatch(/row 7777, value/);
    expect(await countValues()).toBe(before);
    expect(await countValues(years)).toBe(0);
  });

  it('dry-runs, then imports the same file, then reports it unchanged', async () => {
    const years: [string, string] = ['2005', '2006'];
    const dry = await upload(al, bigCsv(years), 'text/csv', true);
    expect(dry.json()).toMatchObject({ dryRun: true, rows: 10000, created: 10000, changed: 0, submissions: 2 });
    expect(await countValues(years)).toBe(0);
    const real = await upload(al, bigCsv(years));
    expect(real.json()).toMatchObject({ dryRun: false, created: 10000 });
    expect(await countValues(years)).toBe(10000);
    const again = await upload(
      al,
      bigCsv(years).replace(
        `AL-C0,${years[0]},cases.pending_start,civil_litigious,first,11,`,
        `AL-C0,${years[0]},cases.pending_start,civil_litigious,first,12,`,
      ),
      'text/csv',
      true,
    );
    expect(again.json()).toMatchObject({ created: 0, changed: 1, unchanged: 9999 });
    expect(await countValues(years)).toBe(10000);
  });

  it('lists every bad row and column, including rows for another partner', async () => {
    const csv = [
      HEADER,
      'justice.annual,RS,,2010,cases.incoming,,,5,',
      'justice.annual,AL,,2010-01,cases.incoming,,,5,',
      'justice.nothing,AL,,2010,cases.incoming,,,5,',
      'justice.annual,AL,RS-BG,2010,cases.incoming,,,5,',
      'justice.annual,AL,,2010,cases.incoming,piracy,,5,',
    ].join('\n');
    const response = await upload(al, csv);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.map((p: { row: number; column: string }) => [p.row, p.column])).toEqual([
      [2, 'partner'],
      [3, 'period'],
      [4, 'dataset'],
      [5, 'org_unit'],
      [6, 'case_category'],
    ]);
    expect(await countValues(['2010', '2010-01'])).toBe(0);
  });

  it('refuses rows for partners outside the dataset’s scope (the EU, member states), naming the row', async () => {
    const csv = [HEADER, 'justice.annual,DE,,2011,cases.incoming,,,5,', 'justice.annual,EU,,2011,cases.incoming,,,7,'].join('\n');
    const response = await upload(admin, csv);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([
      { row: 2, column: 'partner', message: 'dataset justice.annual collects figures of WB6, not of DE' },
      { row: 3, column: 'partner', message: 'dataset justice.annual collects figures of WB6, not of EU' },
    ]);
    const direct = await app.inject({
      method: 'PUT',
      url: '/api/v1/submissions/justice.annual/HR/2011/values',
      headers: bearer(admin),
      payload: { version: 0, values: [{ variable: 'cases.incoming', value: 5 }] },
    });
    expect(direct.statusCode).toBe(400);
    expect(direct.json().error.message).toBe('partner: dataset justice.annual collects figures of WB6, not of HR.');
    expect(await countValues(['2011'])).toBe(0);
  });

  it('lets ten concurrent imports of the same new org units give one creator and no server error', async () => {
    const csv = 'code,name,partner,kind,parent\nMK-RACE-1,Basic Court Skopje,MK,court,\nMK-RACE-2,Basic Court Bitola,MK,court,\n';
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        app.inject({
          method: 'POST',
          url: '/api/v1/imports/org-units',
          headers: { ...bearer(admin), 'content-type': 'text/csv' },
          payload: csv,
        }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([]);
    expect(responses.filter((r) => r.statusCode === 200 && r.json().created === 2)).toHaveLength(1);
    for (const r of responses.filter((r) => r.statusCode === 409)) expect(r.json().error.code).toBe('conflict');
    const stored = await get().db.selectFrom('org_units').select('code').where('code', 'like', 'MK-RACE-%').orderBy('code').execute();
    expect(stored.map((u) => u.code)).toEqual(['MK-RACE-1', 'MK-RACE-2']);
  });

  it('refuses org units of a kind the catalogue does not collect, or with an overlong name', async () => {
    const csv = ['code,name,partner,kind,parent', 'ME-X1,Prison Spuž,ME,prison,', `ME-X2,${'N'.repeat(1_000_000)},ME,court,`].join('\n');
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/imports/org-units',
      headers: { ...bearer(admin), 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([
      { row: 2, column: 'kind', message: '"prison" is not an org-unit kind of the catalogue (court, reception_centre)' },
      { row: 3, column: 'name', message: 'is 1000000 characters long; at most 200' },
    ]);
    expect(await get().db.selectFrom('org_units').select('code').where('code', 'in', ['ME-X1', 'ME-X2']).execute()).toEqual([]);
  });

  it('refuses a file without the required columns or with an unknown column', async () => {
    expect((await upload(al, 'dataset,partner,period,variable\nx,AL,2013,y\n')).json().error.message).toMatch(
      /lacks the column\(s\) value/,
    );
    expect((await upload(al, `${HEADER},colour\n`)).json().error.message).toMatch(/Unknown column\(s\) colour/);
    expect((await upload(al, '"unterminated\n', 'text/csv')).statusCode).toBe(400);
    expect(
      (await upload(al, Buffer.from('not a zip'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).json().error
        .message,
    ).toMatch(/XLSX file cannot be read/);
  });

  it('imports JSON', async () => {
    const period = '2016';
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/imports/values',
      headers: bearer(al),
      payload: {
        values: [
          { dataset: 'justice.annual', partner: 'AL', period, variable: 'cases.incoming', value: 1000 },
          { dataset: 'justice.annual', partner: 'AL', period, variable: 'cases.resolved', value: 900 },
          { dataset: 'justice.annual', partner: 'AL', period, variable: 'cases.pending_end', value: 'NQ', comment: 'under review' },
        ],
      },
    });
    expect(response.json()).toMatchObject({ created: 3 });
    expect(await countValues([period])).toBe(3);
  });

  it('round-trips the XLSX template: download, fill in, upload', async () => {
    const period = '2019';
    const template = await inject(rs, `/api/v1/submissions/justice.annual/RS/${period}/template.xlsx`);
    expect(template.statusCode).toBe(200);
    expect((await inject(rs, `/api/v1/submissions/justice.annual/AL/${period}/template.xlsx`)).statusCode).toBe(403);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('values')!;
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual([
      'dataset',
      'partner',
      'org_unit',
      'period',
      'variable',
      'case_category',
      'instance',
      'value',
      'comment',
      'obs_status',
    ]);
    let filled = 0;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const org = row.getCell(3).value;
      const variable = row.getCell(5).value;
      const cat = row.getCell(6).value;
      if (!org && !cat && (variable === 'cases.incoming' || variable === 'cases.resolved')) {
        row.getCell(8).value = variable === 'cases.incoming' ? 2000 : 2100;
        filled += 1;
      }
    });
    expect(filled).toBe(2);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const response = await upload(rs, buffer, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.json()).toMatchObject({ created: 2, submissions: 1 });
    const stored = (await inject(rs, `/api/v1/exports/values?dataset=justice.annual&partner=RS&period=${period}&format=json`)).json();
    expect(stored.values.map((v: { variable: string; value: unknown }) => [v.variable, v.value])).toEqual([
      ['cases.incoming', 2000],
      ['cases.resolved', 2100],
    ]);
  });

  it('never shows a coordinator another partner’s draft: not in exports, not in indicators', async () => {
    const period = '2022';
    await clearanceDrafts(period);
    const rsExport = (await inject(rs, `/api/v1/exports/values?dataset=justice.annual&period=${period}&format=csv`)).body;
    expect(rsExport).toContain(`justice.annual,RS,,${period},`);
    expect(rsExport).not.toContain(',AL,');
    const commissionExport = (await inject(commission, `/api/v1/exports/values?dataset=justice.annual&period=${period}&format=csv`)).body;
    expect(commissionExport).toContain(`justice.annual,AL,,${period},`);
    const publicExport = (await inject(undefined, `/api/v1/exports/values?dataset=justice.annual&period=${period}&format=json`)).json();
    expect(publicExport.values).toEqual([]);
    const rsIndicator = (await inject(rs, `/api/v1/indicators/justice.clearance_rate/values?period=${period}`)).json();
    expect(rsIndicator.values.map((v: { partner: string }) => v.partner)).toEqual(['RS']);
    expect(rsIndicator.region[0].members).toBe(1);
    const alOwn = (await inject(al, `/api/v1/indicators/justice.clearance_rate/values?period=${period}`)).json();
    expect(alOwn.values.map((v: { partner: string }) => v.partner)).toEqual(['AL']);
  });

  it('computes indicators per partner, the region by ratio of sums and the median', async () => {
    const period = '2025';
    await clearanceDrafts(period, { region: true });
    const answer = (await inject(commission, `/api/v1/indicators/justice.clearance_rate/values?period=${period}`)).json();
    expect(answer.values).toEqual([
      expect.objectContaining({ partner: 'AL', period, value: 90, numerator: 900, denominator: 1000 }),
      expect.objectContaining({ partner: 'ME', period, value: 90, numerator: 450, denominator: 500 }),
      expect.objectContaining({ partner: 'MK', period, value: 110, numerator: 550, denominator: 500 }),
      expect.objectContaining({ partner: 'RS', period, value: 105, numerator: 2100, denominator: 2000 }),
    ]);
    // 4000 of 4000 resolved: 100 %, not the mean of the four ratios (98.75); the median of 90, 90, 105, 110 is 97.5.
    expect(answer.region).toEqual([
      { period, value: 100, median: 97.5, min: 90, max: 110, members: 4, required: 4, reason: null, status: 'draft' },
    ]);
    const dt = (await inject(commission, `/api/v1/indicators/justice.disposition_time/values?period=${period}&partner=AL`)).json();
    expect(dt.values[0].value).toBeNull();
  });

  it('gives no region value and no median below the indicator’s coverage, and says how many partners reported', async () => {
    const period = '2034';
    await clearanceDrafts(period);
    const answer = (await inject(commission, `/api/v1/indicators/justice.clearance_rate/values?period=${period}`)).json();
    expect(answer.values.map((v: { partner: string; value: number }) => [v.partner, v.value])).toEqual([
      ['AL', 90],
      ['RS', 105],
    ]);
    expect(answer.region).toEqual([
      {
        period,
        value: null,
        median: null,
        min: null,
        max: null,
        members: 2,
        required: 4,
        reason: '2 of 6 partners reported — no regional value (it needs 4)',
        status: 'draft',
      },
    ]);
    const csv = (await inject(commission, `/api/v1/indicators/justice.clearance_rate/values?period=${period}&format=csv`)).body;
    expect(
      csv
        .trim()
        .split('\n')
        .filter((l) => l.includes(',WB6')),
    ).toEqual([`justice.clearance_rate,WB6,,${period},,,,draft`, `justice.clearance_rate,WB6_MEDIAN,,${period},,,,draft`]);
  });

  it('computes an org unit and a dimension, and answers CSV', async () => {
    const courtYear = '2028';
    const partnerYear = '2030';
    // One court's civil litigious cases by instance: 56 of 70 resolved, 80 %.
    const court = (variable: string, instance: string, value: number) =>
      annual('AL', courtYear, variable, value, { orgUnit: 'AL-C0', coords: { case_category: 'civil_litigious', instance } });
    await importRows(app, al, [
      court('cases.incoming', 'first', 40),
      court('cases.incoming', 'second', 20),
      court('cases.incoming', 'highest', 10),
      court('cases.resolved', 'first', 35),
      court('cases.resolved', 'second', 14),
      court('cases.resolved', 'highest', 7),
    ]);
    await clearanceDrafts(partnerYear, { region: true });
    const courtAnswer = (
      await inject(
        al,
        `/api/v1/indicators/justice.clearance_rate/values?period=${courtYear}&partner=AL&orgUnit=AL-C0&case_category=civil_litigious`,
      )
    ).json();
    expect(courtAnswer.values).toHaveLength(1);
    expect(courtAnswer.values[0]).toMatchObject({ orgUnit: 'AL-C0', partner: 'AL' });
    expect(courtAnswer.values[0]).toMatchObject({ value: 80, numerator: 56, denominator: 70 });
    const csv = (
      await inject(commission, `/api/v1/indicators/justice.clearance_rate/values?from=${courtYear}&to=${partnerYear}&format=csv`)
    ).body;
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('indicator,partner,org_unit,period,case_category,instance,value,status');
    // One court reported and AL has not declared its court list complete: no national total is summed.
    expect(lines).toContain(`justice.clearance_rate,AL,,${courtYear},,,,draft`);
    expect(lines).toContain(`justice.clearance_rate,RS,,${partnerYear},,,105,draft`);
    expect(lines).toContain(`justice.clearance_rate,WB6,,${partnerYear},,,100,draft`);
    const partial = await inject(commission, `/api/v1/indicators/justice.clearance_rate/values?period=${courtYear}&partner=AL`);
    expect(partial.json().values).toEqual([expect.objectContaining({ partner: 'AL', value: null, status: 'draft', partialUnits: 1 })]);
    const submission = (await inject(al, `/api/v1/submissions/justice.annual/AL/${courtYear}`)).json();
    expect(submission.orgUnitsComplete).toBe(false);
    const declared = await app.inject({
      method: 'PUT',
      url: `/api/v1/submissions/justice.annual/AL/${courtYear}/org-units-complete`,
      headers: bearer(al),
      payload: { version: submission.version, complete: true },
    });
    expect(declared.json()).toEqual({ status: 'draft', version: submission.version + 1 });
    const summed = await inject(commission, `/api/v1/indicators/justice.clearance_rate/values?period=${courtYear}&partner=AL`);
    expect(summed.json().values).toEqual([
      expect.objectContaining({ partner: 'AL', value: 80, numerator: 56, denominator: 70, status: 'draft', partialUnits: null }),
    ]);
    const stale = await app.inject({
      method: 'PUT',
      url: `/api/v1/submissions/justice.annual/AL/${courtYear}/org-units-complete`,
      headers: bearer(rs),
      payload: { version: submission.version + 1, complete: false },
    });
    expect(stale.statusCode).toBe(403);
    const bad = await inject(commission, '/api/v1/indicators/justice.clearance_rate/values?colour=blue');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^colour: /);
  });

  it('lets only admins import org units', async () => {
    const csv = 'code,name,partner,kind,parent\nME-PG,Basic Court Podgorica,ME,court,\n';
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/imports/org-units',
          headers: { ...bearer(al), 'content-type': 'text/csv' },
          payload: csv,
        })
      ).statusCode,
    ).toBe(403);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/imports/org-units',
      headers: { ...bearer(admin), 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(ok.json()).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/imports/org-units',
      headers: { ...bearer(admin), 'content-type': 'text/csv' },
      payload: 'code,name,partner,kind,parent\nX1,,ZZ,Court,NOPE\n',
    });
    expect(bad.json().error.details.map((p: { column: string }) => p.column)).toEqual(['name', 'partner', 'kind', 'parent']);
  });
});
