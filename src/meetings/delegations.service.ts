// Delegations of a meeting: invited by the organisers (a partner, or an institution such as the
// Presidency or an agency), replying (the partner's coordinators or the organisers), their members,
// and the participants list that follows from the replies. Every change is audited.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../platform/audit/actor.js';
import { appendAuditEntry } from '../platform/audit/audit.service.js';
import type { Db } from '../platform/db/database.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.js';
import { notify } from '../platform/notifications/notifications.service.js';
import { listPartners } from '../platform/partners/partners.service.js';
import type { Viewer } from '../platform/viewer.js';
import { oneOf, requireOrganiser, text } from './meeting-input.js';
import { canReply, REPLIES } from './meetings.js';
import type { DelegationInput, MeetingView, MemberInput, Participant, ReplyInput } from './meetings.schema.js';
import { getMeeting, meetingOrThrow } from './meetings.service.js';
import { insertDelegation, insertMember, listDelegations, touchMeeting, updateDelegation } from './meetings.repository.js';
import type { DelegationsTable } from './tables.js';

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
    if (!(await listPartners(db)).some((p) => p.code === partner))
      throw new ValidationError(`partner: "${partner}" is not a partner code.`, { field: 'partner' });
    if (existing.some((d) => d.partner_code === partner)) throw new ConflictError(`${partner} already has a delegation at this meeting.`);
  }
  const row: DelegationsTable = {
    id: randomUUID(),
    meeting_id: id,
    partner_code: partner,
    institution,
    head_name: text('headName', input.headName, 200),
    head_function: text('headFunction', input.headFunction, 200),
    invitation: 'invited',
    represented_by: null,
    replied_at: null,
    replied_by: null,
    position: existing.length,
  };
  await db.transaction().execute(async (trx) => {
    await insertDelegation(trx, row);
    await touchMeeting(trx, id);
    // A meeting that is over (held, cancelled, or its start passed) is recorded, not announced.
    const ahead = (meeting.status === 'planned' || meeting.status === 'confirmed') && meeting.starts_at > new Date().toISOString();
    if (partner && ahead) {
      await notify(
        trx,
        { roles: ['coordinator'], partners: [partner] },
        {
          kind: 'meetings.invitation',
          texts: {
            title: 'meetings.invitation.title',
            body: 'meetings.invitation.body',
            params: { title: meeting.title, partner, date: meeting.starts_at.slice(0, 10) },
          },
          link: `/meetings/${id}`,
          dedupeKey: `meeting:${id}:invited:${partner}`,
        },
      );
    }
    await appendAuditEntry(trx, actor, { action: 'meeting.delegation.invite', entityType: 'meeting', entityId: id, after: row });
  });
  return getMeeting(db, viewer, id);
}

/** The delegation of a meeting the viewer may see (one they may not see does not exist for them); refused unless they reply for it. */
async function delegationToAnswerFor(db: Db, viewer: Viewer, id: string, delegationId: string, refusal: string | null) {
  await getMeeting(db, viewer, id);
  const delegation = (await listDelegations(db, [id])).find((d) => d.id === delegationId);
  if (!delegation) throw new NotFoundError('Delegation', delegationId);
  if (!canReply(viewer, { partner: delegation.partner_code }))
    throw new ForbiddenError(
      refusal ?? `Only the coordinators of ${delegation.partner_code ?? delegation.institution} reply for this delegation.`,
    );
  return delegation;
}

export async function replyToInvitation(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  id: string,
  delegationId: string,
  input: ReplyInput,
  options: { repliedAt?: string } = {},
): Promise<MeetingView> {
  const delegation = await delegationToAnswerFor(db, viewer, id, delegationId, null);
  const meeting = await meetingOrThrow(db, id);
  if (meeting.status === 'held' || meeting.status === 'cancelled')
    throw new ConflictError(`The meeting is ${meeting.status}: its invitations can no longer be answered.`, { status: meeting.status });
  const reply = oneOf('reply', input.reply, REPLIES);
  const representedBy = reply === 'represented' ? text('representedBy', input.representedBy, 200, true) : null;
  // Dated when made; a reply recorded afterwards (the demo's 2020 meeting) carries the date it was given.
  const repliedAt = options.repliedAt ?? new Date().toISOString();
  const patch = { invitation: reply, represented_by: representedBy, replied_at: repliedAt, replied_by: actor.label };
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
  await delegationToAnswerFor(db, viewer, id, delegationId, "Only the organisers and the delegation's coordinators list its members.");
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
