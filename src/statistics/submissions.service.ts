// Submission rules: who may enter, submit, return, approve, publish and reopen; optimistic
// concurrency (a stale version is answered 409); validation on every save; audit of every change.
import { randomUUID } from 'node:crypto';
import { submissionsChanged } from './events.js';
import type { Actor } from '../platform/audit/actor.js';
import { appendAuditEntry } from '../platform/audit/audit.service.js';
import type { Db, DbOrTrx, Trx } from '../platform/db/database.js';
import type { DataValuesTable, SubmissionsTable, SubmissionStatus } from './tables.js';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.js';
import { findPartner, listOrgUnits } from '../platform/partners/partners.service.js';
import type { Catalog, Dataset } from './catalog.js';
import { parsePeriod, periodEnd, shiftPeriod } from './periods.js';
import {
  findSubmission,
  insertEvent,
  listSubmissions,
  insertSubmission,
  listEvents,
  listFindingComments,
  listFindings,
  listValues,
  queryValues,
  replaceFindings,
  updateSubmissionIfVersion,
  upsertFindingComment,
  upsertValues,
  deleteValue,
} from './submissions.repository.js';
import type { SubmissionView } from './submissions.schema.js';
import { validateSubmission, type Finding } from './validation.js';
import { checkValueInputs, type CheckedValue, type ValueInput } from './value-input.js';
import { parseCoordsKey, type SpecialCode, type StoredValue } from './values.js';
import { canEdit, canPublish, canRead, canReview, visibleRows, type Viewer } from '../platform/viewer.js';

export interface SubmissionKey {
  dataset: string;
  partner: string;
  period: string;
}

/** Submit refused: errors remain, or warnings lack a comment. */
export class SubmissionBlockedError extends AppError {
  constructor(message: string, details: unknown[]) {
    super('submission_blocked', 422, message, details);
  }
}

const HISTORY_PERIODS = 8;
const EDITABLE: SubmissionStatus[] = ['draft', 'returned'];

export function requireDataset(catalog: Catalog, code: string): Dataset {
  const dataset = catalog.datasets.get(code);
  if (!dataset) throw new NotFoundError('Dataset', code);
  return dataset;
}

/** Checks the key's parts: a known dataset and partner, and a period of the dataset's type. */
export async function checkKey(db: DbOrTrx, catalog: Catalog, key: SubmissionKey): Promise<Dataset> {
  const dataset = requireDataset(catalog, key.dataset);
  if (!(await findPartner(db, key.partner)))
    throw new ValidationError(`partner: "${key.partner}" is not a known partner code.`, { field: 'partner' });
  const period = parsePeriod(key.period);
  if (!period)
    throw new ValidationError(`period: "${key.period}" is not an ISO period (2024, 2024Q1, 2024-03, 2024W05).`, { field: 'period' });
  if (period.type !== dataset.periodType)
    throw new ValidationError(`period: ${key.period} is ${period.type}, but dataset ${dataset.code} is ${dataset.periodType}.`, {
      field: 'period',
    });
  return dataset;
}

export function toStored(rows: Pick<DataValuesTable, 'variable' | 'org_unit' | 'coords' | 'value_num' | 'value_code'>[]): StoredValue[] {
  return rows.map((r) => ({
    variable: r.variable,
    orgUnit: r.org_unit,
    coords: r.coords,
    num: r.value_num,
    code: r.value_code as SpecialCode | null,
  }));
}

/** Runs validation for one submission against its stored values and earlier periods. */
export async function computeFindings(
  db: DbOrTrx,
  catalog: Catalog,
  dataset: Dataset,
  key: SubmissionKey,
  current: StoredValue[],
): Promise<Finding[]> {
  const periods = Array.from({ length: HISTORY_PERIODS }, (_, i) => shiftPeriod(key.period, -(i + 1)));
  const rows = await queryValues(db, { datasets: [dataset.code], partners: [key.partner], periods });
  const history = periods.map((p) => toStored(rows.filter((r) => r.period === p)));
  return validateSubmission({ catalog, dataset, current, history });
}

async function storeFindings(trx: DbOrTrx, submissionId: string, findings: Finding[]): Promise<void> {
  await replaceFindings(
    trx,
    submissionId,
    findings.map((f) => ({
      submission_id: submissionId,
      key: f.key,
      rule_code: f.ruleCode,
      kind: f.kind,
      severity: f.severity,
      org_unit: f.orgUnit,
      coords: f.coords,
      message: f.message,
      details_json: JSON.stringify(f.details),
    })),
  );
}

