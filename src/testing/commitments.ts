// Factories of the commitments tests (only test files import this file). A test file's database is
// shared by its tests, so each test makes what it needs through the API, as a user would: new users,
// its own copy of a shipped plan (so that its round is the plan's only one) and a round at the stage
// it needs; and it asserts on what it made, with the look-ups below.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildApp } from '../app/app.js';
import { testConfig, type TestDatabase } from './databases.js';
import { SYSTEM_ACTOR } from '../platform/audit/actor.js';
import type { Db } from '../platform/db/database.js';
import { CATALOG_DIR } from '../platform/paths.js';
import { loadCatalogs } from '../statistics/catalog.js';
import { callApi, makeUser, uploadAs, type TestUser } from './factories.js';
import type { PlanDefinition } from '../commitments/plan-file.js';
import { shippedPlans, syncPlans } from '../commitments/plans.service.js';

export const catalog = loadCatalogs(CATALOG_DIR);
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
/** The round most tests open (on a copy of the counter-terrorism plan). */
export const ROUND = { title: 'Progress 2020', periodStart: '2020-01-01', periodEnd: '2020-12-31', dueDate: '2021-02-15' };
/** A round still open, past its due date (on a copy of the firearms plan). */
export const KPI_ROUND = { title: 'KPI 2025', periodStart: '2025-01-01', periodEnd: '2025-12-31', dueDate: '2026-01-31' };
/** The reviewer's assessments of AL's five commitments, in the order of the report. */
export const LEVELS = ['fully_implemented', 'some_progress', 'limited_progress', 'limited_progress', 'no_progress'];

/** What a test file's tests run against: the app and its database. */
export interface Suite {
  app: FastifyInstance;
  db: Db;
}

export interface Report {
  version: number;
  entries: { commitment: string; action: string; objective: string }[];
}

/**
 * The suite of a commitments test file, inside its describeEachDatabase: the shipped plans loaded
 * and the app built before the tests (closed after them); `call` is callApi on that app.
 */
export function commitmentsSuite(get: () => TestDatabase) {
  const s = {} as Suite;
  beforeAll(async () => {
    await loadShippedPlans(get().db);
    Object.assign(s, { db: get().db, app: await buildApp({ config: testConfig(get().config), db: get().db, logger: false, catalog }) });
  });
  afterAll(async () => s.app.close());
  const call = (user: TestUser | null, method: Parameters<typeof callApi>[2], url: string, payload?: unknown) =>
    callApi(s.app, user, method, url, payload);
  return { s, call };
}

/** Loads the shipped plan files into the database, as every start does. */
export async function loadShippedPlans(db: Db): Promise<{ changed: string[] }> {
  return syncPlans(db, await shippedPlans(db, catalog), SYSTEM_ACTOR);
}

/** New users for one test: the Commission, a reviewer, and the coordinators of Albania and Serbia. */
export async function people(s: Suite) {
  return {
    commission: await makeUser(s.db, 'commission'),
    reviewer: await makeUser(s.db, 'reviewer'),
    al: await makeUser(s.db, 'coordinator', 'AL'),
    rs: await makeUser(s.db, 'coordinator', 'RS'),
  };
}

/** A copy of a shipped plan under a new code, loaded like a plan file; returns its definition. */
export async function planCopy(s: Suite, code: string): Promise<PlanDefinition> {
  const plan = (await shippedPlans(s.db, catalog)).find((p) => p.code === code)!;
  const copy = { ...plan, code: `${code}_${randomBytes(4).toString('hex')}` };
  await syncPlans(s.db, [copy], SYSTEM_ACTOR);
  return copy;
}

/** Opens a round on a new copy of the plan as the Commission; returns the copy's code and the round's id. */
export async function openRound(
  s: Suite,
  commission: TestUser,
  plan = 'jap_ct_2018',
  body = ROUND,
): Promise<{ plan: string; roundId: string }> {
  const { code } = await planCopy(s, plan);
  const res = await callApi(s.app, commission, 'POST', `/plans/${code}/rounds`, body);
  expect(res.statusCode).toBe(201);
  return { plan: code, roundId: res.json().id };
}

