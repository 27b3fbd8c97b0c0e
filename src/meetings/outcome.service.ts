// The outcome of a meeting: its conclusions and decisions (optionally per agenda item), and the
// follow-up actions agreed, which become commitments in a plan of kind meeting_conclusions
// through the commitments capability's plan-editing service. Every change is audited.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../platform/audit/actor.js';
import { appendAuditEntry } from '../platform/audit/audit.service.js';
import type { Db } from '../platform/db/database.js';
import { ValidationError } from '../platform/errors.js';
import type { Viewer } from '../platform/viewer.js';
import { addPlanAction, ensureConclusionsPlan } from '../commitments/plan-editing.service.js';
import type { Catalog } from '../statistics/catalog.js';
import { requireOrganiser, stale, text } from './meeting-input.js';
import type { FollowUpInput, MeetingView, OutcomeInput } from './meetings.schema.js';
import { getMeeting, meetingOrThrow } from './meetings.service.js';
import { listItems, replaceDecisions, setFollowUpPlan, updateMeeting } from './meetings.repository.js';

/** Records the conclusions and (when given) replaces the decisions, given the meeting version that was read (409 when stale). */
export async function setOutcome(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  id: string,
  version: number,
  input: OutcomeInput,
): Promise<MeetingView> {
  requireOrganiser(viewer);
  const before = await meetingOrThrow(db, id);
  const items = await listItems(db, [id]);
  const decisions = (input.decisions ?? []).map((d, i) => {
    if (d.itemId && !items.some((x) => x.id === d.itemId))
      throw new ValidationError(`decisions.${i}.itemId: not an agenda item of this meeting.`, { field: `decisions.${i}.itemId` });
    return {
      id: randomUUID(),
      meeting_id: id,
      item_id: d.itemId ?? null,
      text: text(`decisions.${i}.text`, d.text, 2000, true)!,
      position: i,
    };
  });
  await db.transaction().execute(async (trx) => {
    if (!(await updateMeeting(trx, id, version, { conclusions: text('conclusions', input.conclusions, 20_000) }))) throw stale();
    if (input.decisions !== undefined) await replaceDecisions(trx, id, decisions);
    await appendAuditEntry(trx, actor, {
      action: 'meeting.outcome',
      entityType: 'meeting',
      entityId: id,
      before: { conclusions: before.conclusions },
      after: { conclusions: input.conclusions, decisions: decisions.map((d) => d.text) },
    });
  });
  return getMeeting(db, viewer, id);
}

/** A follow-up action agreed at the meeting: a commitment per responsible partner in the meeting's conclusions plan. */
export async function addFollowUp(
  db: Db,
  catalog: Catalog,
  viewer: Viewer,
  actor: Actor,
  id: string,
  input: FollowUpInput,
): Promise<MeetingView> {
  requireOrganiser(viewer);
  const meeting = await meetingOrThrow(db, id);
  const code = meeting.follow_up_plan ?? `meeting_${meeting.starts_at.slice(0, 10).replace(/-/g, '')}_${id.slice(0, 8)}`;
  await ensureConclusionsPlan(db, actor, {
    code,
    title: `Follow-up: ${meeting.title} (${meeting.starts_at.slice(0, 10)})`,
    periodStart: meeting.starts_at.slice(0, 10),
    source: `Conclusions of the meeting "${meeting.title}"`,
  });
  if (!meeting.follow_up_plan) {
    await db.transaction().execute(async (trx) => {
      await setFollowUpPlan(trx, id, code);
      await appendAuditEntry(trx, actor, { action: 'meeting.follow_up_plan', entityType: 'meeting', entityId: id, after: { plan: code } });
    });
  }
  await addPlanAction(db, catalog, viewer, actor, code, {
    objective: 'follow_up',
    title: input.title,
    description: input.description,
    deadline: input.deadline,
    partners: input.partners,
    indicators: input.indicators,
  });
  return getMeeting(db, viewer, id);
}
