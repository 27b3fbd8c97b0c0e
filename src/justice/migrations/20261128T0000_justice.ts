// Justice capability tables: the case-file mapping kept per partner, and the case-import runs
// (status, progress, result and the first rejected rows). Frozen in time: imports only kysely.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('case_mappings')
    .addColumn('partner_code', 'text', (c) => c.primaryKey().references('partners.code'))
    .addColumn('yaml', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('case_import_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_code', 'text', (c) => c.notNull().references('partners.code'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('progress', 'double precision', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('message', 'text')
    .addColumn('result_json', 'text')
    .addColumn('rejected_csv', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_import_runs_partner_idx').on('case_import_runs').columns(['partner_code', 'started_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_import_runs').ifExists().execute();
  await db.schema.dropTable('case_mappings').ifExists().execute();
}
