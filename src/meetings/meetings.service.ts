// Meetings: created and run by the Commission (or the Presidency through it), seen by everyone
// when public and by participants otherwise; agenda with sessions and ordered items linked to
// catalogue domains, indicators and plans; delegations invited and replying; documents with
// access levels and versions; conclusions and decisions, with follow-up actions that become
// commitments in a plan of kind meeting_conclusions. Every change is audited.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../platform/audit/actor.js';
import { appendAuditEntry } from '../platform/audit/audit.service.js';
import type { Db } from '../platform/db/database.js';
import type { AgendaItemsTable, MeetingsTable } from './tables.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.js';
import { checkUpload } from '../platform/files/file-check.js';
import { findFile, insertFile } from '../platform/files/files.service.js';
import { notify } from '../platform/notifications/notifications.service.js';
import { listPartners } from '../platform/partners/partners.service.js';
import { addPlanAction, ensureConclusionsPlan } from '../commitments/plan-editing.service.js';
import { planDetail, planSummaries } from '../commitments/plans.service.js';
import type { Catalog } from '../statistics/catalog.js';
import type { Viewer } from '../platform/viewer.js';
import {
  ACCESS,
  canReadDocument,
  canReply,
  canSeeMeeting,
  FORMATS,
  isOrganiser,
  isParticipant,
  KINDS,
  REPLIES,
  STATUSES,
  VISIBILITIES,
} from './meetings.js';
import type {
  DelegationInput,
  DelegationView,
  DocumentView,
  FollowUpInput,
  ItemInput,
  ItemPatch,
  ItemView,
  MeetingCore,
  MeetingInput,
  MeetingPatch,
  MeetingSummary,
  MeetingView,
  MemberInput,
  OutcomeInput,
  Participant,
  ReplyInput,
  SessionInput,
  Topics,
} from './meetings.schema.js';
import {
  findDocument,
  findMeeting,
  insertDelegation,
  insertDocument,
  insertDocumentVersion,
  insertItem,
  insertMeeting,
  insertMember,
  insertSession,
  listDecisions,
  listDelegations,
  listDocuments,
  listDocumentVersions,
  listItems,
  listMeetings,
  listMembers,
  listSessions,
  replaceDecisions,
  touchMeeting,
  updateDelegation,
  setFollowUpPlan,
  updateItem,
  updateMeeting,
} from './meetings.repository.js';

function core(m: MeetingsTable): MeetingCore {
  return {
    id: m.id,
    title: m.title,
    kind: m.kind,
    format: m.format,
    host: m.host,
    start: m.starts_at,
    end: m.ends_at,
    timeZone: m.time_zone,
    location: m.location,
    videoUrl: m.video_url,
    status: m.status,
    visibility: m.visibility,
    description: m.description,
  };
}

function itemView(i: AgendaItemsTable): ItemView {
  return {
    id: i.id,
    position: i.position,
    title: i.title,
    description: i.description,
    topics: JSON.parse(i.topics_json) as Topics,
    lead: i.lead,
    presenters: JSON.parse(i.presenters_json) as string[],
    durationMinutes: i.duration_minutes,
  };
}

async function delegationsOf(db: Db, meetingIds: string[], names: ReadonlyMap<string, string>): Promise<Map<string, DelegationView[]>> {
  const delegations = await listDelegations(db, meetingIds);
  const members = await listMembers(
    db,
    delegations.map((d) => d.id),
  );
  const out = new Map<string, DelegationView[]>();
  for (const d of delegations) {
    const list = out.get(d.meeting_id) ?? [];
    list.push({
      id: d.id,
      partner: d.partner_code,
      institution: d.institution,
      name: d.partner_code ? (names.get(d.partner_code) ?? d.partner_code) : (d.institution ?? ''),
      headName: d.head_name,
      headFunction: d.head_function,
      invitation: d.invitation,
      representedBy: d.represented_by,
      repliedAt: d.replied_at,
      repliedBy: d.replied_by,
      members: members
        .filter((m) => m.delegation_id === d.id)
        .map((m) => ({ id: m.id, name: m.name, function: m.function, email: m.email })),
    });
    out.set(d.meeting_id, list);
  }
  return out;
}

async function partnerNames(db: Db): Promise<Map<string, string>> {
  return new Map((await listPartners(db)).map((p) => [p.code, p.name]));
}

