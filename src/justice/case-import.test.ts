import type { FastifyInstance } from 'fastify';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliActor } from '../platform/audit/actor.js';
import { buildApp } from '../app/app.js';
import { createContext, jobHandlers } from '../app/context.js';
import { runDueJobs } from '../platform/jobs/jobs.service.js';
import { CASE_IMPORT_JOB } from './case-import.service.js';
import { importOrgUnits } from '../platform/partners/org-units.service.js';
import { PROJECT_ROOT } from '../platform/paths.js';
import { runJha } from '../testing/cli.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { bearer, makeUser, type TestUser, ORG_UNIT_KINDS } from '../testing/factories.js';

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const example = (name: string) => readFileSync(join(PROJECT_ROOT, 'examples', name));

describeEachDatabase('case-level import', (get) => {
  let app: FastifyInstance;
  let al: TestUser, rs: TestUser, reviewer: TestUser;

  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
    al = await makeUser(get().db, 'coordinator', 'AL');
    rs = await makeUser(get().db, 'coordinator', 'RS');
    reviewer = await makeUser(get().db, 'reviewer');
    await importOrgUnits(get().db, cliActor(), readFileSync(join(PROJECT_ROOT, 'demo', 'org-units.csv'), 'utf8'), ORG_UNIT_KINDS);
  });
  afterAll(async () => app.close());

  async function upload(who: TestUser, partner: string, body: Buffer | string, fileName = 'cases.csv') {
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/justice/case-imports?partner=${partner}&fileName=${fileName}`,
      headers: { ...bearer(who), 'content-type': 'text/csv' },
      payload: body,
    });
    return response;
  }
  /** Runs the queued jobs (as the server's runner would) and returns the run as the API shows it. */
  async function finished(who: TestUser, id: string) {
    const queued = (await app.inject({ method: 'GET', url: `/api/v1/justice/case-imports/${id}`, headers: bearer(who) })).json();
    expect(queued).toMatchObject({ status: 'running', phase: 'queued' });
    const handlers = jobHandlers(createContext({ config: testConfig(get().config) }));
    await runDueJobs({ db: get().db, config: testConfig(get().config), log: silent }, { [CASE_IMPORT_JOB]: handlers[CASE_IMPORT_JOB]! });
    return (await app.inject({ method: 'GET', url: `/api/v1/justice/case-imports/${id}`, headers: bearer(who) })).json();
  }

  it('imports the example file: counts by reason, draft values per court and partner, identity exact', async () => {
    const started = await upload(al, 'AL', example('cases-AL.csv'), 'cases-AL.csv');
    expect(started.statusCode).toBe(202);
    const run = await finished(al, started.json().id);
    expect(run).toMatchObject({
      status: 'completed',
      progress: 1,
      partner: 'AL',
      fileName: 'cases-AL.csv',
      rows: 304,
      imported: 300,
      rejected: 4,
      years: ['2023'],
      rejectedByReason: { closed_before_filed: 1, unknown_court: 1, unreadable_filing_date: 1, duplicate_case_id: 1 },
    });
    const submission = (await app.inject({ method: 'GET', url: '/api/v1/submissions/justice.annual/AL/2023', headers: bearer(al) })).json();
    expect(submission.status).toBe('draft');
    const total = (variable: string, orgUnit: string | null) =>
      submission.values
        .filter((v: { variable: string; orgUnit: string | null }) => v.variable === variable && v.orgUnit === orgUnit)
        .reduce((a: number, v: { value: number }) => a + v.value, 0);
    expect(total('cases.incoming', null)).toBe(300);
    expect(total('cases.pending_start', null) + total('cases.incoming', null) - total('cases.resolved', null)).toBe(
      total('cases.pending_end', null),
    );
    for (const court of ['AL-CRT-TIRANA', 'AL-CRT-DURRES', 'AL-CRT-APPEAL']) {
      expect(total('cases.pending_start', court) + total('cases.incoming', court) - total('cases.resolved', court)).toBe(
        total('cases.pending_end', court),
      );
    }
    expect(submission.findings.filter((f: { ruleCode: string }) => f.ruleCode === 'justice.stock_flow')).toEqual([]);
    const rejected = (
      await app.inject({ method: 'GET', url: `/api/v1/justice/case-imports/${run.id}/rejected.csv`, headers: bearer(al) })
    ).body
      .trim()
      .split('\n');
    expect(rejected[0]).toBe('line,reason,case_id,court,case_type,instance,filed_on,closed_on');
    expect(rejected.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
      '302,closed_before_filed',
      '303,unknown_court',
      '304,unreadable_filing_date',
      '305,duplicate_case_id',
    ]);
  });

  it('keeps other partners out: no upload for AL, no view of its runs', async () => {
    await finished(al, (await upload(al, 'AL', example('cases-AL.csv'))).json().id);
    expect((await upload(rs, 'AL', example('cases-AL.csv'))).statusCode).toBe(403);
    const runs = (await app.inject({ method: 'GET', url: '/api/v1/justice/case-imports?partner=AL', headers: bearer(rs) })).json().imports;
    expect(runs).toEqual([]);
    const own = (await app.inject({ method: 'GET', url: '/api/v1/justice/case-imports?partner=AL', headers: bearer(al) })).json().imports;
    expect(own.length).toBeGreaterThan(0);
    expect((await app.inject({ method: 'GET', url: `/api/v1/justice/case-imports/${own[0].id}`, headers: bearer(rs) })).statusCode).toBe(
      404,
    );
    expect(
      (await app.inject({ method: 'GET', url: `/api/v1/justice/case-imports/${own[0].id}`, headers: bearer(reviewer) })).statusCode,
    ).toBe(200);
  });

  it('replaces earlier counts: a smaller file removes cells it no longer yields', async () => {
    expect((await finished(al, (await upload(al, 'AL', example('cases-AL.csv'))).json().id)).status).toBe('completed');
    const small = 'case_id,court,case_type,instance,filed_on,closed_on\nS1,AL-CRT-TIRANA,administrative,first,2023-03-01,\n';
    const run = await finished(al, (await upload(al, 'AL', small)).json().id);
    expect(run.status).toBe('completed');
    expect(run.submissions[0].removed).toBeGreaterThan(0);
    const submission = (await app.inject({ method: 'GET', url: '/api/v1/submissions/justice.annual/AL/2023', headers: bearer(al) })).json();
    const incoming = submission.values.filter(
      (v: { variable: string; orgUnit: string | null }) => v.variable === 'cases.incoming' && v.orgUnit === null,
    );
    expect(incoming).toEqual([expect.objectContaining({ coords: { case_category: 'administrative', instance: 'first' }, value: 1 })]);
  });

  it('uses the partner’s stored mapping for a national export', async () => {
    const bad = await app.inject({
      method: 'PUT',
      url: '/api/v1/justice/mappings/RS',
      headers: bearer(rs),
      payload: { yaml: 'case_types:\n  P: civil\n' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/mapping:2: case_types\.P: "civil" is not a case category/);
    const saved = await app.inject({
      method: 'PUT',
      url: '/api/v1/justice/mappings/RS',
      headers: bearer(rs),
      payload: { yaml: example('mapping-RS.yaml').toString() },
    });
    expect(saved.statusCode).toBe(200);
    expect(
      (await app.inject({ method: 'PUT', url: '/api/v1/justice/mappings/RS', headers: bearer(al), payload: { yaml: 'x: 1' } })).statusCode,
    ).toBe(403);
    const run = await finished(rs, (await upload(rs, 'RS', example('cases-RS-national.csv'))).json().id);
    expect(run).toMatchObject({ status: 'completed', rows: 380, imported: 380, rejected: 0, years: ['2023'] });
  });

  it('fails clearly when nothing can be imported, and records it', async () => {
    const run = await finished(al, (await upload(al, 'AL', 'id,court\n1,AL-CRT-TIRANA\n')).json().id);
    expect(run.status).toBe('failed');
    expect(run.message).toMatch(/lacks the column\(s\) case_id/);
    const all = await finished(
      al,
      (await upload(al, 'AL', 'case_id,court,case_type,instance,filed_on,closed_on\nX,NOWHERE,civil_litigious,first,2023-01-01,\n')).json()
        .id,
    );
    expect(all.message).toMatch(/No case could be imported: all 1 row\(s\) were rejected \(unknown_court 1\)/);
    const trail = await get()
      .db.selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity_type', '=', 'case_import')
      .orderBy('seq')
      .execute();
    expect(trail.filter((e) => e.entity_id === run.id).map((e) => e.action)).toEqual(['case_import.start', 'case_import.fail']);
  });

  it('computes an indicator per court of a partner', async () => {
    await app.inject({
      method: 'PUT',
      url: '/api/v1/justice/mappings/RS',
      headers: bearer(rs),
      payload: { yaml: example('mapping-RS.yaml').toString() },
    });
    expect((await finished(rs, (await upload(rs, 'RS', example('cases-RS-national.csv'))).json().id)).status).toBe('completed');
    const answer = (
      await app.inject({
        method: 'GET',
        url: '/api/v1/indicators/justice.clearance_rate/org-units?partner=RS&period=2023',
        headers: bearer(rs),
      })
    ).json();
    expect(answer.values.map((v: { orgUnit: string }) => v.orgUnit)).toEqual(['RS-CRT-BELGRADE', 'RS-CRT-NIS', 'RS-CRT-NOVISAD']);
    expect(answer.values[0]).toMatchObject({ name: 'First Basic Court in Belgrade' });
    expect(answer.values[0].value).toBeGreaterThan(0);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/indicators/justice.clearance_rate/org-units?partner=RS&period=2023' })).json()
        .values,
    ).toEqual([]);
  });
});

describeEachDatabase('jha import cases', (get) => {
  const jha = (args: string[]) => runJha(get(), args);

  it('imports, prints the counts by reason and writes the rejected rows; exits 1 when nothing can be imported', async () => {
    await importOrgUnits(get().db, cliActor(), readFileSync(join(PROJECT_ROOT, 'demo', 'org-units.csv'), 'utf8'), ORG_UNIT_KINDS);
    const out = join(mkdtempSync(join(tmpdir(), 'jha-rej-')), 'rejected.csv');
    const ok = jha(['import', 'cases', join(PROJECT_ROOT, 'examples', 'cases-AL.csv'), '--partner', 'AL', '--rejected', out]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Cases: 304 rows, 300 imported, 4 rejected\.\n {2}rejected closed_before_filed: 1\n/);
    expect(ok.stdout).toMatch(/justice\.annual AL 2023: \d+ created/);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(5);
    const mapped = jha([
      'import',
      'cases',
      join(PROJECT_ROOT, 'examples', 'cases-RS-national.csv'),
      '--partner',
      'RS',
      '--mapping',
      join(PROJECT_ROOT, 'examples', 'mapping-RS.yaml'),
      '--years',
      '2023',
    ]);
    expect(mapped.stdout).toMatch(/^Cases: 380 rows, 380 imported, 0 rejected/);
    const unknown = jha(['import', 'cases', join(PROJECT_ROOT, 'examples', 'cases-AL.csv'), '--partner', 'ZZ']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/partner: "ZZ" is not a known partner code/);
    const dir = mkdtempSync(join(tmpdir(), 'jha-bad-'));
    writeFileSync(join(dir, 'bad.csv'), 'a,b\n1,2\n');
    const missing = jha(['import', 'cases', join(dir, 'bad.csv'), '--partner', 'AL']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/lacks the column\(s\) case_id, court, case_type, instance, filed_on, closed_on/);
  });
});
