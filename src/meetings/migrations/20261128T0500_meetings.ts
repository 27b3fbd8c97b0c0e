// Meetings: the meeting, its sessions and agenda items, delegations with their members and
// invitation replies, documents with versions (files in stored_files), and decisions. Follow-up
// actions are commitments of a plan of kind meeting_conclusions, linked from the meeting.
// Frozen in time: imports only kysely.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('host', 'text')
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('video_url', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('conclusions', 'text')
    .addColumn('follow_up_plan', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('meeting_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('agenda_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('meeting_sessions.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('topics_json', 'text', (c) => c.notNull())
    .addColumn('lead', 'text')
    .addColumn('presenters_json', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer')
    .execute();
  await db.schema.createIndex('agenda_items_session').on('agenda_items').columns(['session_id', 'position']).execute();
  await db.schema
    .createTable('delegations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('partner_code', 'text')
    .addColumn('institution', 'text')
    .addColumn('head_name', 'text')
    .addColumn('head_function', 'text')
    .addColumn('invitation', 'text', (c) => c.notNull())
    .addColumn('represented_by', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('replied_by', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('delegations_meeting').on('delegations').column('meeting_id').execute();
  await db.schema
    .createTable('delegation_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('delegation_id', 'text', (c) => c.notNull().references('delegations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('function', 'text')
    .addColumn('email', 'text')
    .execute();
  await db.schema
    .createTable('meeting_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('item_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('access', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('document_versions')
    .addColumn('document_id', 'text', (c) => c.notNull().references('meeting_documents.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('file_id', 'text', (c) => c.notNull().references('stored_files.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_versions_pk', ['document_id', 'version'])
    .execute();
  await db.schema
    .createTable('meeting_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('item_id', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'meeting_decisions',
    'document_versions',
    'meeting_documents',
    'delegation_members',
    'delegations',
    'agenda_items',
    'meeting_sessions',
    'meetings',
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