export async function listVisibleMeetings(db: Db, viewer: Viewer): Promise<MeetingSummary[]> {
  const meetings = await listMeetings(db);
  const ids = meetings.map((m) => m.id);
  const [sessions, items, delegations] = await Promise.all([
    listSessions(db, ids),
    listItems(db, ids),
    delegationsOf(db, ids, await partnerNames(db)),
  ]);
  return meetings
    .filter((m) => canSeeMeeting(viewer, m.visibility, delegations.get(m.id) ?? []))
    .map((m) => ({
      id: m.id,
      title: m.title,
      kind: m.kind,
      format: m.format,
      status: m.status,
      visibility: m.visibility,
      host: m.host,
      start: m.starts_at,
      end: m.ends_at,
      timeZone: m.time_zone,
      sessions: sessions.filter((s) => s.meeting_id === m.id).length,
      agenda_items: items.filter((i) => i.meeting_id === m.id).length,
    }));
}

/** The whole meeting as far as the viewer may see it (documents they may not read are listed by nobody but organisers). */
export async function getMeeting(db: Db, viewer: Viewer, id: string): Promise<MeetingView> {
  const m = await findMeeting(db, id);
  const names = await partnerNames(db);
  const delegations = m ? ((await delegationsOf(db, [id], names)).get(id) ?? []) : [];
  if (!m || !canSeeMeeting(viewer, m.visibility, delegations)) throw new NotFoundError('Meeting', id);
  const [sessions, items, documents, decisions] = await Promise.all([
    listSessions(db, [id]),
    listItems(db, [id]),
    listDocuments(db, id),
    listDecisions(db, id),
  ]);
  const versions = await listDocumentVersions(
    db,
    documents.map((d) => d.id),
  );
  const participant = isParticipant(viewer, delegations);
  let followUps: MeetingView['followUps'] = [];
  if (m.follow_up_plan) {
    const plan = await planDetail(db, m.follow_up_plan);
    followUps = plan.objectives.flatMap((o) =>
      o.actions.map((a) => ({ action: a.code, title: a.title, partners: a.partners, deadline: a.deadline })),
    );
  }
  return {
    ...core(m),
    version: m.version,
    conclusions: m.conclusions,
    followUpPlan: m.follow_up_plan,
    sessions: sessions.map((s) => ({
      id: s.id,
      title: s.title,
      start: s.starts_at,
      end: s.ends_at,
      items: items.filter((i) => i.session_id === s.id).map(itemView),
    })),
    delegations: delegations.map((d) => (participant ? d : { ...d, members: d.members.map((x) => ({ ...x, email: null })) })),
    documents: documents
      .filter((d) => canReadDocument(viewer, d.access, delegations))
      .map((d) => ({
        id: d.id,
        itemId: d.item_id,
        title: d.title,
        access: d.access,
        versions: versions
          .filter((v) => v.document_id === d.id)
          .map((v) => ({
            version: v.version,
            name: v.name,
            mediaType: v.media_type,
            size: v.size_bytes,
            uploadedAt: v.uploaded_at,
            uploadedBy: v.uploaded_by,
          })),
      })),
    decisions: decisions.map((d) => ({ id: d.id, itemId: d.item_id, text: d.text })),
    followUps,
    can: { edit: isOrganiser(viewer), participate: participant, reply: delegations.filter((d) => canReply(viewer, d)).map((d) => d.id) },
  };
}

function requireOrganiser(viewer: Viewer): void {
  if (!isOrganiser(viewer)) throw new ForbiddenError('Only the Commission (and admins) organise meetings.');
}

function text(field: string, value: string | undefined | null, max: number, required = false): string | null {
  const v = value?.trim() ?? '';
  if (required && v === '') throw new ValidationError(`${field}: required.`, { field });
  if (v.length > max) throw new ValidationError(`${field}: ${v.length} characters; the limit is ${max}.`, { field });
  return v === '' ? null : v;
}

function instant(field: string, value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new ValidationError(`${field}: "${value}" is not a date and time with its offset (e.g. 2020-10-22T09:30:00+02:00).`, { field });
  }
  return new Date(value).toISOString();
}

function timeZone(value: string): string {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: value });
    return value;
  } catch {
    throw new ValidationError(`timeZone: "${value}" is not a time zone (e.g. Europe/Brussels).`, { field: 'timeZone' });
  }
}

/** A link to an existing video-conference service: https only. */
function videoUrl(value: string | null | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw new ValidationError(`videoUrl: "${v.slice(0, 100)}" is not a web address.`, { field: 'videoUrl' });
  }
  if (url.protocol !== 'https:')
    throw new ValidationError('videoUrl: the video-conference link must start with https://.', { field: 'videoUrl' });
  return url.href;
}

function oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new ValidationError(`${field}: "${value}" is not one of ${allowed.join(', ')}.`, { field });
  return value as T;
}

