// The agenda of a meeting: sessions (e.g. morning, afternoon), their agenda items linked to
// catalogue domains, indicators and plans, and the order of a session's items. Organisers only;
// changes that overwrite something are made on the meeting version that was read. Every change is audited.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../platform/audit/actor.js';
import { appendAuditEntry } from '../platform/audit/audit.service.js';
import type { Db } from '../platform/db/database.js';
import { NotFoundError, ValidationError } from '../platform/errors.js';
import type { Viewer } from '../platform/viewer.js';
import { planSummaries } from '../commitments/plans.service.js';
import type { Catalog } from '../statistics/catalog.js';
import { instant, requireOrganiser, stale, text } from './meeting-input.js';
import type { ItemInput, ItemPatch, MeetingView, SessionInput, Topics } from './meetings.schema.js';
import { getMeeting, meetingOrThrow } from './meetings.service.js';
import { insertItem, insertSession, listItems, listSessions, touchMeeting, updateItem, updateMeeting } from './meetings.repository.js';
import type { AgendaItemsTable } from './tables.js';

export async function addSession(db: Db, viewer: Viewer, actor: Actor, id: string, input: SessionInput): Promise<MeetingView> {
  requireOrganiser(viewer);
  await meetingOrThrow(db, id);
  const start = instant('start', input.start);
  const end = instant('end', input.end);
  if (end <= start) throw new ValidationError('end: the session ends before it starts.', { field: 'end' });
  const sessions = await listSessions(db, [id]);
  const row = {
    id: randomUUID(),
    meeting_id: id,
    title: text('title', input.title, 200, true)!,
    starts_at: start,
    ends_at: end,
    position: sessions.length,
  };
  await db.transaction().execute(async (trx) => {
    await insertSession(trx, row);
    await touchMeeting(trx, id);
    await appendAuditEntry(trx, actor, { action: 'meeting.session.add', entityType: 'meeting', entityId: id, after: row });
  });
  return getMeeting(db, viewer, id);
}

/** The topics without duplicates, each a domain, an indicator of the catalogue or a plan. */
async function checkTopics(db: Db, catalog: Catalog, topics: Partial<Topics> | undefined): Promise<Topics> {
  const out: Topics = {
    domains: [...new Set(topics?.domains ?? [])],
    indicators: [...new Set(topics?.indicators ?? [])],
    plans: [...new Set(topics?.plans ?? [])],
  };
  const domains = new Set([...catalog.domains.keys(), 'commitments', 'meetings']);
  for (const d of out.domains)
    if (!domains.has(d))
      throw new ValidationError(`topics.domains: "${d}" is not a domain (${[...domains].sort().join(', ')}).`, { field: 'topics.domains' });
  for (const i of out.indicators)
    if (!catalog.indicators.has(i))
      throw new ValidationError(`topics.indicators: "${i}" is not an indicator of the catalogue.`, { field: 'topics.indicators' });
  const plans = new Set((await planSummaries(db)).map((p) => p.code));
  for (const p of out.plans) if (!plans.has(p)) throw new ValidationError(`topics.plans: "${p}" is not a plan.`, { field: 'topics.plans' });
  return out;
}

function presentersOf(list: string[] | undefined): string[] {
  const out = (list ?? []).map((p) => p.trim()).filter(Boolean);
  for (const p of out)
    if (p.length > 200) throw new ValidationError('presenters: a name is longer than 200 characters.', { field: 'presenters' });
  return out;
}

/** Adds an agenda item at the end of its session. */
export async function addItem(db: Db, catalog: Catalog, viewer: Viewer, actor: Actor, id: string, input: ItemInput): Promise<MeetingView> {
  requireOrganiser(viewer);
  await meetingOrThrow(db, id);
  const sessions = await listSessions(db, [id]);
  if (!sessions.some((s) => s.id === input.sessionId))
    throw new ValidationError(`sessionId: "${input.sessionId}" is not a session of this meeting.`, { field: 'sessionId' });
  const items = (await listItems(db, [id])).filter((i) => i.session_id === input.sessionId);
  const row: AgendaItemsTable = {
    id: randomUUID(),
    meeting_id: id,
    session_id: input.sessionId,
    position: items.length,
    title: text('title', input.title, 300, true)!,
    description: text('description', input.description, 5000),
    topics_json: JSON.stringify(await checkTopics(db, catalog, input.topics)),
    lead: text('lead', input.lead, 300),
    presenters_json: JSON.stringify(presentersOf(input.presenters)),
    duration_minutes: input.durationMinutes ?? null,
  };
  await db.transaction().execute(async (trx) => {
    await insertItem(trx, row);
    await touchMeeting(trx, id);
    await appendAuditEntry(trx, actor, { action: 'meeting.item.add', entityType: 'meeting', entityId: id, after: row });
  });
  return getMeeting(db, viewer, id);
}

/** Changes the fields given of an agenda item, given the meeting version that was read (409 when stale). */
export async function updateAgendaItem(
  db: Db,
  catalog: Catalog,
  viewer: Viewer,
  actor: Actor,
  id: string,
  itemId: string,
  version: number,
  input: ItemPatch,
): Promise<MeetingView> {
  requireOrganiser(viewer);
  const item = (await listItems(db, [id])).find((i) => i.id === itemId);
  if (!item) throw new NotFoundError('Agenda item', itemId);
  const patch: Partial<AgendaItemsTable> = {};
  if (input.title !== undefined) patch.title = text('title', input.title, 300, true)!;
  if (input.description !== undefined) patch.description = text('description', input.description, 5000);
  if (input.topics !== undefined) patch.topics_json = JSON.stringify(await checkTopics(db, catalog, input.topics));
  if (input.lead !== undefined) patch.lead = text('lead', input.lead, 300);
  if (input.presenters !== undefined) patch.presenters_json = JSON.stringify(presentersOf(input.presenters));
  if (input.durationMinutes !== undefined) patch.duration_minutes = input.durationMinutes;
  await db.transaction().execute(async (trx) => {
    if (!(await updateMeeting(trx, id, version, {}))) throw stale();
    await updateItem(trx, itemId, patch);
    await appendAuditEntry(trx, actor, {
      action: 'meeting.item.update',
      entityType: 'meeting',
      entityId: id,
      before: item,
      after: { id: itemId, ...patch },
    });
  });
  return getMeeting(db, viewer, id);
}

/** Puts a session's items in the given order (all of them, each once), given the meeting version that was read. */
export async function reorderItems(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  id: string,
  sessionId: string,
  version: number,
  itemIds: string[],
): Promise<MeetingView> {
  requireOrganiser(viewer);
  const current = (await listItems(db, [id])).filter((i) => i.session_id === sessionId);
  if (current.length === 0) throw new NotFoundError('Session', sessionId);
  const same =
    itemIds.length === current.length && new Set(itemIds).size === itemIds.length && itemIds.every((x) => current.some((i) => i.id === x));
  if (!same) throw new ValidationError('items: give every item of the session exactly once, in the new order.', { field: 'items' });
  await db.transaction().execute(async (trx) => {
    if (!(await updateMeeting(trx, id, version, {}))) throw stale();
    for (const [position, itemId] of itemIds.entries()) await updateItem(trx, itemId, { position });
    await appendAuditEntry(trx, actor, {
      action: 'meeting.agenda.reorder',
      entityType: 'meeting',
      entityId: id,
      before: current.map((i) => i.id),
      after: itemIds,
    });
  });
  return getMeeting(db, viewer, id);
}
