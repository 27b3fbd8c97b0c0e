// Entering values: one submission's cells written inside a transaction (created when needed,
// refused on a stale version or a locked status, only what changed, audited old → new,
// re-validated, version bumped), and the save of the web form and the API (all or nothing).
import { randomUUID } from 'node:crypto';
import type { Actor } from '../platform/audit/actor.js';
import { appendAuditEntry } from '../platform/audit/audit.service.js';
import type { Db, DbOrTrx, Trx } from '../platform/db/database.js';
import { ConflictError, ForbiddenError, ProblemsError } from '../platform/errors.js';
import { listOrgUnits } from '../platform/partners/partners.service.js';
import { canEdit, type Viewer } from '../platform/viewer.js';
import type { Catalog, Dataset } from './catalog.js';
import { submissionsChanged } from './events.js';
import {
  deleteValue,
  deleteValues,
  findSubmission,
  insertSubmissionIfAbsent,
  listValues,
  queryValues,
  updateSubmissionIfVersion,
  upsertValues,
} from './submissions.repository.js';
import {
  checkKey,
  computeFindings,
  EDITABLE,
  historyPeriods,
  requireDataset,
  staleVersion,
  storeFindings,
  toStored,
  type SubmissionKey,
} from './submissions.service.js';
import { refreshPartnerCells } from './read-model.service.js';
import type { DataValuesTable, SubmissionsTable } from './tables.js';
import { validateSubmission } from './validation.js';
import { cellChanges, cellKey, counts, untouched, type CellChanges } from './value-changes.js';
import { checkValueInputs, type CheckedValue, type ValueInput } from './value-input.js';
import type { StoredValue } from './values.js';

export interface ApplyResult {
  submission: SubmissionsTable;
  created: number;
  changed: number;
  unchanged: number;
  removed: number;
}

/**
 * The submission the values go to: the stored one when its version is the one expected and its
 * status lets the partner edit, or a new draft (stored unless a dry run).
 */
export async function editableSubmission(
  trx: Trx,
  actor: Actor,
  key: SubmissionKey,
  expectedVersion: number | undefined,
  dryRun: boolean,
  now: string,
): Promise<SubmissionsTable> {
  const stored = await findSubmission(trx, key.dataset, key.partner, key.period);
  if (stored) {
    if (expectedVersion !== undefined && expectedVersion !== stored.version) throw staleVersion(stored.version, expectedVersion);
    if (!EDITABLE.includes(stored.status)) {
      const until = stored.status === 'submitted' ? ' until a reviewer returns it' : '; the Commission can reopen it';
      throw new ConflictError(`${key.dataset} ${key.partner} ${key.period} is ${stored.status} and cannot be edited${until}.`, {
        status: stored.status,
      });
    }
    return stored;
  }
  if (expectedVersion !== undefined && expectedVersion !== 0) throw staleVersion(0, expectedVersion);
  const submission: SubmissionsTable = {
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
    org_units_complete: 0,
    releases: 0,
  };
  if (!dryRun) {
    // Two first saves at once: one creates the submission, the other meets it on the key and is
    // judged against it as stored (a stale version: 409), never a duplicate-key error.
    if (!(await insertSubmissionIfAbsent(trx, submission))) return editableSubmission(trx, actor, key, expectedVersion, dryRun, now);
    await appendAuditEntry(trx, actor, { action: 'submission.create', entityType: 'submission', entityId: submission.id, after: key });
  }
  return submission;
}

/** A submission's stored cells by cellKey (value-changes.ts). */
async function storedCells(trx: Trx, submissionId: string): Promise<Map<string, DataValuesTable>> {
  return new Map((await listValues(trx, submissionId)).map((v) => [`${v.variable}|${v.org_unit}|${v.coords}`, v]));
}

async function auditValuesSave(trx: Trx, actor: Actor, submissionId: string, key: SubmissionKey, changes: CellChanges): Promise<void> {
  await appendAuditEntry(trx, actor, {
    action: 'values.save',
    entityType: 'submission',
    entityId: submissionId,
    before: { ...key, values: changes.before },
    after: { ...key, values: changes.after },
  });
}