function staleVersion(current: number, sent: number): ConflictError {
  return new ConflictError(
    `This submission was changed by someone else (version ${current}, yours is ${sent}); reload it and apply your changes again.`,
    { currentVersion: current, sentVersion: sent },
  );
}

export interface ApplyResult {
  submission: SubmissionsTable;
  created: number;
  changed: number;
  unchanged: number;
  removed: number;
}

function sameValue(a: DataValuesTable, b: CheckedValue): boolean {
  return a.value_num === b.num && (a.value_code ?? null) === b.code && (a.comment ?? null) === b.comment;
}

/**
 * Applies checked values to one submission inside the caller's transaction: creates the
 * submission when needed, refuses a stale version or a locked status, writes only what changed,
 * audits old and new values, re-validates and bumps the version.
 */
export async function applyValues(
  trx: Trx,
  catalog: Catalog,
  actor: Actor,
  key: SubmissionKey,
  values: CheckedValue[],
  expectedVersion: number | undefined,
  dryRun = false,
): Promise<ApplyResult> {
  const dataset = requireDataset(catalog, key.dataset);
  const now = new Date().toISOString();
  let submission = await findSubmission(trx, key.dataset, key.partner, key.period);
  if (!submission) {
    if (expectedVersion !== undefined && expectedVersion !== 0) throw staleVersion(0, expectedVersion);
    submission = {
      id: randomUUID(),
      dataset: key.dataset,
      partner_code: key.partner,
      period: key.period,
      status: 'draft',
      version: 0,
      created_at: now,
      updated_at: now,
      submitted_at: null,
      approved_at: null,
      published_at: null,
    };
    if (!dryRun) {
      await insertSubmission(trx, submission);
      await appendAuditEntry(trx, actor, { action: 'submission.create', entityType: 'submission', entityId: submission.id, after: key });
    }
  } else {
    if (expectedVersion !== undefined && expectedVersion !== submission.version) throw staleVersion(submission.version, expectedVersion);
    if (!EDITABLE.includes(submission.status)) {
      throw new ConflictError(
        `${key.dataset} ${key.partner} ${key.period} is ${submission.status} and cannot be edited${submission.status === 'submitted' ? ' until a reviewer returns it' : '; the Commission can reopen it'}.`,
        { status: submission.status },
      );
    }
  }
  const existing = new Map((await listValues(trx, submission.id)).map((v) => [`${v.variable}|${v.org_unit}|${v.coords}`, v]));
  const writes: DataValuesTable[] = [];
  const before: unknown[] = [];
  const after: unknown[] = [];
  let created = 0,
    changed = 0,
    unchanged = 0,
    removed = 0;
  const cell = (v: { variable: string; org_unit: string; coords: string }) => ({
    variable: v.variable,
    orgUnit: v.org_unit || null,
    coords: v.coords || null,
  });
  for (const v of values) {
    const old = existing.get(`${v.variable}|${v.orgUnit}|${v.coords}`);
    const row: DataValuesTable = {
      submission_id: submission.id,
      variable: v.variable,
      org_unit: v.orgUnit,
      coords: v.coords,
      value_num: v.num,
      value_code: v.code,
      comment: v.comment,
      updated_at: now,
    };
    if (v.remove) {
      if (!old) continue;
      removed += 1;
      before.push({ ...cell(old), value: old.value_num ?? old.value_code });
      after.push({ ...cell(row), value: null });
      if (!dryRun) await deleteValue(trx, row);
      existing.delete(`${v.variable}|${v.orgUnit}|${v.coords}`);
      continue;
    }
    if (old && sameValue(old, v)) {
      unchanged += 1;
      continue;
    }
    if (old) {
      changed += 1;
      before.push({ ...cell(old), value: old.value_num ?? old.value_code, comment: old.comment });
    } else {
      created += 1;
    }
    after.push({ ...cell(row), value: v.num ?? v.code, comment: v.comment });
    writes.push(row);
    existing.set(`${v.variable}|${v.orgUnit}|${v.coords}`, row);
  }
  if (dryRun || (writes.length === 0 && removed === 0 && submission.version > 0))
    return { submission, created, changed, unchanged, removed };
  await upsertValues(trx, writes);
  await appendAuditEntry(trx, actor, {
    action: 'values.save',
    entityType: 'submission',
    entityId: submission.id,
    before: { ...key, values: before },
    after: { ...key, values: after },
  });
  const findings = await computeFindings(trx, catalog, dataset, key, toStored([...existing.values()]));
  await storeFindings(trx, submission.id, findings);
  const next = { ...submission, version: submission.version + 1, updated_at: now };
  if (!(await updateSubmissionIfVersion(trx, submission.id, submission.version, { version: next.version, updated_at: now })))
    throw staleVersion(submission.version + 1, submission.version);
  return { submission: next, created, changed, unchanged, removed };
}

