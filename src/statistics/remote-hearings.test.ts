// The remote-hearings self-assessment (catalogs/policy-remote-hearings.yaml) through the API: the
// public catalogue gives each checklist item with its code list and labels, a coordinator saves
// coded answers with a comment and evidence links, and the public export (what the comparison grid
// reads) shows an answer only once it is published. Each test uses a period of its own.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../app/app.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { bearer, makeUser, type TestUser } from '../testing/factories.js';
import { saveDraft, step, submissionUrl, type WorkflowUsers, workflowUsers } from '../testing/submissions.js';

const DATASET = 'justice.remote_hearings';
const ITEMS = [
  'remote_hearings.legal_basis',
  'remote_hearings.court_decision',
  'remote_hearings.fair_trial',
  'remote_hearings.lawyer_client',
  'remote_hearings.identification',
  'remote_hearings.public_access',
  'remote_hearings.recording_data_protection',
  'remote_hearings.technical_security',
  'remote_hearings.interpretation',
  'remote_hearings.vulnerable_persons',
  'remote_hearings.taking_evidence',
];

/** A reviewer limited to some domains (the factory makes reviewers of every domain). */
interface ExportedValue {
  partner: string;
  period: string;
  variable: string;
  coords: Record<string, string>;
  value: number | string | null;
  comment: string | null;
  evidence?: string[];
  status: string;
}

describeEachDatabase('remote hearings: the CEPEJ videoconferencing self-assessment', (get) => {
  let app: FastifyInstance;
  let users: WorkflowUsers;
  let ba: TestUser;

  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
    users = await workflowUsers(get().db, { reviewerDomains: ['remote_hearings'] });
    ba = await makeUser(get().db, 'coordinator', 'BA');
  });
  afterAll(async () => app.close());

  const inject = (url: string, who: TestUser | null = null) => app.inject({ method: 'GET', url, headers: who ? bearer(who) : {} });
  const exported = async (period: string, who: TestUser | null = null) => {
    const answer = await inject(`/api/v1/exports/values?dataset=${DATASET}&period=${period}&format=json`, who);
    expect(answer.statusCode, answer.body).toBe(200);
    return (answer.json() as { values: ExportedValue[] }).values;
  };

  it('lists the checklist items as coded variables with the answers and their labels in the public catalogue', async () => {
    const answer = await inject('/api/v1/catalog');
    expect(answer.statusCode).toBe(200);
    const catalog = answer.json();
    const dataset = catalog.datasets.find((d: { code: string }) => d.code === DATASET);
    expect([dataset.domain, dataset.periodType, dataset.variables]).toEqual([
      'remote_hearings',
      'yearly',
      [...ITEMS, 'remote_hearings.held', 'remote_hearings.postponed'],
    ]);
    const variables = new Map<string, { type: string; codeList: unknown; dimensions: string[] }>(
      catalog.variables.map((v: { code: string }) => [v.code, v]),
    );
    expect(ITEMS.filter((code) => variables.get(code)!.type === 'code')).toEqual(ITEMS);
    expect(variables.get('remote_hearings.interpretation')!.codeList).toMatchObject({
      code: 'self_assessment',
      codes: [
        { code: 'yes', label: 'Yes' },
        { code: 'partly', label: 'Partly' },
        { code: 'no', label: 'No' },
        { code: 'not_applicable', label: 'Not applicable' },
      ],
    });
    expect(variables.get('remote_hearings.held')).toMatchObject({ type: 'integer', codeList: null, dimensions: ['hearing_case_category'] });
  });

  it('keeps a coded answer with its comment and evidence, and shows it to the public only once published', async () => {
    const ref = { dataset: DATASET, partner: 'AL', period: '2023' };
    const refused = await app.inject({
      method: 'PUT',
      url: `${submissionUrl(ref)}/values`,
      headers: bearer(users.coordinator),
      payload: { version: 0, values: [{ variable: 'remote_hearings.legal_basis', value: 'maybe' }] },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0]).toMatchObject({
      index: 0,
      field: 'value',
      message: '"maybe" is not a code of self_assessment (yes, partly, no, not_applicable) or one of NA, NAP, NQ',
    });

    let version = await saveDraft(app, users.coordinator, ref, [
      {
        variable: 'remote_hearings.legal_basis',
        value: 'partly',
        comment: 'Civil procedure only',
        evidence: ['https://example.org/civil-procedure-code'],
      },
      { variable: 'remote_hearings.interpretation', value: 'not_applicable' },
      { variable: 'remote_hearings.held', coords: { hearing_case_category: 'civil' }, value: 1200 },
      { variable: 'remote_hearings.held', coords: { hearing_case_category: 'criminal' }, value: 300 },
    ]);
    const draft = (await inject(submissionUrl(ref), users.coordinator)).json();
    expect(draft.findings).toEqual([]);
    expect(draft.values.find((v: { variable: string }) => v.variable === 'remote_hearings.legal_basis')).toEqual({
      variable: 'remote_hearings.legal_basis',
      orgUnit: null,
      coords: {},
      unit: '',
      value: 'partly',
      comment: 'Civil procedure only',
      obsStatus: null,
      evidence: ['https://example.org/civil-procedure-code'],
    });

    // Before publication: the coordinator reads its draft, the public and another partner nothing.
    expect((await exported('2023', users.coordinator)).map((v) => [v.variable, v.value, v.status])).toEqual([
      ['remote_hearings.held', 1200, 'draft'],
      ['remote_hearings.held', 300, 'draft'],
      ['remote_hearings.interpretation', 'not_applicable', 'draft'],
      ['remote_hearings.legal_basis', 'partly', 'draft'],
    ]);
    expect(await exported('2023')).toEqual([]);
    expect(await exported('2023', ba)).toEqual([]);

    version = await step(app, users.coordinator, ref, 'submit', version);
    version = await step(app, users.reviewer, ref, 'approve', version);
    expect(await exported('2023')).toEqual([]);
    await step(app, users.commission, ref, 'publish', version);

    const published = await exported('2023');
    expect(published.find((v) => v.variable === 'remote_hearings.legal_basis')).toEqual({
      dataset: DATASET,
      partner: 'AL',
      org_unit: null,
      period: '2023',
      variable: 'remote_hearings.legal_basis',
      coords: {},
      value: 'partly',
      comment: 'Civil procedure only',
      obs_status: null,
      evidence: ['https://example.org/civil-procedure-code'],
      status: 'published',
    });
    expect(published.map((v) => v.variable)).toEqual([
      'remote_hearings.held',
      'remote_hearings.held',
      'remote_hearings.interpretation',
      'remote_hearings.legal_basis',
    ]);
  });

  it('refuses a reviewer of another domain the approval of a self-assessment', async () => {
    const ref = { dataset: DATASET, partner: 'AL', period: '2022' };
    const justiceReviewer = await makeUser(get().db, 'reviewer', null, ['justice']);
    let version = await saveDraft(app, users.coordinator, ref, [{ variable: 'remote_hearings.fair_trial', value: 'yes' }]);
    version = await step(app, users.coordinator, ref, 'submit', version);
    const approve = await app.inject({
      method: 'POST',
      url: `${submissionUrl(ref)}/approve`,
      headers: bearer(justiceReviewer),
      payload: { version },
    });
    expect(approve.statusCode).toBe(403);
    expect(await step(app, users.reviewer, ref, 'approve', version)).toBe(version + 1);
  });
});