/** The submission with its version bumped, as stored; a version moved meanwhile is refused as stale. */
async function bumpVersion(trx: Trx, submission: SubmissionsTable, now: string): Promise<SubmissionsTable> {
  const next = { ...submission, version: submission.version + 1, updated_at: now };
  if (!(await updateSubmissionIfVersion(trx, submission.id, submission.version, { version: next.version, updated_at: now })))
    throw staleVersion(submission.version + 1, submission.version);
  return next;
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
  const submission = await editableSubmission(trx, actor, key, expectedVersion, dryRun, now);
  const existing = await storedCells(trx, submission.id);
  const changes = cellChanges(submission.id, existing, values, now);
  if (!dryRun) for (const row of changes.removals) await deleteValue(trx, row);
  if (dryRun || untouched(changes, submission)) return { submission, ...counts(changes) };
  await upsertValues(trx, changes.writes);
  await auditValuesSave(trx, actor, submission.id, key, changes);
  const stored = toStored([...existing.values()]);
  await refreshPartnerCells(trx, catalog, submission, stored);
  const findings = await computeFindings(trx, catalog, dataset, key, stored);
  await storeFindings(trx, submission.id, findings);
  return { submission: await bumpVersion(trx, submission, now), ...counts(changes) };
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
    throw new ProblemsError(
      `values[${first.index}].${first.field}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : ''}`,
      problems,
      { key: problems.length > 1 ? 'value.rejected_more' : 'value.rejected', params: { count: problems.length - 1 } },
      { key: 'value.problem', shown: 1, params: { values: 'values' } },
    );
  }
  const result = await db.transaction().execute((trx) => applyValues(trx, catalog, actor, key, values, version));
  await submissionsChanged(db, catalog, [key], actor);
  return result;
}

/**
 * Declares (or withdraws) that the partner's org-unit list is complete for this submission: only
 * then is a partner total summed from its org units (a reported total always wins). Editable
 * submissions only, on the version read; audited; the partner cells are recomputed at once.
 */
export async function declareOrgUnitsComplete(
  db: Db,
  catalog: Catalog,
  viewer: Viewer,
  actor: Actor,
  key: SubmissionKey,
  version: number,
  complete: boolean,
): Promise<SubmissionsTable> {
  await checkKey(db, catalog, key);
  if (!canEdit(viewer, key.partner)) throw new ForbiddenError(`You cannot declare ${key.partner}'s org units.`);
  return db.transaction().execute(async (trx) => {
    const submission = await editableSubmission(trx, actor, key, version, false, new Date().toISOString());
    const now = new Date().toISOString();
    const next = { ...submission, org_units_complete: complete ? 1 : 0, version: submission.version + 1, updated_at: now };
    if (
      !(await updateSubmissionIfVersion(trx, submission.id, submission.version, {
        org_units_complete: next.org_units_complete,
        version: next.version,
        updated_at: now,
      }))
    )
      throw staleVersion(submission.version + 1, version);
    await refreshPartnerCells(trx, catalog, next, toStored(await listValues(trx, submission.id)));
    await appendAuditEntry(trx, actor, {
      action: 'submission.org_units_complete',
      entityType: 'submission',
      entityId: submission.id,
      before: { orgUnitsComplete: submission.org_units_complete === 1 },
      after: { orgUnitsComplete: complete },
    });
    return next;
  });
}

/** One submission's values for applyValueBatches. */
export interface ValueBatch {
  key: SubmissionKey;
  values: CheckedValue[];
  /** Stored values it selects are removed when `values` does not give their cell (e.g. every cell a file fills). */
  removeUnlisted?: (value: StoredValue) => boolean;
}

/** One batch as applyValueBatches plans it: its submission, the changes written, its cells as they will be. */
interface PlannedBatch {
  batch: ValueBatch;
  dataset: Dataset;
  submission: SubmissionsTable;
  changes: CellChanges;
  untouched: boolean;
  stored: StoredValue[];
}

const submissionKeyOf = (k: SubmissionKey) => `${k.dataset}|${k.partner}|${k.period}`;

