// Progress reporting on commitments: rounds opened by the Commission, one report per partner and
// round, one entry per commitment (partner's status and narrative, reviewer's assessment),
// evidence as uploaded files or links, and the stored files themselves. Actions gain an origin
// so that recommendations added in the web UI are told apart from the shipped plan files.
// Frozen in time: imports only kysely.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('plan_actions')
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('catalog'))
    .execute();
  await db.schema
    .createTable('stored_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    // bytea on PostgreSQL; SQLite keeps a blob as it is whatever the declared type.
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('progress_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_code', 'text', (c) => c.notNull().references('plans.code'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .execute();
  await db.schema.createIndex('progress_rounds_plan').on('progress_rounds').columns(['plan_code', 'opened_at']).execute();
  await db.schema
    .createTable('progress_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('progress_rounds.id'))
    .addColumn('partner_code', 'text', (c) => c.notNull().references('partners.code'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('return_comment', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('progress_reports_key', ['round_id', 'partner_code'])
    .execute();
  await db.schema
    .createTable('progress_entries')
    .addColumn('report_id', 'text', (c) => c.notNull().references('progress_reports.id'))
    .addColumn('commitment_id', 'text', (c) => c.notNull().references('commitments.id'))
    .addColumn('status', 'text')
    .addColumn('narrative', 'text')
    .addColumn('assessment', 'text')
    .addColumn('assessment_comment', 'text')
    .addColumn('assessed_by', 'text')
    .addColumn('assessed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('progress_entries_pk', ['report_id', 'commitment_id'])
    .execute();
  await db.schema.createIndex('progress_entries_commitment').on('progress_entries').column('commitment_id').execute();
  await db.schema
    .createTable('progress_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('progress_reports.id'))
    .addColumn('commitment_id', 'text', (c) => c.notNull().references('commitments.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('file_id', 'text', (c) => c.references('stored_files.id'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('progress_evidence_report').on('progress_evidence').column('report_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['progress_evidence', 'progress_entries', 'progress_reports', 'progress_rounds', 'stored_files'])
    await db.schema.dropTable(table).ifExists().execute();
  await db.schema.alterTable('plan_actions').dropColumn('origin').execute();
}
