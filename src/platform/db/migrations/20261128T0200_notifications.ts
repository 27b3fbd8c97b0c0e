// Notifications for users (shown in the app, e-mailed when SMTP is configured) and the queue of
// background jobs run inside the server processes. Frozen in time: imports only kysely.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('dedupe_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('emailed_at', 'text')
    // NULL keys are distinct on both databases, so only keyed notifications are deduplicated.
    .addUniqueConstraint('notifications_dedupe', ['user_id', 'dedupe_key'])
    .execute();
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'created_at']).execute();
  // The mail job looks only at notifications not yet e-mailed; a partial index keeps that lookup
  // small however many notifications have been sent.
  await db.schema
    .createIndex('notifications_unsent_idx')
    .on('notifications')
    .column('created_at')
    .where(sql.ref('emailed_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('singleton_key', 'text')
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('run_after', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'running', 'done', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  // At most one queued job per singleton key. A running job does not count, so that a recurring
  // job can queue its own next run while it runs; the claim keeps two from running at once.
  await db.schema
    .createIndex('jobs_singleton_queued')
    .on('jobs')
    .column('singleton_key')
    .unique()
    .where(sql.ref('status'), '=', 'queued')
    .execute();
  await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['status', 'run_after']).execute();
  await db.schema.createIndex('jobs_finished_idx').on('jobs').columns(['status', 'finished_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jobs').ifExists().execute();
  await db.schema.dropTable('notifications').ifExists().execute();
}
