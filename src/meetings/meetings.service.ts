// The meeting itself: created and changed by the Commission (or the Presidency through it), seen
// by everyone when public and by participants otherwise. Reads the whole meeting (sessions, items,
// delegations, documents, outcome, follow-ups) as far as the viewer may see it; the other services
// of the capability answer with it after their change. Invited partners are told of a cancellation
// and of a new time. Every change is audited.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../platform/audit/actor.js';
import { appendAuditEntry } from '../platform/audit/audit.service.js';
import type { Db } from '../platform/db/database.js';
import { NotFoundError } from '../platform/errors.js';
import { notify, type NotificationMessage } from '../platform/notifications/notifications.service.js';
import { listPartners } from '../platform/partners/partners.service.js';
import type { Viewer } from '../platform/viewer.js';
import { planDetail } from '../commitments/plans.service.js';
import { meetingFields, requireOrganiser, stale } from './meeting-input.js';
import { canReadDocument, canReply, canSeeMeeting, isOrganiser, isParticipant } from './meetings.js';
import type {
  DelegationView,
  ItemView,
  MeetingCore,
  MeetingInput,
  MeetingPatch,
  MeetingSummary,
  MeetingView,
  Topics,
} from './meetings.schema.js';
import {
  findMeeting,
  insertMeeting,
  listDecisions,
  listDelegations,
  listDocuments,
  listDocumentVersions,
  listItems,
  listMeetings,
  listMembers,
  listSessions,
  updateMeeting,
} from './meetings.repository.js';
import type { AgendaItemsTable, MeetingsTable } from './tables.js';

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

/** The documents of the meeting the viewer may read, each with its versions (oldest first). */
async function readableDocuments(db: Db, viewer: Viewer, id: string, delegations: DelegationView[]): Promise<MeetingView['documents']> {
  const documents = await listDocuments(db, id);
  const versions = await listDocumentVersions(
    db,
    documents.map((d) => d.id),
  );
  return documents
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
    }));
}

/** The actions of the meeting's conclusions plan (none before the first follow-up). */
async function followUpsOf(db: Db, plan: string | null): Promise<MeetingView['followUps']> {
  if (!plan) return [];
  const detail = await planDetail(db, plan);
  return detail.objectives.flatMap((o) =>
    o.actions.map((a) => ({ action: a.code, title: a.title, partners: a.partners, deadline: a.deadline })),
  );
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
    readableDocuments(db, viewer, id, delegations),
    listDecisions(db, id),
  ]);
  const participant = isParticipant(viewer, delegations);
  // Staff addresses and token labels are for the organisers: others see organisations.
  const organiser = isOrganiser(viewer);
  const host = m.host ?? 'The organisers';
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
    delegations: delegations.map((d) => ({
      ...d,
      repliedBy: organiser || d.repliedBy === null ? d.repliedBy : d.name,
      members: participant ? d.members : d.members.map((x) => ({ ...x, email: null })),
    })),
    documents: organiser ? documents : documents.map((d) => ({ ...d, versions: d.versions.map((v) => ({ ...v, uploadedBy: host })) })),
    decisions: decisions.map((d) => ({ id: d.id, itemId: d.item_id, text: d.text })),
    followUps: await followUpsOf(db, m.follow_up_plan),
    can: { edit: isOrganiser(viewer), participate: participant, reply: delegations.filter((d) => canReply(viewer, d)).map((d) => d.id) },
  };
}

/** The meeting's row whoever asks (for the organising services, after their access check). */
export async function meetingOrThrow(db: Db, id: string): Promise<MeetingsTable> {
  const m = await findMeeting(db, id);
  if (!m) throw new NotFoundError('Meeting', id);
  return m;
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

/** What invited partners are told of a change (in each one's language): a cancellation, a new date or time, or nothing. */
function changeNotice(id: string, version: number, before: MeetingsTable, patch: Partial<MeetingsTable>): NotificationMessage | null {
  const title = patch.title ?? before.title;
  if (patch.status === 'cancelled' && before.status !== 'cancelled') {
    return {
      kind: 'meetings.cancelled',
      texts: { title: 'meetings.cancelled.title', body: 'meetings.cancelled.body', params: { title, date: before.starts_at.slice(0, 10) } },
      link: `/meetings/${id}`,
      dedupeKey: `meeting:${id}:cancelled`,
    };
  }
  const moved =
    (patch.starts_at !== undefined && patch.starts_at !== before.starts_at) ||
    (patch.ends_at !== undefined && patch.ends_at !== before.ends_at);
  if (!moved) return null;
  return {
    kind: 'meetings.moved',
    texts: {
      title: 'meetings.moved.title',
      body: 'meetings.moved.body',
      params: { title, start: patch.starts_at ?? before.starts_at, end: patch.ends_at ?? before.ends_at },
    },
    link: `/meetings/${id}`,
    dedupeKey: `meeting:${id}:moved:${version + 1}`,
  };
}

/** Changes the meeting's details, given the version that was read (409 when stale); invited partners hear of a cancellation or a new time. */
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
  const notice = changeNotice(id, version, before, patch);
  const invited = (await listDelegations(db, [id])).map((d) => d.partner_code).filter((p): p is string => p !== null);
  await db.transaction().execute(async (trx) => {
    if (!(await updateMeeting(trx, id, version, patch))) throw stale();
    if (notice && invited.length > 0) await notify(trx, { roles: ['coordinator'], partners: invited }, notice);
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
