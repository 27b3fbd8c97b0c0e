// The read model: each submission's partner-level cells (the partner's figure per variable and
// breakdown, as given or summed from org units), maintained with every save; releases — numbered,
// immutable copies of a submission's values and cells as published — from which every public
// figure is served; the declaration that a partner's org-unit list is complete; and an SDMX
// observation status per value. Frozen in time: imports only kysely.
import type { CreateTableBuilder, Kysely } from 'kysely';

function cellColumns(t: CreateTableBuilder<any, any>): CreateTableBuilder<any, any> {
  return t
    .addColumn('variable', 'text', (c) => c.notNull())
    .addColumn('coords', 'text', (c) => c.notNull())
    .addColumn('value_num', 'double precision')
    .addColumn('value_code', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('units', 'integer', (c) => c.notNull());
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('submissions')
    .addColumn('org_units_complete', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('submissions')
    .addColumn('releases', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('data_values').addColumn('obs_status', 'text').execute();

  await cellColumns(
    db.schema
      .createTable('partner_cells')
      .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id').onDelete('cascade')),
  )
    .addPrimaryKeyConstraint('partner_cells_pk', ['submission_id', 'variable', 'coords'])
    .execute();

  await db.schema
    .createTable('releases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id'))
    .addColumn('dataset', 'text', (c) => c.notNull())
    .addColumn('partner_code', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('org_units_complete', 'integer', (c) => c.notNull())
    .addUniqueConstraint('releases_key', ['dataset', 'partner_code', 'period', 'number'])
    .execute();
  await db.schema.createIndex('releases_period_idx').on('releases').columns(['dataset', 'period', 'published_at']).execute();
  await db.schema.createIndex('releases_submission_idx').on('releases').columns(['submission_id', 'published_at']).execute();
  await db.schema.createIndex('releases_published_idx').on('releases').columns(['published_at']).execute();

  await db.schema
    .createTable('release_values')
    .addColumn('release_id', 'text', (c) => c.notNull().references('releases.id'))
    .addColumn('variable', 'text', (c) => c.notNull())
    .addColumn('org_unit', 'text', (c) => c.notNull())
    .addColumn('coords', 'text', (c) => c.notNull())
    .addColumn('value_num', 'double precision')
    .addColumn('value_code', 'text')
    .addColumn('obs_status', 'text')
    .addColumn('comment', 'text')
    .addPrimaryKeyConstraint('release_values_pk', ['release_id', 'variable', 'org_unit', 'coords'])
    .execute();

  await cellColumns(db.schema.createTable('release_cells').addColumn('release_id', 'text', (c) => c.notNull().references('releases.id')))
    .addPrimaryKeyConstraint('release_cells_pk', ['release_id', 'variable', 'coords'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['release_cells', 'release_values', 'releases', 'partner_cells'])
    await db.schema.dropTable(table).ifExists().execute();
  await db.schema.alterTable('data_values').dropColumn('obs_status').execute();
  await db.schema.alterTable('submissions').dropColumn('releases').execute();
  await db.schema.alterTable('submissions').dropColumn('org_units_complete').execute();
}