async function orgUnitKinds(db: DbOrTrx, partner: string): Promise<Map<string, string>> {
  return new Map((await listOrgUnits(db, partner)).map((u) => [u.code, u.kind]));
}

/** Saves values sent through the web form or the API; all or nothing. */
export async function saveValues(
  db: Db,
  catalog: Catalog,
  viewer: Viewer,
  actor: Actor,
  key: SubmissionKey,
  version: number,
  inputs: ValueInput[],
): Promise<ApplyResult> {
  const dataset = await checkKey(db, catalog, key);
  if (!canEdit(viewer, key.partner)) throw new ForbiddenError(`You cannot enter data for ${key.partner}.`);
  const { values, problems } = checkValueInputs(catalog, dataset, await orgUnitKinds(db, key.partner), inputs);
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new ValidationError(
      `values[${first.index}].${first.field}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : ''}`,
      problems,
    );
  }
  const result = await db.transaction().execute((trx) => applyValues(trx, catalog, actor, key, values, version));
  await submissionsChanged(db, catalog, [key], actor);
  return result;
}

async function loadForTransition(trx: Trx, key: SubmissionKey, version: number): Promise<SubmissionsTable> {
  const submission = await findSubmission(trx, key.dataset, key.partner, key.period);
  if (!submission) throw new NotFoundError('Submission', `${key.dataset} ${key.partner} ${key.period}`);
  if (submission.version !== version) throw staleVersion(submission.version, version);
  return submission;
}

type Transition = 'submit' | 'return' | 'approve' | 'publish' | 'reopen';

const TRANSITIONS: Record<
  Transition,
  { from: SubmissionStatus[]; to: SubmissionStatus; allowed: (v: Viewer, partner: string, domain: string) => boolean; needsText: boolean }
> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', allowed: canEdit, needsText: false },
  return: { from: ['submitted', 'approved'], to: 'returned', allowed: (v, _p, domain) => canReview(v, domain), needsText: true },
  approve: { from: ['submitted'], to: 'approved', allowed: (v, _p, domain) => canReview(v, domain), needsText: false },
  publish: { from: ['approved'], to: 'published', allowed: (v) => canPublish(v), needsText: false },
  reopen: { from: ['approved', 'published'], to: 'draft', allowed: (v) => canPublish(v), needsText: true },
};

/** Moves a submission through the workflow; submit re-validates and refuses on errors or uncommented warnings. */
export async function transition(
  db: Db,
  catalog: Catalog,
  viewer: Viewer,
  actor: Actor,
  key: SubmissionKey,
  action: Transition,
  version: number,
  text?: string,
): Promise<SubmissionsTable> {
  const dataset = await checkKey(db, catalog, key);
  const rule = TRANSITIONS[action];
  if (!rule.allowed(viewer, key.partner, dataset.domain)) {
    throw new ForbiddenError(
      viewer.kind === 'user' && viewer.role === 'reviewer'
        ? `You review ${viewer.domains?.join(', ')}; ${key.dataset} belongs to ${dataset.domain}.`
        : `Your role cannot ${action} ${key.partner}'s data.`,
    );
  }
  const body = (text ?? '').trim();
  if (rule.needsText && body === '')
    throw new ValidationError(`${action === 'reopen' ? 'reason' : 'comment'}: say why (it is kept in the submission's thread).`, {
      field: action === 'reopen' ? 'reason' : 'comment',
    });
  const next = await db.transaction().execute(async (trx) => {
    const submission = await loadForTransition(trx, key, version);
    if (!rule.from.includes(submission.status))
      throw new ConflictError(`Cannot ${action} a submission that is ${submission.status}.`, { status: submission.status });
    if (action === 'submit') {
      const findings = await computeFindings(trx, catalog, dataset, key, toStored(await listValues(trx, submission.id)));
      await storeFindings(trx, submission.id, findings);
      const comments = new Set((await listFindingComments(trx, submission.id)).map((c) => c.key));
      const errors = findings.filter((f) => f.severity === 'error');
      const uncommented = findings.filter((f) => f.severity === 'warning' && !comments.has(f.key));
      if (errors.length > 0)
        throw new SubmissionBlockedError(
          `${errors.length} validation error(s) must be corrected before submitting: ${errors[0]!.message}`,
          errors,
        );
      if (uncommented.length > 0)
        throw new SubmissionBlockedError(
          `${uncommented.length} warning(s) need a comment before submitting: ${uncommented[0]!.message}`,
          uncommented,
        );
    }
    const now = new Date().toISOString();
    const stamps: Partial<SubmissionsTable> =
      action === 'submit'
        ? { submitted_at: now }
        : action === 'approve'
          ? { approved_at: now }
          : action === 'publish'
            ? { published_at: now }
            : action === 'reopen'
              ? { approved_at: null, published_at: null }
              : {};
    const next: SubmissionsTable = { ...submission, ...stamps, status: rule.to, version: submission.version + 1, updated_at: now };
    if (
      !(await updateSubmissionIfVersion(trx, submission.id, submission.version, {
        ...stamps,
        status: next.status,
        version: next.version,
        updated_at: now,
      }))
    )
      throw staleVersion(submission.version + 1, version);
    await insertEvent(trx, {
      id: randomUUID(),
      submission_id: submission.id,
      at: now,
      author_id: actor.id,
      author: actor.label,
      kind: action,
      body,
    });
    await appendAuditEntry(trx, actor, {
      action: `submission.${action}`,
      entityType: 'submission',
      entityId: submission.id,
      before: { status: submission.status },
      after: { status: next.status, ...(body ? { text: body } : {}) },
    });
    return next;
  });
  if (action === 'submit') await submissionsChanged(db, catalog, [key], actor);
  return next;
}

