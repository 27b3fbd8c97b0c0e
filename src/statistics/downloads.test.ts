// Downloads of values and indicators: SDMX-CSV read back equals the published values (flags and
// special codes included) and never holds a draft; CSV with labels; XLSX with its metadata sheet.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../app/app.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { bearer, makeUser, type TestUser } from '../testing/factories.js';
import { publishedSubmission, saveDraft } from '../testing/submissions.js';

const KOSOVO =
  'Kosovo: This designation is without prejudice to positions on status, and is in line with UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.';
const PERIOD = '2031-03';

describeEachDatabase('open-data downloads', (get) => {
  let app: FastifyInstance;
  let al: TestUser, rs: TestUser, reviewer: TestUser, commission: TestUser;
  let publishedAt: string;

  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
    al = await makeUser(get().db, 'coordinator', 'AL');
    rs = await makeUser(get().db, 'coordinator', 'RS');
    reviewer = await makeUser(get().db, 'reviewer');
    commission = await makeUser(get().db, 'commission');
    await publishedSubmission(
      app,
      { coordinator: al, reviewer, commission },
      { dataset: 'migration.monthly', partner: 'AL', period: PERIOD },
      [
        { variable: 'arrivals.detected', value: 120, obsStatus: 'P' },
        { variable: 'arrivals.detected', coords: { sex: 'female' }, value: 50, obsStatus: 'E' },
        { variable: 'arrivals.detected', coords: { sex: 'male' }, value: 70 },
        { variable: 'arrivals.detected', coords: { age_group: 'y0_13' }, value: 'NA' },
        { variable: 'asylum.intentions', value: 'NQ', comment: '=1+1 under review' },
        { variable: 'asylum.applications', value: 'NAP' },
        { variable: 'asylum.decisions', coords: { outcome: 'refugee_status', citizenship: 'other' }, value: 4 },
        { variable: 'enforcement.returned', coords: { citizenship: 'AF' }, value: 7, obsStatus: 'B', comment: '-3 after correction' },
      ],
    );
    const release = await get().db.selectFrom('releases').select('published_at').executeTakeFirstOrThrow();
    publishedAt = release.published_at;
    // A draft of another partner beside the published submission: never in a public answer.
    await saveDraft(app, rs, { dataset: 'migration.monthly', partner: 'RS', period: PERIOD }, [
      { variable: 'arrivals.detected', value: 999 },
    ]);
  });
  afterAll(async () => app.close());

  const download = (url: string, who: TestUser | null = null, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { ...(who ? bearer(who) : {}), ...headers } });
  const records = (body: string) => parse(body, { columns: true }) as Record<string, string>[];
  /** Rows in an order of their own (the export's order of breakdowns follows the locale's collation). */
  const sorted = (rows: Record<string, string>[]) =>
    [...rows].sort((a, b) => (JSON.stringify(Object.values(a)) < JSON.stringify(Object.values(b)) ? -1 : 1));
  const row = (over: Record<string, string>) => ({
    STRUCTURE: 'dataflow',
    STRUCTURE_ID: 'JHAHUB:MIGRATION_MONTHLY(1.0)',
    ACTION: 'I',
    FREQ: 'M',
    REF_AREA: 'AL',
    VARIABLE: 'ARRIVALS_DETECTED',
    CITIZENSHIP: 'TOTAL',
    SEX: 'T',
    AGE_GROUP: 'TOTAL',
    OUTCOME: '_Z',
    TIME_PERIOD: '2031-03',
    OBS_VALUE: '',
    OBS_STATUS: '',
    UNIT_MEASURE: 'PERSONS',
    COMMENT_OBS: '',
    ...over,
  });

  it('gives a dataset as SDMX-CSV 2.0 that reads back as the published values, flags and special codes included, and no draft', async () => {
    const answer = await download(`/exports/values?dataset=migration.monthly&period=${PERIOD}&format=sdmx-csv`);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/vnd.sdmx.data+csv; version=2.0.0');
    expect(answer.headers['content-disposition']).toBe(`attachment; filename="migration.monthly-${PERIOD}.sdmx.csv"`);
    expect(answer.body.split('\r\n')[0]).toBe(
      'STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,VARIABLE,CITIZENSHIP,SEX,AGE_GROUP,OUTCOME,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MEASURE,COMMENT_OBS',
    );
    expect(sorted(records(answer.body))).toEqual(
      sorted([
        row({ OBS_VALUE: '120', OBS_STATUS: 'P' }),
        row({ AGE_GROUP: 'Y_LT14', OBS_STATUS: 'L' }),
        row({ SEX: 'F', OBS_VALUE: '50', OBS_STATUS: 'E' }),
        row({ SEX: 'M', OBS_VALUE: '70' }),
        row({ VARIABLE: 'ASYLUM_APPLICATIONS', OBS_STATUS: 'M' }),
        row({ VARIABLE: 'ASYLUM_DECISIONS', CITIZENSHIP: '_O', OUTCOME: 'GENCONV', OBS_VALUE: '4' }),
        // The comment a spreadsheet would run as a formula starts with an apostrophe.
        row({ VARIABLE: 'ASYLUM_INTENTIONS', OBS_STATUS: 'Q', COMMENT_OBS: "'=1+1 under review" }),
        row({
          VARIABLE: 'ENFORCEMENT_RETURNED',
          CITIZENSHIP: 'AF',
          SEX: '_Z',
          AGE_GROUP: '_Z',
          OBS_VALUE: '7',
          OBS_STATUS: 'B',
          COMMENT_OBS: "'-3 after correction",
        }),
      ]),
    );
    // The Commission reads RS's draft elsewhere, but SDMX-CSV holds published figures only, for everybody.
    const inside = await download(`/exports/values?dataset=migration.monthly&period=${PERIOD}&format=sdmx-csv`, commission);
    expect(inside.body).toBe(answer.body);
    expect(records(inside.body).map((r) => r.REF_AREA)).not.toContain('RS');
    const json = (await download(`/exports/values?dataset=migration.monthly&period=${PERIOD}&format=json`, commission)).json();
    expect(json.values.filter((v: { partner: string }) => v.partner === 'RS')).toEqual([
      expect.objectContaining({ partner: 'RS', value: 999, status: 'draft' }),
    ]);
  });

  it('reads SDMX-CSV as of an instant, and answers 304 to its ETag', async () => {
    const before = new Date(new Date(publishedAt).getTime() - 1000).toISOString();
    const old = await download(`/exports/values?dataset=migration.monthly&period=${PERIOD}&format=sdmx-csv&asOf=${before}`);
    expect(records(old.body)).toEqual([]);
    const now = await download(`/exports/values?dataset=migration.monthly&period=${PERIOD}&format=sdmx-csv`);
    expect(now.headers['cache-control']).toBe('public, no-cache');
    const again = await download(`/exports/values?dataset=migration.monthly&period=${PERIOD}&format=sdmx-csv`, null, {
      'if-none-match': now.headers.etag as string,
    });
    expect(again.statusCode).toBe(304);
    const working = await download(`/exports/values?dataset=migration.monthly&period=${PERIOD}&format=csv`, commission);
    expect(working.headers['cache-control']).toBe('no-store');
  });

  it('gives an indicator as SDMX-CSV of its own dataflow: the status of its inputs, a special code behind a missing figure, the region', async () => {
    const header =
      'STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,CITIZENSHIP,SEX,AGE_GROUP,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MEASURE,COMMENT_OBS';
    const flow = { STRUCTURE: 'dataflow', STRUCTURE_ID: 'JHAHUB:IND_MIGRATION_ARRIVALS(1.0)', ACTION: 'I', FREQ: 'M', TIME_PERIOD: PERIOD };
    const region = {
      ...flow,
      REF_AREA: 'WB6',
      OBS_VALUE: '',
      OBS_STATUS: 'O',
      UNIT_MEASURE: 'PERSONS',
      COMMENT_OBS: '1 of 6 partners reported — no regional value (it needs 4)',
    };
    const total = await download(`/indicators/migration.arrivals/values?period=${PERIOD}&format=sdmx-csv`);
    expect(total.body.split('\r\n')[0]).toBe(header);
    expect(records(total.body)).toEqual([
      {
        ...flow,
        REF_AREA: 'AL',
        CITIZENSHIP: 'TOTAL',
        SEX: 'T',
        AGE_GROUP: 'TOTAL',
        OBS_VALUE: '120',
        OBS_STATUS: 'P',
        UNIT_MEASURE: 'PERSONS',
        COMMENT_OBS: '',
      },
      { ...region, CITIZENSHIP: 'TOTAL', SEX: 'T', AGE_GROUP: 'TOTAL' },
    ]);
    const women = await download(`/indicators/migration.arrivals/values?period=${PERIOD}&sex=female&format=sdmx-csv`);
    expect(records(women.body)[0]).toMatchObject({ REF_AREA: 'AL', SEX: 'F', AGE_GROUP: 'TOTAL', OBS_VALUE: '50', OBS_STATUS: 'E' });
    const children = await download(`/indicators/migration.arrivals/values?period=${PERIOD}&age_group=y0_13&format=sdmx-csv`);
    expect(records(children.body)[0]).toMatchObject({ REF_AREA: 'AL', AGE_GROUP: 'Y_LT14', OBS_VALUE: '', OBS_STATUS: 'L' });
    const unit = await download(`/indicators/migration.arrivals/values?period=${PERIOD}&orgUnit=X&format=sdmx-csv`);
    expect(unit.statusCode).toBe(400);
    expect(unit.json().error.details).toEqual({ field: 'orgUnit' });
  });

  it('gives CSV with codes and names when asked, and the existing layout without labels', async () => {
    const both = records((await download(`/exports/values?dataset=migration.monthly&period=${PERIOD}&labels=both`)).body);
    expect(Object.keys(both[0]!)).toEqual([
      'dataset',
      'dataset_name',
      'partner',
      'partner_name',
      'org_unit',
      'org_unit_name',
      'period',
      'variable',
      'variable_name',
      'unit',
      'citizenship',
      'citizenship_name',
      'sex',
      'sex_name',
      'age_group',
      'age_group_name',
      'outcome',
      'outcome_name',
      'value',
      'special_code_name',
      'obs_status',
      'obs_status_name',
      'comment',
      'status',
    ]);
    const base = {
      dataset: 'migration.monthly',
      dataset_name: 'Monthly migration statistics',
      partner: 'AL',
      partner_name: 'Albania',
      org_unit: '',
      org_unit_name: '',
      period: PERIOD,
      unit: 'persons',
      comment: '',
      status: 'published',
    };
    expect(both.find((r) => r.variable === 'arrivals.detected' && r.sex === 'female')).toEqual({
      ...base,
      variable: 'arrivals.detected',
      variable_name: 'Irregular arrivals detected',
      citizenship: '',
      citizenship_name: 'Total',
      sex: 'female',
      sex_name: 'Female',
      age_group: '',
      age_group_name: 'Total',
      outcome: '',
      outcome_name: '',
      value: '50',
      special_code_name: '',
      obs_status: 'E',
      obs_status_name: 'Estimated value',
    });
    expect(both.find((r) => r.variable === 'asylum.intentions')).toMatchObject({
      value: 'NQ',
      special_code_name: 'Not published: under quality review',
      comment: "'=1+1 under review",
    });
    const names = (await download(`/exports/values?dataset=migration.monthly&period=${PERIOD}&labels=name`)).body.split('\n')[0];
    expect(names).toBe(
      'dataset_name,partner_name,org_unit_name,period,variable_name,unit,citizenship_name,sex_name,age_group_name,outcome_name,value,special_code_name,obs_status_name,comment,status',
    );
    const legacy = (await download(`/exports/values?dataset=migration.monthly&period=${PERIOD}`)).body.split('\n')[0];
    expect(legacy).toBe('dataset,partner,org_unit,period,variable,citizenship,sex,age_group,outcome,value,comment,obs_status,status');
    const indicator = records((await download(`/indicators/migration.arrivals/values?period=${PERIOD}&format=csv&labels=both`)).body);
    expect(indicator.map((r) => [r.partner, r.partner_name, r.value, r.unit, r.obs_status, r.obs_status_name, r.note])).toEqual([
      ['AL', 'Albania', '120', 'persons', 'P', 'Provisional value', ''],
      ['WB6', 'Western Balkans (the six partners)', '', 'persons', '', '', '1 of 6 partners reported — no regional value (it needs 4)'],
      [
        'WB6_MEDIAN',
        'Western Balkans: median of the partners',
        '',
        'persons',
        '',
        '',
        '1 of 6 partners reported — no regional value (it needs 4)',
      ],
    ]);
    const missing = records(
      (await download(`/indicators/migration.arrivals/values?period=${PERIOD}&age_group=y0_13&format=csv&labels=code`)).body,
    )[0];
    expect(missing).toMatchObject({ partner: 'AL', age_group: 'y0_13', value: '', special_code: 'NA', status: 'published' });
  });

  it('gives XLSX with a data sheet and a metadata sheet: definition, method, unit, source, periodicity, last release, footnotes', async () => {
    const answer = await download(`/indicators/migration.arrivals/values?period=${PERIOD}&format=xlsx&labels=both`);
    expect(answer.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(answer.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['data', 'metadata']);
    const data = workbook.getWorksheet('data')!;
    expect(data.getRow(2).getCell(1).value).toBe('migration.arrivals');
    expect(data.getRow(2).getCell(3).value).toBe('AL');
    expect(data.getRow(2).getCell(4).value).toBe('Albania');
    const valueColumn = (data.getRow(1).values as unknown[]).indexOf('value');
    expect(data.getRow(2).getCell(valueColumn).value).toBe(120);
    const about = new Map<string, string[]>();
    workbook.getWorksheet('metadata')!.eachRow((r) => {
      const field = String(r.getCell(1).value);
      about.set(field, [...(about.get(field) ?? []), String(r.getCell(2).value)]);
    });
    expect(about.get('Indicator')).toEqual(['Irregular arrivals detected (migration.arrivals)']);
    expect(about.get('Unit')).toEqual(['persons']);
    expect(about.get('Periodicity')).toEqual(['monthly']);
    expect(about.get('Source')).toEqual(["Partners' national authorities (Regional Template for Exchange of Non-Personal Migration Data)"]);
    expect(about.get('Definition')![0]).toMatch(/^Migrants detected arriving irregularly/);
    expect(about.get('Method')).toEqual([app.catalog.indicators.get('migration.arrivals')!.method]);
    expect(about.get('Last release')).toEqual([publishedAt]);
    expect(about.get('Licence')).toEqual([
      'Creative Commons Attribution 4.0 International (CC BY 4.0), https://creativecommons.org/licenses/by/4.0/',
    ]);
    expect(about.get('Footnote')).toContain(KOSOVO);
    expect(about.get('Citation')![0]).toContain(`Irregular arrivals detected, figures as published on ${publishedAt.slice(0, 10)}`);
    // A dataset's workbook keeps the import layout on its first sheet without labels.
    const values = new ExcelJS.Workbook();
    await values.xlsx.load(
      (await download(`/exports/values?dataset=migration.monthly&period=${PERIOD}&format=xlsx`)).rawPayload as unknown as ArrayBuffer,
    );
    expect((values.getWorksheet('data')!.getRow(1).values as unknown[]).slice(1)).toEqual([
      'dataset',
      'partner',
      'org_unit',
      'period',
      'variable',
      'citizenship',
      'sex',
      'age_group',
      'outcome',
      'value',
      'comment',
      'obs_status',
      'status',
    ]);
    const variables: string[] = [];
    values.getWorksheet('metadata')!.eachRow((r) => variables.push(String(r.getCell(1).value)));
    expect(variables).toContain('arrivals.detected');
    expect(variables).toContain('Footnote');
  });
});
