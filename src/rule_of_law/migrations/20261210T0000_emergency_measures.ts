// The register of emergency measures: per partner, each measure that limited a right or a
// procedure during an emergency, with its review, in the workflow of all partner data.
// Frozen in time: imports only kysely.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('emergency_measures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_code', 'text', (c) => c.notNull().references('partners.code'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('limited', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('adopted_by', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('review_dates_json', 'text', (c) => c.notNull())
    .addColumn('sunset_clause', 'integer', (c) => c.notNull())
    .addColumn('sunset_date', 'text')
    .addColumn('parliamentary_review', 'text', (c) => c.notNull())
    .addColumn('parliamentary_comment', 'text')
    .addColumn('judicial_review', 'text', (c) => c.notNull())
    .addColumn('judicial_comment', 'text')
    .addColumn('sources_json', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('return_comment', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('published_at', 'text')
    .execute();
  await db.schema.createIndex('emergency_measures_partner').on('emergency_measures').columns(['partner_code', 'start_date']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('emergency_measures').execute();
}
