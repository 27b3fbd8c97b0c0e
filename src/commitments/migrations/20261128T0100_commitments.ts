// Commitments: plans (action plans, roadmaps, recommendations, meeting conclusions), their
// objectives and actions, and one commitment per action and responsible partner.
// Frozen in time: imports only kysely.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plans')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text')
    .addColumn('period_end', 'text')
    .addColumn('source', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('plan_objectives')
    .addColumn('plan_code', 'text', (c) => c.notNull().references('plans.code'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('paraphrase', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_objectives_pk', ['plan_code', 'code'])
    .execute();
  await db.schema
    .createTable('plan_actions')
    .addColumn('plan_code', 'text', (c) => c.notNull().references('plans.code'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('objective_code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('paraphrase', 'integer', (c) => c.notNull())
    .addColumn('institutions', 'text')
    .addColumn('start_date', 'text')
    .addColumn('deadline', 'text')
    .addColumn('indicators_json', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_actions_pk', ['plan_code', 'code'])
    .execute();
  await db.schema
    .createTable('commitments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_code', 'text', (c) => c.notNull().references('plans.code'))
    .addColumn('action_code', 'text', (c) => c.notNull())
    .addColumn('partner_code', 'text', (c) => c.notNull().references('partners.code'))
    .addUniqueConstraint('commitments_key', ['plan_code', 'action_code', 'partner_code'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['commitments', 'plan_actions', 'plan_objectives', 'plans']) await db.schema.dropTable(table).ifExists().execute();
}
