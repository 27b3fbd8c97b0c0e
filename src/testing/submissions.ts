// Factories for statistics submissions: each brings one submission (dataset, partner, period) into
// a workflow state through the HTTP API, as the real users would, so that a test builds exactly the
// data it asserts on. A step that does not succeed throws with the answer, naming the step.
import type { FastifyInstance } from 'fastify';
import type { ValueInput } from '../statistics/value-input.js';
import type { ImportSummary } from '../statistics/transfer.schema.js';
import type { Db } from '../platform/db/database.js';
import { bearer, makeUser, type TestUser } from './factories.js';

export interface SubmissionRef {
  dataset: string;
  partner: string;
  period: string;
}

/** Who moves a submission through the workflow: the partner's coordinator, a reviewer and the Commission. */
export interface WorkflowUsers {
  coordinator: TestUser;
  reviewer: TestUser;
  commission: TestUser;
}

/** Albania's coordinator (or `partner`'s), a reviewer (of `reviewerDomains` only, when given) and the Commission, each new. */
export async function workflowUsers(db: Db, options: { partner?: string; reviewerDomains?: string[] } = {}): Promise<WorkflowUsers> {
  return {
    coordinator: await makeUser(db, 'coordinator', options.partner ?? 'AL'),
    reviewer: await makeUser(db, 'reviewer', null, options.reviewerDomains),
    commission: await makeUser(db, 'commission'),
  };
}

/** One row of a JSON import (POST /imports/values). */
export interface ImportValueRow extends ValueInput {
  dataset: string;
  partner: string;
  period: string;
}

interface Answer {
  statusCode: number;
  body: string;
  json(): unknown;
}

export function submissionUrl(ref: SubmissionRef): string {
  return `/api/v1/submissions/${ref.dataset}/${ref.partner}/${ref.period}`;
}

function ok(response: Answer, step: string, ref?: SubmissionRef): Answer {
  if (response.statusCode !== 200) {
    const where = ref ? ` ${ref.dataset} ${ref.partner} ${ref.period}` : '';
    throw new Error(`factory step "${step}"${where} failed: ${response.statusCode} ${response.body}`);
  }
  return response;
}

/** Saves values as the coordinator (a new submission at version 0 by default); returns the new version. */
export async function saveDraft(
  app: FastifyInstance,
  coordinator: TestUser,
  ref: SubmissionRef,
  values: ValueInput[],
  version = 0,
): Promise<number> {
  const response = await app.inject({
    method: 'PUT',
    url: `${submissionUrl(ref)}/values`,
    headers: bearer(coordinator),
    payload: { version, values },
  });
  return (ok(response, 'save values', ref).json() as { version: number }).version;
}

/** One workflow step (submit, return, approve, publish, reopen) at the given version; returns the new version. */
export async function step(
  app: FastifyInstance,
  who: TestUser,
  ref: SubmissionRef,
  action: 'submit' | 'return' | 'approve' | 'publish' | 'reopen',
  version: number,
  extra: { comment?: string; reason?: string } = {},
): Promise<number> {
  const response = await app.inject({
    method: 'POST',
    url: `${submissionUrl(ref)}/${action}`,
    headers: bearer(who),
    payload: { version, ...extra },
  });
  return (ok(response, action, ref).json() as { version: number }).version;
}

/** A new submission with these values, submitted by the coordinator (the values must raise no error and no warning). */
export async function submittedSubmission(
  app: FastifyInstance,
  users: WorkflowUsers,
  ref: SubmissionRef,
  values: ValueInput[],
): Promise<number> {
  const version = await saveDraft(app, users.coordinator, ref, values);
  return step(app, users.coordinator, ref, 'submit', version);
}

/** A new submission with these values, submitted and approved by the reviewer. */
export async function approvedSubmission(
  app: FastifyInstance,
  users: WorkflowUsers,
  ref: SubmissionRef,
  values: ValueInput[],
): Promise<number> {
  const version = await submittedSubmission(app, users, ref, values);
  return step(app, users.reviewer, ref, 'approve', version);
}

/** A new submission with these values, submitted, approved and published by the Commission. */
export async function publishedSubmission(
  app: FastifyInstance,
  users: WorkflowUsers,
  ref: SubmissionRef,
  values: ValueInput[],
): Promise<number> {
  const version = await approvedSubmission(app, users, ref, values);
  return step(app, users.commission, ref, 'publish', version);
}

/** Imports rows as JSON (one transaction, as a file upload would); returns the import summary. */
export async function importRows(app: FastifyInstance, who: TestUser, rows: ImportValueRow[]): Promise<ImportSummary> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/imports/values', headers: bearer(who), payload: { values: rows } });
  return ok(response, 'import values').json() as ImportSummary;
}