function meetingFields(input: MeetingPatch, before?: MeetingsTable): Partial<MeetingsTable> {
  const out: Partial<MeetingsTable> = {};
  if (input.title !== undefined) out.title = text('title', input.title, 300, true)!;
  if (input.kind !== undefined) out.kind = oneOf('kind', input.kind, KINDS);
  if (input.format !== undefined) out.format = oneOf('format', input.format, FORMATS);
  if (input.host !== undefined) out.host = text('host', input.host, 300);
  if (input.start !== undefined) out.starts_at = instant('start', input.start);
  if (input.end !== undefined) out.ends_at = instant('end', input.end);
  if (input.timeZone !== undefined) out.time_zone = timeZone(input.timeZone);
  if (input.location !== undefined) out.location = text('location', input.location, 300);
  if (input.videoUrl !== undefined) out.video_url = videoUrl(input.videoUrl);
  if (input.status !== undefined) out.status = oneOf('status', input.status, STATUSES);
  if (input.visibility !== undefined) out.visibility = oneOf('visibility', input.visibility, VISIBILITIES);
  if (input.description !== undefined) out.description = text('description', input.description, 5000);
  const start = out.starts_at ?? before?.starts_at;
  const end = out.ends_at ?? before?.ends_at;
  if (start && end && end <= start) throw new ValidationError('end: the meeting ends before it starts.', { field: 'end' });
  return out;
}

export async function createMeeting(db: Db, viewer: Viewer, actor: Actor, input: MeetingInput): Promise<MeetingView> {
  requireOrganiser(viewer);
  const fields = meetingFields(input);
  const now = new Date().toISOString();
  const row: MeetingsTable = {
    id: randomUUID(),
    title: fields.title!,
    kind: fields.kind!,
    format: fields.format!,
    host: fields.host ?? null,
    starts_at: fields.starts_at!,
    ends_at: fields.ends_at!,
    time_zone: fields.time_zone!,
    location: fields.location ?? null,
    video_url: fields.video_url ?? null,
    status: fields.status ?? 'planned',
    visibility: fields.visibility!,
    description: fields.description ?? null,
    conclusions: null,
    follow_up_plan: null,
    version: 1,
    created_at: now,
    created_by: actor.label,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await insertMeeting(trx, row);
    await appendAuditEntry(trx, actor, { action: 'meeting.create', entityType: 'meeting', entityId: row.id, after: row });
  });
  return getMeeting(db, viewer, row.id);
}

async function meetingOrThrow(db: Db, id: string): Promise<MeetingsTable> {
  const m = await findMeeting(db, id);
  if (!m) throw new NotFoundError('Meeting', id);
  return m;
}

function stale(): ConflictError {
  return new ConflictError('The meeting was changed by someone else since you opened it; reload it and apply your change again.');
}

export async function updateMeetingDetails(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  id: string,
  version: number,
  input: MeetingPatch,
): Promise<MeetingView> {
  requireOrganiser(viewer);
  const before = await meetingOrThrow(db, id);
  const patch = meetingFields(input, before);
  // Invited partners hear of a cancellation and of a new date or time.
  const cancelled = patch.status === 'cancelled' && before.status !== 'cancelled';
  const moved =
    (patch.starts_at !== undefined && patch.starts_at !== before.starts_at) ||
    (patch.ends_at !== undefined && patch.ends_at !== before.ends_at);
  const invited = (await listDelegations(db, [id])).map((d) => d.partner_code).filter((p): p is string => p !== null);
  await db.transaction().execute(async (trx) => {
    if (!(await updateMeeting(trx, id, version, patch))) throw stale();
    if ((cancelled || moved) && invited.length > 0) {
      const title = patch.title ?? before.title;
      await notify(
        trx,
        { roles: ['coordinator'], partners: invited },
        cancelled
          ? {
              kind: 'meetings.cancelled',
              title: `Cancelled: ${title}`,
              body: `"${title}" of ${before.starts_at.slice(0, 10)} has been cancelled.`,
              link: `/meetings/${id}`,
              dedupeKey: `meeting:${id}:cancelled`,
            }
          : {
              kind: 'meetings.moved',
              title: `New time: ${title}`,
              body: `"${title}" now starts ${patch.starts_at ?? before.starts_at} and ends ${patch.ends_at ?? before.ends_at} (UTC).`,
              link: `/meetings/${id}`,
              dedupeKey: `meeting:${id}:moved:${version + 1}`,
            },
      );
    }
    await appendAuditEntry(trx, actor, {
      action: 'meeting.update',
      entityType: 'meeting',
      entityId: id,
      before: Object.fromEntries(Object.keys(patch).map((k) => [k, before[k as keyof MeetingsTable]])),
      after: patch,
    });
  });
  return getMeeting(db, viewer, id);
}

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

