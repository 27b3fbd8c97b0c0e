// Every file of the fuzz corpus (testing/fuzz-corpus.ts) posted to the import routes, as a dry run and
// for real: each answer has the status the corpus names and never a 5xx, is JSON, and its message
// shows no path of the machine and no stack trace; after the corpus the stored values, submissions,
// org units and audit entries are exactly what they were (nothing half-written), and /healthz answers.
import type { FastifyInstance } from 'fastify';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../app/app.js';
import { PROJECT_ROOT } from '../platform/paths.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { bearer, makeUser, type TestUser } from '../testing/factories.js';
import {
  FUZZ_DATASET,
  FUZZ_ORG_UNITS,
  FUZZ_PERIOD,
  FUZZ_SEED,
  fuzzCorpus,
  LOCKED_PERIOD,
  SEED_ROWS,
  type FuzzFile,
} from '../testing/fuzz-corpus.js';
import { importRows, saveDraft, step } from '../testing/submissions.js';

const corpus = fuzzCorpus();
/** Files whose refusal another change brings: sent last, asserted only to be no 5xx. */

/** What no answer may show: the project's or the temporary folder, installed packages, file URLs. */
const LEAKS = [PROJECT_ROOT, tmpdir(), '/tmp/', 'node_modules', 'file://'];
/** A frame of a stack trace: "at readCsv (…)", "at async …", "at node:internal…", "formats.js:12:3". */
const STACK_FRAME = /\bat (?:async )?\S+ \(|\bat (?:node|file):|\.[cm]?[jt]s:\d+:\d+/;

interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

/** What is wrong with the answer to a file, in words (empty when it is what the corpus names). */
function problemsOf(file: FuzzFile, dryRun: boolean, answer: Answer): string[] {
  const problems: string[] = [];
  const where = `${file.name}${file.endpoint === 'values' ? (dryRun ? ' (dry run)' : ' (import)') : ''}`;
  const status = answer.statusCode;
  if (status !== file.status) problems.push(`${where}: status ${status}, expected ${file.status}: ${answer.body.slice(0, 300)}`);
  if (!String(answer.headers['content-type'] ?? '').startsWith('application/json')) problems.push(`${where}: the answer is not JSON`);
  let body: { error?: { code?: unknown; message?: unknown }; created?: number; changed?: number; updated?: number; removed?: number };
  try {
    body = JSON.parse(answer.body);
  } catch {
    return [...problems, `${where}: the answer does not parse as JSON: ${answer.body.slice(0, 100)}`];
  }
  for (const leak of LEAKS)
    if (answer.body.includes(leak)) problems.push(`${where}: the answer shows "${leak}": ${answer.body.slice(0, 300)}`);
  if (status >= 400) {
    const message = body.error?.message;
    if (typeof body.error?.code !== 'string' || typeof message !== 'string' || message === '')
      problems.push(`${where}: no error code and message: ${answer.body.slice(0, 200)}`);
    else if (STACK_FRAME.test(message)) problems.push(`${where}: the message holds a stack trace: ${message}`);
  } else if (status === 200) {
    // An acceptable file restates what is stored: even its import changes nothing.
    const wrote = file.endpoint === 'values' ? body.created! + body.changed! + body.removed! : body.created! + body.updated!;
    if (wrote !== 0) problems.push(`${where}: taken, and it would change ${wrote} stored item(s): ${answer.body}`);
  }
  return problems;
}

describeEachDatabase('fuzzed uploads', (get, kind) => {
  let app: FastifyInstance;
  let coordinator: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
    coordinator = await makeUser(get().db, 'coordinator', 'AL');
    admin = await makeUser(get().db, 'admin');
    const units = await app.inject({
      method: 'POST',
      url: '/api/v1/imports/org-units',
      headers: { ...bearer(admin), 'content-type': 'text/csv' },
      payload: FUZZ_ORG_UNITS,
    });
    expect(units.json()).toEqual({ created: 3, updated: 0, unchanged: 0 });
    // The known good submission the acceptable files restate, and a submitted (locked) one.
    expect(await importRows(app, coordinator, SEED_ROWS)).toMatchObject({ created: SEED_ROWS.length, submissions: 1 });
    const locked = { dataset: FUZZ_DATASET, partner: 'AL', period: LOCKED_PERIOD };
    const version = await saveDraft(app, coordinator, locked, [{ variable: 'judges.headcount', value: 10 }]);
    await step(app, coordinator, locked, 'submit', version);
  });
  afterAll(async () => app.close());

  const send = (file: FuzzFile, dryRun: boolean) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/imports/${file.endpoint}${dryRun ? '?dryRun=true' : ''}`,
      headers: {
        ...bearer(file.as === 'admin' || file.endpoint === 'org-units' ? admin : coordinator),
        ...(file.contentType === null ? {} : { 'content-type': file.contentType }),
      },
      payload: file.body,
    });
  const count = async (table: 'data_values' | 'submissions' | 'org_units' | 'audit_log') =>
    Number(
      (
        await get()
          .db.selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const stored = async () => ({
    values: await count('data_values'),
    submissions: await count('submissions'),
    orgUnits: await count('org_units'),
    auditEntries: await count('audit_log'),
  });

  it('keeps formula-looking comments as text and neutralises them in the CSV export', async () => {
    const csv = await app.inject({
      method: 'GET',
      url: `/api/v1/exports/values?dataset=${FUZZ_DATASET}&partner=AL&period=${FUZZ_PERIOD}&format=csv`,
      headers: bearer(coordinator),
    });
    const comments = [FUZZ_SEED.formula, FUZZ_SEED.plus, FUZZ_SEED.minus, FUZZ_SEED.at].map((r) => r.comment!);
    for (const comment of comments) expect(csv.body).toContain(`'${comment}`);
  });

  it('answers every file with the status it names, never a 5xx, and writes nothing', { timeout: 120_000 }, async () => {
    const before = await stored();
    const mismatches: string[] = [];
    let requests = 0;
    let serverErrors = 0;
    /** Sends the file (values: as a dry run, then for real); the statuses of the answers. */
    const post = async (file: FuzzFile) => {
      const statuses: number[] = [];
      for (const dryRun of file.endpoint === 'values' ? [true, false] : [false]) {
        const answer = await send(file, dryRun);
        requests += 1;
        if (answer.statusCode >= 500) serverErrors += 1;
        statuses.push(answer.statusCode);
        mismatches.push(...problemsOf(file, dryRun, answer));
      }
      return statuses;
    };
    for (const file of corpus) await post(file);
    const after = await stored();
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    console.log(`fuzz (${kind}): ${corpus.length} files, ${requests} requests, ${serverErrors} × 5xx`);
    expect(mismatches).toEqual([]);
    expect(serverErrors).toBe(0);
    expect(after).toEqual(before);
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