/** A batch's submission and changes (the stored values it removes as unlisted included), audited unless untouched. */
async function planBatch(trx: Trx, catalog: Catalog, actor: Actor, batch: ValueBatch, now: string): Promise<PlannedBatch> {
  const dataset = requireDataset(catalog, batch.key.dataset);
  const submission = await editableSubmission(trx, actor, batch.key, undefined, false, now);
  const existing = await storedCells(trx, submission.id);
  const given = new Set(batch.values.map(cellKey));
  const unlisted = batch.removeUnlisted
    ? toStored([...existing.values()])
        .filter((v) => batch.removeUnlisted!(v) && !given.has(cellKey(v)))
        .map((v): CheckedValue => ({ ...v, num: null, code: null, comment: null, obsStatus: null, remove: true }))
    : [];
  const changes = cellChanges(submission.id, existing, [...batch.values, ...unlisted], now);
  const isUntouched = untouched(changes, submission);
  if (!isUntouched) await auditValuesSave(trx, actor, submission.id, batch.key, changes);
  return { batch, dataset, submission, changes, untouched: isUntouched, stored: toStored([...existing.values()]) };
}

/**
 * The earlier periods each planned submission is validated against: the batches' as now written,
 * the others' as stored, read in one query per dataset and partner.
 */
async function historyOf(trx: Trx, planned: PlannedBatch[]): Promise<(key: SubmissionKey) => StoredValue[][]> {
  const inBatches = new Map(planned.map((p) => [submissionKeyOf(p.batch.key), p.stored]));
  const storedHistory = new Map<string, StoredValue[]>();
  const byOwner = new Map<string, { dataset: string; partner: string; periods: Set<string> }>();
  for (const p of planned.filter((x) => !x.untouched)) {
    const { dataset, partner } = p.batch.key;
    const owner = byOwner.get(`${dataset}|${partner}`) ?? { dataset, partner, periods: new Set<string>() };
    for (const period of historyPeriods(p.batch.key.period))
      if (!inBatches.has(submissionKeyOf({ dataset, partner, period }))) owner.periods.add(period);
    byOwner.set(`${dataset}|${partner}`, owner);
  }
  for (const owner of byOwner.values()) {
    if (owner.periods.size === 0) continue;
    const rows = await queryValues(trx, { datasets: [owner.dataset], partners: [owner.partner], periods: [...owner.periods] });
    for (const period of owner.periods)
      storedHistory.set(submissionKeyOf({ ...owner, period }), toStored(rows.filter((r) => r.period === period)));
  }
  return (key) =>
    historyPeriods(key.period).map((period) => {
      const at = submissionKeyOf({ ...key, period });
      return inBatches.get(at) ?? storedHistory.get(at) ?? [];
    });
}

/**
 * Applies the values of several submissions (distinct keys) inside the caller's transaction, with
 * the rules applyValues keeps for each — created when needed, refused when locked, only changes
 * written, one audit entry with old and new values, partner cells, findings, version bumped — but
 * in bulk, for large machine-made sets such as case counts: the changes of all submissions are
 * written together in multi-row statements, and each submission is validated once, after all are
 * written, against its earlier periods (those of the batches as now written, the others as stored,
 * read in one query per dataset and partner). Results in the order of the batches.
 */
export async function applyValueBatches(trx: Trx, catalog: Catalog, actor: Actor, batches: ValueBatch[]): Promise<ApplyResult[]> {
  const now = new Date().toISOString();
  if (new Set(batches.map((b) => submissionKeyOf(b.key))).size !== batches.length)
    throw new Error('applyValueBatches: a submission is given twice');
  const planned: PlannedBatch[] = [];
  for (const batch of batches) planned.push(await planBatch(trx, catalog, actor, batch, now));
  // The changes of all submissions in multi-row statements.
  const writes = planned.flatMap((p) => p.changes.writes);
  const removals = planned.flatMap((p) => p.changes.removals);
  await upsertValues(trx, writes);
  await deleteValues(trx, removals);
  const history = await historyOf(trx, planned);
  const results: ApplyResult[] = [];
  for (const p of planned) {
    const { submission } = p;
    if (p.untouched) {
      results.push({ submission, ...counts(p.changes) });
      continue;
    }
    await refreshPartnerCells(trx, catalog, submission, p.stored);
    const findings = validateSubmission({ catalog, dataset: p.dataset, current: p.stored, history: history(p.batch.key) });
    await storeFindings(trx, submission.id, findings);
    results.push({ submission: await bumpVersion(trx, submission, now), ...counts(p.changes) });
  }
  return results;
}
