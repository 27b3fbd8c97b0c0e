// Actions added and edited in the web UI: rule-of-law recommendations filled by Commission users
// (and, later, follow-up actions of meeting conclusions). Shipped action plans stay as their files
// define them; only plans of these kinds accept actions from the UI.
import type { Actor } from '../platform/audit/actor.js';
import { appendAuditEntry } from '../platform/audit/audit.service.js';
import type { Db } from '../platform/db/database.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.js';
import { listPartners } from '../platform/partners/partners.service.js';
import type { Catalog } from '../statistics/catalog.js';
import type { Viewer } from '../platform/viewer.js';
import { isCalendarDate } from './plan-file.js';
import { canManageRounds } from './progress.js';
import {
  findAction,
  findPlan,
  insertCommitmentIfMissing,
  listActions,
  listObjectives,
  nextActionPosition,
  updateActionText,
  upsertAction,
  upsertObjective,
  upsertPlan,
} from './plans.repository.js';
import type { ActionInput, ActionPatch, AddedAction } from './plans.schema.js';
import { randomUUID } from 'node:crypto';

export const EDITABLE_KINDS = ['recommendations', 'meeting_conclusions'];
const TITLE_LIMIT = 500;
const DESCRIPTION_LIMIT = 5000;

async function editablePlan(db: Db, viewer: Viewer, planCode: string) {
  if (!canManageRounds(viewer)) throw new ForbiddenError('Only the Commission adds or edits recommendations and follow-up actions.');
  const plan = await findPlan(db, planCode);
  if (!plan) throw new NotFoundError('Plan', planCode);
  if (!EDITABLE_KINDS.includes(plan.kind))
    throw new ForbiddenError(`Plan ${planCode} is a shipped ${plan.kind.replace('_', ' ')}; its actions come from its plan file.`);
  return plan;
}

function checkText(
  input: { title?: string; description?: string | null; deadline?: string | null; indicators?: string[] },
  catalog: Catalog,
): void {
  if (input.title !== undefined) {
    if (input.title.trim() === '') throw new ValidationError('title: the recommendation needs its wording.', { field: 'title' });
    if (input.title.length > TITLE_LIMIT)
      throw new ValidationError(`title: ${input.title.length} characters; the limit is ${TITLE_LIMIT}.`, { field: 'title' });
  }
  if (input.description && input.description.length > DESCRIPTION_LIMIT)
    throw new ValidationError(`description: longer than ${DESCRIPTION_LIMIT} characters.`, { field: 'description' });
  if (input.deadline && !isCalendarDate(input.deadline))
    throw new ValidationError(`deadline: "${input.deadline}" is not a date (YYYY-MM-DD).`, { field: 'deadline' });
  for (const code of input.indicators ?? []) {
    if (!catalog.indicators.has(code))
      throw new ValidationError(`indicators: "${code}" is not an indicator of the catalogue.`, { field: 'indicators' });
  }
}

/** Adds an action under an objective with one commitment per partner; its code is the objective's next free R-number. */
export async function addPlanAction(
  db: Db,
  catalog: Catalog,
  viewer: Viewer,
  actor: Actor,
  planCode: string,
  input: ActionInput,
): Promise<AddedAction> {
  await editablePlan(db, viewer, planCode);
  const objectives = await listObjectives(db, planCode);
  if (!objectives.some((o) => o.code === input.objective)) {
    throw new ValidationError(
      `objective: "${input.objective}" is not an objective of ${planCode} (${objectives.map((o) => o.code).join(', ')}).`,
      { field: 'objective' },
    );
  }
  checkText(input, catalog);
  const known = new Set((await listPartners(db)).filter((p) => p.group_code === 'WB6').map((p) => p.code));
  const partners = [...new Set(input.partners.map((p) => p.toUpperCase()))];
  if (partners.length === 0) throw new ValidationError('partners: name at least one responsible partner.', { field: 'partners' });
  for (const p of partners)
    if (!known.has(p)) throw new ValidationError(`partners: "${p}" is not a Western Balkan partner code.`, { field: 'partners' });
  const existing = new Set((await listActions(db, planCode)).map((a) => a.code));
  let n = 1;
  while (existing.has(`${input.objective}.R${n}`)) n++;
  const code = `${input.objective}.R${n}`;
  await db.transaction().execute(async (trx) => {
    await upsertAction(trx, {
      plan_code: planCode,
      code,
      objective_code: input.objective,
      title: input.title.trim(),
      description: input.description?.trim() || null,
      paraphrase: 0,
      institutions: input.institutions?.trim() || null,
      start_date: null,
      deadline: input.deadline || null,
      indicators_json: JSON.stringify(input.indicators ?? []),
      position: await nextActionPosition(trx, planCode),
      origin: 'web',
    });
    for (const partner of partners)
      await insertCommitmentIfMissing(trx, { id: randomUUID(), plan_code: planCode, action_code: code, partner_code: partner });
    await appendAuditEntry(trx, actor, {
      action: 'plan.action.add',
      entityType: 'plan',
      entityId: planCode,
      after: { code, ...input, partners },
    });
  });
  return { code };
}

export async function updatePlanAction(
  db: Db,
  catalog: Catalog,
  viewer: Viewer,
  actor: Actor,
  planCode: string,
  code: string,
  patch: ActionPatch,
): Promise<void> {
  await editablePlan(db, viewer, planCode);
  const action = await findAction(db, planCode, code);
  if (!action) throw new NotFoundError('Action', `${planCode} ${code}`);
  checkText(patch, catalog);
  const next = {
    title: patch.title?.trim() ?? action.title,
    description: patch.description === undefined ? action.description : patch.description?.trim() || null,
    deadline: patch.deadline === undefined ? action.deadline : patch.deadline || null,
    institutions: patch.institutions === undefined ? action.institutions : patch.institutions?.trim() || null,
    indicators_json: patch.indicators === undefined ? action.indicators_json : JSON.stringify(patch.indicators),
  };
  await db.transaction().execute(async (trx) => {
    await updateActionText(trx, planCode, code, next);
    await appendAuditEntry(trx, actor, {
      action: 'plan.action.update',
      entityType: 'plan',
      entityId: planCode,
      before: {
        code,
        title: action.title,
        description: action.description,
        deadline: action.deadline,
        institutions: action.institutions,
        indicators: JSON.parse(action.indicators_json),
      },
      after: { code, ...next, indicators_json: undefined, indicators: JSON.parse(next.indicators_json) },
    });
  });
}

/**
 * The plan that holds a meeting's follow-up actions (kind meeting_conclusions, one objective),
 * created with the first follow-up; returns its code.
 */
export async function ensureConclusionsPlan(
  db: Db,
  actor: Actor,
  plan: { code: string; title: string; periodStart: string; source: string },
): Promise<string> {
  if (await findPlan(db, plan.code)) return plan.code;
  await db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    await upsertPlan(trx, {
      code: plan.code,
      kind: 'meeting_conclusions',
      title: plan.title,
      period_start: plan.periodStart,
      period_end: null,
      source: plan.source,
      updated_at: now,
    });
    await upsertObjective(trx, {
      plan_code: plan.code,
      code: 'follow_up',
      title: 'Follow-up actions agreed at the meeting',
      paraphrase: 0,
      position: 0,
    });
    await appendAuditEntry(trx, actor, {
      action: 'plan.create',
      entityType: 'plan',
      entityId: plan.code,
      after: { ...plan, kind: 'meeting_conclusions' },
    });
  });
  return plan.code;
}
