// Statistics engine tables: submissions, their values, validation findings with comments, and
// the submission thread (comments and workflow events). Frozen in time: imports only kysely.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('submissions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dataset', 'text', (c) => c.notNull())
    .addColumn('partner_code', 'text', (c) => c.notNull().references('partners.code'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('published_at', 'text')
    .addUniqueConstraint('submissions_key', ['dataset', 'partner_code', 'period'])
    .execute();
  await db.schema.createIndex('submissions_status_idx').on('submissions').columns(['dataset', 'status', 'period']).execute();

  await db.schema
    .createTable('data_values')
    .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('variable', 'text', (c) => c.notNull())
    .addColumn('org_unit', 'text', (c) => c.notNull())
    .addColumn('coords', 'text', (c) => c.notNull())
    .addColumn('value_num', 'double precision')
    .addColumn('value_code', 'text')
    .addColumn('comment', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('data_values_pk', ['submission_id', 'variable', 'org_unit', 'coords'])
    .execute();
  await db.schema.createIndex('data_values_variable_idx').on('data_values').columns(['variable', 'submission_id']).execute();

  await db.schema
    .createTable('validation_findings')
    .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('rule_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('org_unit', 'text', (c) => c.notNull())
    .addColumn('coords', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('details_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('validation_findings_pk', ['submission_id', 'key'])
    .execute();

  // Comments explaining warnings outlive re-validation: they are keyed like the finding.
  await db.schema
    .createTable('finding_comments')
    .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('finding_comments_pk', ['submission_id', 'key'])
    .execute();

  await db.schema
    .createTable('submission_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('submission_events_idx').on('submission_events').columns(['submission_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['submission_events', 'finding_comments', 'validation_findings', 'data_values', 'submissions']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