async function checkTopics(db: Db, catalog: Catalog, topics: Partial<Topics> | undefined): Promise<Topics> {
  const out: Topics = {
    domains: [...new Set(topics?.domains ?? [])],
    indicators: [...new Set(topics?.indicators ?? [])],
    plans: [...new Set(topics?.plans ?? [])],
  };
  const domains = new Set([...catalog.indicators.values()].map((i) => i.domain).concat(['commitments', 'meetings']));
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

/** Invites a delegation (a partner, or an institution such as the Presidency or an agency); its coordinators are told. */
export async function inviteDelegation(db: Db, viewer: Viewer, actor: Actor, id: string, input: DelegationInput): Promise<MeetingView> {
  requireOrganiser(viewer);
  const meeting = await meetingOrThrow(db, id);
  const partner = input.partner?.trim().toUpperCase() || null;
  const institution = text('institution', input.institution, 200);
  if ((partner === null) === (institution === null))
    throw new ValidationError('Name either a partner or an institution for the delegation.', { field: 'partner' });
  const existing = await listDelegations(db, [id]);
  if (partner) {
    if (!(await partnerNames(db)).has(partner))
      throw new ValidationError(`partner: "${partner}" is not a partner code.`, { field: 'partner' });
    if (existing.some((d) => d.partner_code === partner)) throw new ConflictError(`${partner} already has a delegation at this meeting.`);
  }
  const row = {
    id: randomUUID(),
    meeting_id: id,
    partner_code: partner,
    institution,
    head_name: text('headName', input.headName, 200),
    head_function: text('headFunction', input.headFunction, 200),
    invitation: 'invited' as const,
    represented_by: null,
    replied_at: null,
    replied_by: null,
    position: existing.length,
  };
  await db.transaction().execute(async (trx) => {
    await insertDelegation(trx, row);
    await touchMeeting(trx, id);
    if (partner) {
      await notify(
        trx,
        { roles: ['coordinator'], partners: [partner] },
        {
          kind: 'meetings.invitation',
          title: `Invitation: ${meeting.title}`,
          body: `${partner} is invited to "${meeting.title}" on ${meeting.starts_at.slice(0, 10)}. Please reply with the delegation's attendance.`,
          link: `/meetings/${id}`,
          dedupeKey: `meeting:${id}:invited:${partner}`,
        },
      );
    }
    await appendAuditEntry(trx, actor, { action: 'meeting.delegation.invite', entityType: 'meeting', entityId: id, after: row });
  });
  return getMeeting(db, viewer, id);
}

export async function replyToInvitation(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  id: string,
  delegationId: string,
  input: ReplyInput,
): Promise<MeetingView> {
  await getMeeting(db, viewer, id); // a meeting the viewer may not see does not exist for them
  const delegation = (await listDelegations(db, [id])).find((d) => d.id === delegationId);
  if (!delegation) throw new NotFoundError('Delegation', delegationId);
  if (!canReply(viewer, { partner: delegation.partner_code }))
    throw new ForbiddenError(`Only the coordinators of ${delegation.partner_code ?? delegation.institution} reply for this delegation.`);
  const reply = oneOf('reply', input.reply, REPLIES);
  const representedBy = reply === 'represented' ? text('representedBy', input.representedBy, 200, true) : null;
  const patch = { invitation: reply, represented_by: representedBy, replied_at: new Date().toISOString(), replied_by: actor.label };
  await db.transaction().execute(async (trx) => {
    await updateDelegation(trx, delegationId, patch);
    await touchMeeting(trx, id);
    await appendAuditEntry(trx, actor, {
      action: 'meeting.delegation.reply',
      entityType: 'meeting',
      entityId: id,
      before: { delegation: delegationId, invitation: delegation.invitation },
      after: { delegation: delegationId, ...patch },
    });
  });
  return getMeeting(db, viewer, id);
}

export async function addMember(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  id: string,
  delegationId: string,
  input: MemberInput,
): Promise<MeetingView> {
  await getMeeting(db, viewer, id); // a meeting the viewer may not see does not exist for them
  const delegation = (await listDelegations(db, [id])).find((d) => d.id === delegationId);
  if (!delegation) throw new NotFoundError('Delegation', delegationId);
  if (!canReply(viewer, { partner: delegation.partner_code }))
    throw new ForbiddenError("Only the organisers and the delegation's coordinators list its members.");
  const email = text('email', input.email, 200);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new ValidationError(`email: "${email}" is not an e-mail address.`, { field: 'email' });
  const row = {
    id: randomUUID(),
    delegation_id: delegationId,
    name: text('name', input.name, 200, true)!,
    function: text('function', input.function, 200),
    email: email?.toLowerCase() ?? null,
  };
  await db.transaction().execute(async (trx) => {
    await insertMember(trx, row);
    await touchMeeting(trx, id);
    await appendAuditEntry(trx, actor, { action: 'meeting.delegation.member', entityType: 'meeting', entityId: id, after: row });
  });
  return getMeeting(db, viewer, id);
}

/** Everyone taking part: the members of delegations that accepted or are represented, heads first. */
export function participantsOf(meeting: MeetingView): Participant[] {
  const out: Participant[] = [];
  for (const d of meeting.delegations) {
    if (d.invitation === 'represented' && d.representedBy)
      out.push({ delegation: d.name, name: d.representedBy, function: null, role: 'representative' });
    if (d.invitation !== 'accepted') continue;
    if (d.headName) out.push({ delegation: d.name, name: d.headName, function: d.headFunction, role: 'head' });
    for (const m of d.members) out.push({ delegation: d.name, name: m.name, function: m.function, role: 'member' });
  }
  return out;
}

/** Uploads a document (a new one, or a new version of one) after checking type and size; nothing is stored when a check fails. */
export async function uploadDocument(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  id: string,
  input: { documentId?: string; title?: string; access?: string; itemId?: string | null; name: string | undefined; content: Buffer },
): Promise<DocumentView> {
  requireOrganiser(viewer);
  await meetingOrThrow(db, id);
  let doc = input.documentId ? await findDocument(db, input.documentId) : undefined;
  if (input.documentId && (!doc || doc.meeting_id !== id)) throw new NotFoundError('Document', input.documentId);
  const access = doc ? doc.access : oneOf('access', input.access ?? '', ACCESS);
  const itemId = doc ? doc.item_id : input.itemId || null;
  if (itemId && !(await listItems(db, [id])).some((i) => i.id === itemId))
    throw new ValidationError(`item: "${itemId}" is not an agenda item of this meeting.`, { field: 'item' });
  const file = await checkUpload(input.name, input.content);
  const documentId = doc?.id ?? randomUUID();
  const version = doc ? (await listDocumentVersions(db, [doc.id])).length + 1 : 1;
  await db.transaction().execute(async (trx) => {
    if (!doc) {
      doc = {
        id: documentId,
        meeting_id: id,
        item_id: itemId,
        title: text('title', input.title ?? file.name, 300, true)!,
        access,
        created_at: new Date().toISOString(),
      };
      await insertDocument(trx, doc);
    }
    const stored = await insertFile(trx, file, actor.label);
    await insertDocumentVersion(trx, {
      document_id: documentId,
      version,
      file_id: stored.id,
      uploaded_at: stored.created_at,
      uploaded_by: actor.label,
    });
    await touchMeeting(trx, id);
    await appendAuditEntry(trx, actor, {
      action: 'meeting.document.upload',
      entityType: 'meeting',
      entityId: id,
      after: { document: documentId, version, access, file: file.name, size: input.content.length, sha256: stored.sha256 },
    });
  });
  return (await getMeeting(db, viewer, id)).documents.find((d) => d.id === documentId)!;
}

/** A document's file (the latest version unless one is named), if the viewer may read it. */
export async function documentFile(
  db: Db,
  viewer: Viewer,
  id: string,
  documentId: string,
  version?: number,
): Promise<{ name: string; mediaType: string; content: Buffer }> {
  const meeting = await getMeeting(db, viewer, id).catch(() => null);
  const doc = await findDocument(db, documentId);
  if (!meeting || !doc || doc.meeting_id !== id) throw new NotFoundError('Document', documentId);
  const delegations = meeting.delegations;
  if (!canReadDocument(viewer, doc.access, delegations)) {
    throw new ForbiddenError(
      doc.access === 'participants' ? "This document is for the meeting's participants only." : 'This document is for the Commission only.',
    );
  }
  const versions = await listDocumentVersions(db, [documentId]);
  const chosen = version ? versions.find((v) => v.version === version) : versions.at(-1);
  if (!chosen) throw new NotFoundError('Document version', `${documentId} v${version}`);
  const file = await findFile(db, chosen.file_id);
  return { name: file!.name, mediaType: file!.media_type, content: Buffer.from(file!.content) };
}

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