export async function reportOf(s: Suite, user: TestUser, roundId: string, partner = 'AL'): Promise<Report> {
  const res = await callApi(s.app, user, 'GET', `/rounds/${roundId}/reports/${partner}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}

/** Uploads a file as evidence of a commitment of AL's report. */
export function upload(s: Suite, user: TestUser, roundId: string, commitment: string, name: string, body: Buffer) {
  const query = `commitment=${commitment}&name=${encodeURIComponent(name)}`;
  return uploadAs(s.app, user, `/rounds/${roundId}/reports/AL/evidence?${query}`, body);
}

/**
 * Fills AL's report so that it can be submitted: 1.0 completed (a narrative with markup), 2.0
 * delayed and explained, 3.0 to 5.0 in progress.
 */
export async function fillReport(s: Suite, al: TestUser, roundId: string): Promise<void> {
  const { version, entries } = await reportOf(s, al, roundId);
  const saved = await callApi(s.app, al, 'PUT', `/rounds/${roundId}/reports/AL/entries`, {
    version,
    entries: [
      { commitment: entries[0]!.commitment, status: 'completed', narrative: 'Strategy adopted <script>alert(1)</script>' },
      { commitment: entries[1]!.commitment, status: 'delayed', narrative: 'Waiting for parliament.' },
      ...entries.slice(2).map((e) => ({ commitment: e.commitment, status: 'in_progress' })),
    ],
  });
  expect(saved.json()).toEqual({ version: version + 1, changed: 5 });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Evidence of AL's first commitment, in this order: a PDF, a link to the official gazette and a text file. */
export async function addEvidence(s: Suite, al: TestUser, roundId: string): Promise<void> {
  const commitment = (await reportOf(s, al, roundId)).entries[0]!.commitment;
  expect((await upload(s, al, roundId, commitment, 'strategy.pdf', PDF)).statusCode).toBe(201);
  // Evidence is listed by the time it was added (milliseconds): keep the three apart.
  await sleep(5);
  const link = { commitment, url: 'https://www.example.org/gazette/2020/12', title: 'Official gazette' };
  expect((await callApi(s.app, al, 'POST', `/rounds/${roundId}/reports/AL/links`, link)).statusCode).toBe(201);
  await sleep(5);
  expect((await upload(s, al, roundId, commitment, 'notes.txt', Buffer.from('plain text notes'))).statusCode).toBe(201);
}

/** AL submits the filled report; the reviewer assesses every commitment (LEVELS, a comment on the first). */
export async function submitAndAssess(s: Suite, al: TestUser, reviewer: TestUser, roundId: string): Promise<void> {
  const { version, entries } = await reportOf(s, al, roundId);
  expect((await callApi(s.app, al, 'POST', `/rounds/${roundId}/reports/AL/submit`, { version })).statusCode).toBe(200);
  const assessments = entries.map((e, i) => ({
    commitment: e.commitment,
    assessment: LEVELS[i],
    ...(i === 0 ? { comment: 'Adopted in December.' } : {}),
  }));
  const url = `/rounds/${roundId}/reports/AL/assessments`;
  expect((await callApi(s.app, reviewer, 'PUT', url, { version: version + 1, assessments })).json()).toMatchObject({
    status: 'assessed',
    changed: 5,
  });
}

/**
 * The partner's coordinator reports every commitment as in progress and submits; the reviewer then
 * assesses the first `assess` commitments as some progress (all of them make the report assessed).
 * Returns the report as read before submitting.
 */
export async function submitPartner(
  s: Suite,
  users: { coordinator: TestUser; reviewer: TestUser },
  roundId: string,
  partner: string,
  assess = 0,
): Promise<Report> {
  const report = await reportOf(s, users.coordinator, roundId, partner);
  const base = `/rounds/${roundId}/reports/${partner}`;
  const entries = report.entries.map((e) => ({ commitment: e.commitment, status: 'in_progress' }));
  expect((await callApi(s.app, users.coordinator, 'PUT', `${base}/entries`, { version: report.version, entries })).statusCode).toBe(200);
  expect((await callApi(s.app, users.coordinator, 'POST', `${base}/submit`, { version: report.version + 1 })).statusCode).toBe(200);
  if (assess > 0) {
    const assessments = report.entries.slice(0, assess).map((e) => ({ commitment: e.commitment, assessment: 'some_progress' }));
    const res = await callApi(s.app, users.reviewer, 'PUT', `${base}/assessments`, { version: report.version + 2, assessments });
    expect(res.statusCode).toBe(200);
  }
  return report;
}

/** A published round (ROUND) in which only AL reported and was assessed, with evidence if asked. */
export async function publishedRound(
  s: Suite,
  users: { commission: TestUser; reviewer: TestUser; al: TestUser },
  options: { evidence?: boolean } = {},
): Promise<{ plan: string; roundId: string }> {
  const opened = await openRound(s, users.commission);
  await fillReport(s, users.al, opened.roundId);
  if (options.evidence) await addEvidence(s, users.al, opened.roundId);
  await submitAndAssess(s, users.al, users.reviewer, opened.roundId);
  const { version } = (await callApi(s.app, users.commission, 'GET', `/rounds/${opened.roundId}`)).json();
  expect((await callApi(s.app, users.commission, 'POST', `/rounds/${opened.roundId}/publish`, { version })).statusCode).toBe(200);
  return opened;
}

/** The audit entries of an action about the given entities (rounds, reports, plans), oldest first. */
export function audits(s: Suite, action: string, entityIds: string[]) {
  return s.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('entity_id', 'in', entityIds).orderBy('seq').execute();
}

/** The ids of the round's reports by partner (the audit entries of a report name its id). */
export async function reportIds(s: Suite, roundId: string): Promise<Record<string, string>> {
  const rows = await s.db.selectFrom('progress_reports').select(['id', 'partner_code']).where('round_id', '=', roundId).execute();
  return Object.fromEntries(rows.map((r) => [r.partner_code, r.id]));
}

/** The user's notifications, oldest first. */
export function notes(s: Suite, user: TestUser) {
  return s.db.selectFrom('notifications').selectAll().where('user_id', '=', user.user.id).orderBy('created_at').execute();
}

export async function count(s: Suite, table: 'stored_files' | 'progress_evidence'): Promise<number> {
  const row = await s.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
