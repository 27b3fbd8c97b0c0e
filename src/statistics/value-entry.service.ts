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
import type { Catalog } from './catalog.js';
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
import { checkValueInputs, type CheckedValue, type ValueInput } from './value-input.js';
import type { StoredValue } from './values.js';

export interface ApplyResult {
  submission: SubmissionsTable;
  created: number;
  changed: number;
  unchanged: number;
  removed: number;
}

function sameValue(a: DataValuesTable, b: CheckedValue): boolean {
  return (
    a.value_num === b.num &&
    (a.value_code ?? null) === b.code &&
    (a.comment ?? null) === b.comment &&
    (a.obs_status ?? null) === b.obsStatus &&
    (a.evidence_json ?? null) === (b.evidence ?? null)
  );
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
      obs_status: v.obsStatus,
      updated_at: now,
      evidence_json: v.evidence ?? null,
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
    after.push({
      ...cell(row),
      value: v.num ?? v.code,
      comment: v.comment,
      ...(v.obsStatus ? { obsStatus: v.obsStatus } : {}),
      ...(v.evidence ? { evidence: JSON.parse(v.evidence) as string[] } : {}),
    });
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
  const stored = toStored([...existing.values()]);
  await refreshPartnerCells(trx, catalog, submission, stored);
  const findings = await computeFindings(trx, catalog, dataset, key, stored);
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
  const keyOf = (k: SubmissionKey) => `${k.dataset}|${k.partner}|${k.period}`;
  if (new Set(batches.map((b) => keyOf(b.key))).size !== batches.length) throw new Error('applyValueBatches: a submission is given twice');
  const cell = (v: { variable: string; org_unit: string; coords: string }) => ({
    variable: v.variable,
    orgUnit: v.org_unit || null,
    coords: v.coords || null,
  });
  const writes: DataValuesTable[] = [];
  const removals: DataValuesTable[] = [];
  const planned = [];
  for (const batch of batches) {
    const dataset = requireDataset(catalog, batch.key.dataset);
    const submission = await editableSubmission(trx, actor, batch.key, undefined, false, now);
    const existing = new Map((await listValues(trx, submission.id)).map((v) => [`${v.variable}|${v.org_unit}|${v.coords}`, v]));
    const given = new Set(batch.values.map((v) => `${v.variable}|${v.orgUnit}|${v.coords}`));
    const unlisted = batch.removeUnlisted
      ? toStored([...existing.values()])
          .filter((v) => batch.removeUnlisted!(v) && !given.has(`${v.variable}|${v.orgUnit}|${v.coords}`))
          .map((v): CheckedValue => ({ ...v, num: null, code: null, comment: null, obsStatus: null, remove: true }))
      : [];
    const before: unknown[] = [];
    const after: unknown[] = [];
    let created = 0,
      changed = 0,
      unchanged = 0,
      removed = 0,
      written = 0;
    for (const v of [...batch.values, ...unlisted]) {
      const at = `${v.variable}|${v.orgUnit}|${v.coords}`;
      const old = existing.get(at);
      const row: DataValuesTable = {
        submission_id: submission.id,
        variable: v.variable,
        org_unit: v.orgUnit,
        coords: v.coords,
        value_num: v.num,
        value_code: v.code,
        comment: v.comment,
        obs_status: v.obsStatus,
        updated_at: now,
        evidence_json: v.evidence ?? null,
      };
      if (v.remove) {
        if (!old) continue;
        removed += 1;
        before.push({ ...cell(old), value: old.value_num ?? old.value_code });
        after.push({ ...cell(row), value: null });
        removals.push(row);
        existing.delete(at);
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
      after.push({
        ...cell(row),
        value: v.num ?? v.code,
        comment: v.comment,
        ...(v.obsStatus ? { obsStatus: v.obsStatus } : {}),
        ...(v.evidence ? { evidence: JSON.parse(v.evidence) as string[] } : {}),
      });
      writes.push(row);
      written += 1;
      existing.set(at, row);
    }
    const untouched = written === 0 && removed === 0 && submission.version > 0;
    if (!untouched)
      await appendAuditEntry(trx, actor, {
        action: 'values.save',
        entityType: 'submission',
        entityId: submission.id,
        before: { ...batch.key, values: before },
        after: { ...batch.key, values: after },
      });
    planned.push({ batch, dataset, submission, untouched, stored: toStored([...existing.values()]), created, changed, unchanged, removed });
  }
  await upsertValues(trx, writes);
  await deleteValues(trx, removals);

  // Earlier periods: the batches' as now written, the others' as stored.
  const inBatches = new Map(planned.map((p) => [keyOf(p.batch.key), p.stored]));
  const storedHistory = new Map<string, StoredValue[]>();
  const byOwner = new Map<string, { dataset: string; partner: string; periods: Set<string> }>();
  for (const p of planned.filter((x) => !x.untouched)) {
    const { dataset, partner } = p.batch.key;
    const owner = byOwner.get(`${dataset}|${partner}`) ?? { dataset, partner, periods: new Set<string>() };
    for (const period of historyPeriods(p.batch.key.period))
      if (!inBatches.has(keyOf({ dataset, partner, period }))) owner.periods.add(period);
    byOwner.set(`${dataset}|${partner}`, owner);
  }
  for (const owner of byOwner.values()) {
    if (owner.periods.size === 0) continue;
    const rows = await queryValues(trx, { datasets: [owner.dataset], partners: [owner.partner], periods: [...owner.periods] });
    for (const period of owner.periods) storedHistory.set(keyOf({ ...owner, period }), toStored(rows.filter((r) => r.period === period)));
  }

  const results: ApplyResult[] = [];
  for (const p of planned) {
    const { submission, created, changed, unchanged, removed } = p;
    if (p.untouched) {
      results.push({ submission, created, changed, unchanged, removed });
      continue;
    }
    const key = p.batch.key;
    const history = historyPeriods(key.period).map((period) => {
      const at = keyOf({ ...key, period });
      return inBatches.get(at) ?? storedHistory.get(at) ?? [];
    });
    await refreshPartnerCells(trx, catalog, submission, p.stored);
    await storeFindings(trx, submission.id, validateSubmission({ catalog, dataset: p.dataset, current: p.stored, history }));
    const next = { ...submission, version: submission.version + 1, updated_at: now };
    if (!(await updateSubmissionIfVersion(trx, submission.id, submission.version, { version: next.version, updated_at: now })))
      throw staleVersion(submission.version + 1, submission.version);
    results.push({ submission: next, created, changed, unchanged, removed });
  }
  return results;
}
