// Early warnings of the migration exchange: one alert per rule, scope and period (the unique key
// is what makes a re-import silent), and its recipients with the time each acknowledged it.
// Frozen in time: imports only kysely.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('scope_code', 'text', (c) => c.notNull())
    .addColumn('partner_code', 'text')
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('value', 'real', (c) => c.notNull())
    .addColumn('condition', 'text', (c) => c.notNull())
    .addColumn('threshold', 'real', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('alerts_once', ['rule', 'scope_code', 'period'])
    .execute();
  await db.schema.createIndex('alerts_created').on('alerts').column('created_at').execute();
  await db.schema
    .createTable('alert_recipients')
    .addColumn('alert_id', 'text', (c) => c.notNull().references('alerts.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addPrimaryKeyConstraint('alert_recipients_pk', ['alert_id', 'user_id'])
    .execute();
  await db.schema.createIndex('alert_recipients_user').on('alert_recipients').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('alert_recipients').ifExists().execute();
  await db.schema.dropTable('alerts').ifExists().execute();
}
