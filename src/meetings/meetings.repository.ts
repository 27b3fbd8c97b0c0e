// The only place that writes SQL for meetings, meeting_sessions, agenda_items, delegations,
// delegation_members, meeting_documents, document_versions and meeting_decisions.
import type { DbOrTrx } from '../platform/db/database.js';
import type {
  AgendaItemsTable,
  DelegationMembersTable,
  DelegationsTable,
  DocumentVersionsTable,
  MeetingDecisionsTable,
  MeetingDocumentsTable,
  MeetingSessionsTable,
  MeetingsTable,
} from './tables.js';

export async function insertMeeting(db: DbOrTrx, row: MeetingsTable): Promise<void> {
  await db.insertInto('meetings').values(row).execute();
}

export function findMeeting(db: DbOrTrx, id: string): Promise<MeetingsTable | undefined> {
  return db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listMeetings(db: DbOrTrx): Promise<MeetingsTable[]> {
  return db.selectFrom('meetings').selectAll().orderBy('starts_at', 'desc').execute();
}

/** Applies the patch only if the meeting still has `version`, and moves it to the next version. */
export async function updateMeeting(db: DbOrTrx, id: string, version: number, patch: Partial<MeetingsTable>): Promise<boolean> {
  const r = await db
    .updateTable('meetings')
    .set({ ...patch, version: version + 1, updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Moves the meeting to its next version whatever it was (additions that overwrite nothing). */
export async function touchMeeting(db: DbOrTrx, id: string): Promise<void> {
  await db
    .updateTable('meetings')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date().toISOString() }))
    .where('id', '=', id)
    .execute();
}

export async function insertSession(db: DbOrTrx, row: MeetingSessionsTable): Promise<void> {
  await db.insertInto('meeting_sessions').values(row).execute();
}

export function listSessions(db: DbOrTrx, meetingIds: string[]): Promise<MeetingSessionsTable[]> {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('meeting_sessions').selectAll().where('meeting_id', 'in', meetingIds).orderBy('position').execute();
}

export async function updateSession(db: DbOrTrx, id: string, patch: Partial<MeetingSessionsTable>): Promise<void> {
  await db.updateTable('meeting_sessions').set(patch).where('id', '=', id).execute();
}

export async function insertItem(db: DbOrTrx, row: AgendaItemsTable): Promise<void> {
  await db.insertInto('agenda_items').values(row).execute();
}

export function listItems(db: DbOrTrx, meetingIds: string[]): Promise<AgendaItemsTable[]> {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('agenda_items').selectAll().where('meeting_id', 'in', meetingIds).orderBy('position').execute();
}

export async function updateItem(db: DbOrTrx, id: string, patch: Partial<AgendaItemsTable>): Promise<void> {
  await db.updateTable('agenda_items').set(patch).where('id', '=', id).execute();
}

export async function deleteItem(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('agenda_items').where('id', '=', id).execute();
}

export async function insertDelegation(db: DbOrTrx, row: DelegationsTable): Promise<void> {
  await db.insertInto('delegations').values(row).execute();
}

export function listDelegations(db: DbOrTrx, meetingIds: string[]): Promise<DelegationsTable[]> {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('delegations').selectAll().where('meeting_id', 'in', meetingIds).orderBy('position').execute();
}

export async function updateDelegation(db: DbOrTrx, id: string, patch: Partial<DelegationsTable>): Promise<void> {
  await db.updateTable('delegations').set(patch).where('id', '=', id).execute();
}

export async function insertMember(db: DbOrTrx, row: DelegationMembersTable): Promise<void> {
  await db.insertInto('delegation_members').values(row).execute();
}

export function listMembers(db: DbOrTrx, delegationIds: string[]): Promise<DelegationMembersTable[]> {
  if (delegationIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('delegation_members').selectAll().where('delegation_id', 'in', delegationIds).orderBy('name').execute();
}

export async function insertDocument(db: DbOrTrx, row: MeetingDocumentsTable): Promise<void> {
  await db.insertInto('meeting_documents').values(row).execute();
}

export function listDocuments(db: DbOrTrx, meetingId: string): Promise<MeetingDocumentsTable[]> {
  return db.selectFrom('meeting_documents').selectAll().where('meeting_id', '=', meetingId).orderBy('created_at').execute();
}

export function findDocument(db: DbOrTrx, id: string): Promise<MeetingDocumentsTable | undefined> {
  return db.selectFrom('meeting_documents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDocumentVersion(db: DbOrTrx, row: DocumentVersionsTable): Promise<void> {
  await db.insertInto('document_versions').values(row).execute();
}

export function listDocumentVersions(
  db: DbOrTrx,
  documentIds: string[],
): Promise<(DocumentVersionsTable & { name: string; media_type: string; size_bytes: number })[]> {
  if (documentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('document_versions as v')
    .innerJoin('stored_files as f', 'f.id', 'v.file_id')
    .selectAll('v')
    .select(['f.name', 'f.media_type', 'f.size_bytes'])
    .where('v.document_id', 'in', documentIds)
    .orderBy('v.version')
    .execute();
}

export async function replaceDecisions(db: DbOrTrx, meetingId: string, rows: MeetingDecisionsTable[]): Promise<void> {
  await db.deleteFrom('meeting_decisions').where('meeting_id', '=', meetingId).execute();
  if (rows.length) await db.insertInto('meeting_decisions').values(rows).execute();
}

export function listDecisions(db: DbOrTrx, meetingId: string): Promise<MeetingDecisionsTable[]> {
  return db.selectFrom('meeting_decisions').selectAll().where('meeting_id', '=', meetingId).orderBy('position').execute();
}

export async function setFollowUpPlan(db: DbOrTrx, id: string, plan: string): Promise<void> {
  await db.updateTable('meetings').set({ follow_up_plan: plan }).where('id', '=', id).execute();
}