async function readable(db: DbOrTrx, viewer: Viewer, key: SubmissionKey): Promise<SubmissionsTable> {
  const submission = await findSubmission(db, key.dataset, key.partner, key.period);
  if (!submission || !canRead(viewer, key.partner, submission.status))
    throw new NotFoundError('Submission', `${key.dataset} ${key.partner} ${key.period}`);
  return submission;
}

/** Adds a comment to the submission's thread (any signed-in reader). */
export async function addComment(db: Db, viewer: Viewer, actor: Actor, key: SubmissionKey, body: string): Promise<void> {
  const text = body.trim();
  if (!text) throw new ValidationError('body: the comment is empty.', { field: 'body' });
  await db.transaction().execute(async (trx) => {
    const submission = await readable(trx, viewer, key);
    const id = randomUUID();
    await insertEvent(trx, {
      id,
      submission_id: submission.id,
      at: new Date().toISOString(),
      author_id: actor.id,
      author: actor.label,
      kind: 'comment',
      body: text,
    });
    await appendAuditEntry(trx, actor, {
      action: 'submission.comment',
      entityType: 'submission',
      entityId: submission.id,
      after: { comment: text },
    });
  });
}

/**
 * Explains validation warnings (the data provider's comment, required before submitting): one, or
 * many at once with the same text — an import can raise dozens of similar outlier warnings.
 */
export async function commentFindings(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  key: SubmissionKey,
  findingKeys: string[],
  comment: string,
): Promise<number> {
  const text = comment.trim();
  if (!text) throw new ValidationError('comment: explain the warning.', { field: 'comment' });
  if (findingKeys.length === 0) throw new ValidationError('key: name the warning(s) to explain.', { field: 'key' });
  if (!canEdit(viewer, key.partner)) throw new ForbiddenError(`You cannot comment on ${key.partner}'s validation results.`);
  return db.transaction().execute(async (trx) => {
    const submission = await readable(trx, viewer, key);
    if (!EDITABLE.includes(submission.status))
      throw new ConflictError(`The submission is ${submission.status}; comments on warnings are given before submitting.`);
    const known = new Set((await listFindings(trx, submission.id)).map((f) => f.key));
    const unknown = findingKeys.filter((k) => !known.has(k));
    if (unknown.length > 0) throw new NotFoundError('Validation finding', unknown[0]!);
    const at = new Date().toISOString();
    const unique = [...new Set(findingKeys)];
    for (const findingKey of unique)
      await upsertFindingComment(trx, { submission_id: submission.id, key: findingKey, comment: text, author: actor.label, at });
    await appendAuditEntry(trx, actor, {
      action: 'finding.comment',
      entityType: 'submission',
      entityId: submission.id,
      after: { findings: unique, comment: text },
    });
    return unique.length;
  });
}

/** Explains one validation warning. */
export function commentFinding(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  key: SubmissionKey,
  findingKey: string,
  comment: string,
): Promise<number> {
  return commentFindings(db, viewer, actor, key, [findingKey], comment);
}

export function dueDate(dataset: Dataset, period: string): Date {
  return new Date(periodEnd(period).getTime() + dataset.dueDays * 86_400_000);
}

/** One submission as the viewer may see it; a not-yet-started one is shown empty to those who may fill it. */
export async function getSubmission(
  db: Db,
  catalog: Catalog,
  viewer: Viewer,
  key: SubmissionKey,
  now = new Date(),
): Promise<SubmissionView> {
  const dataset = await checkKey(db, catalog, key);
  const submission = await findSubmission(db, key.dataset, key.partner, key.period);
  const due = dueDate(dataset, key.period);
  const status = submission?.status ?? 'not_started';
  if (!submission ? !canEdit(viewer, key.partner) && !canReview(viewer) : !canRead(viewer, key.partner, submission.status)) {
    throw new NotFoundError('Submission', `${key.dataset} ${key.partner} ${key.period}`);
  }
  const editable = canEdit(viewer, key.partner) && (!submission || EDITABLE.includes(submission.status));
  const base: SubmissionView = {
    id: submission?.id ?? null,
    dataset: key.dataset,
    partner: key.partner,
    period: key.period,
    status,
    version: submission?.version ?? 0,
    dueDate: due.toISOString().slice(0, 10),
    late: (status === 'not_started' || EDITABLE.includes(status as SubmissionStatus)) && now > due,
    updatedAt: submission?.updated_at ?? null,
    values: [],
    findings: [],
    events: [],
    can: {
      edit: editable,
      submit: editable && !!submission,
      return: canReview(viewer, dataset.domain) && (status === 'submitted' || status === 'approved'),
      approve: canReview(viewer, dataset.domain) && status === 'submitted',
      publish: canPublish(viewer) && status === 'approved',
      reopen: canPublish(viewer) && (status === 'approved' || status === 'published'),
      comment: viewer.kind !== 'public' && !!submission,
    },
  };
  if (!submission) return base;
  const comments = new Map((await listFindingComments(db, submission.id)).map((c) => [c.key, c]));
  const signedIn = viewer.kind !== 'public';
  return {
    ...base,
    values: (await listValues(db, submission.id)).map((v) => ({
      variable: v.variable,
      orgUnit: v.org_unit || null,
      coords: { ...parseCoordsKey(v.coords) },
      value: v.value_num ?? v.value_code,
      comment: v.comment,
    })),
    findings: signedIn
      ? (await listFindings(db, submission.id)).map((f) => {
          const c = comments.get(f.key);
          return {
            key: f.key,
            ruleCode: f.rule_code,
            kind: f.kind,
            severity: f.severity,
            orgUnit: f.org_unit || null,
            coords: { ...parseCoordsKey(f.coords) },
            message: f.message,
            details: JSON.parse(f.details_json),
            comment: c ? { text: c.comment, author: c.author, at: c.at } : null,
          };
        })
      : [],
    events: signedIn ? (await listEvents(db, submission.id)).map((e) => ({ at: e.at, author: e.author, kind: e.kind, body: e.body })) : [],
  };
}

/** The stored values of one submission (empty when it does not exist yet), for capabilities that replace their own cells. */
export async function storedValues(db: DbOrTrx, key: SubmissionKey): Promise<StoredValue[]> {
  const submission = await findSubmission(db, key.dataset, key.partner, key.period);
  return submission ? toStored(await listValues(db, submission.id)) : [];
}

/** Submissions the viewer may see (published ones, and for a coordinator also their own partner's). */
export function listVisibleSubmissions(
  db: DbOrTrx,
  viewer: Viewer,
  f: { dataset?: string; partner?: string; period?: string; status?: SubmissionStatus },
): Promise<SubmissionsTable[]> {
  const scope = visibleRows(viewer);
  const statuses = f.status ? (scope.statuses ?? [f.status]).filter((s) => s === f.status) : scope.statuses;
  if (statuses?.length === 0) return Promise.resolve([]);
  return listSubmissions(db, {
    dataset: f.dataset,
    partner: f.partner,
    period: f.period,
    statuses,
    visibleToPartner: scope.visibleToPartner,
  });
}

/** Stored values as the exports and the CLI read them. */
export { queryValues } from './submissions.repository.js';
