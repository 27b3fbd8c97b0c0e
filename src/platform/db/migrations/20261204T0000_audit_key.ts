// The keyed audit chain and the security event log:
// - audit_log.hash_scheme names how each entry's hash was made; the entries already there are
//   plain SHA-256 (`sha256`), new ones HMAC-SHA256 with a key kept outside the database;
// - security_events records failed sign-ins, refusals (401, 403, CSRF) and throttling.
// Frozen in time: imports only kysely.
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  // Adding a column with a default rewrites no row, so the append-only triggers are not involved.
  await db.schema
    .alterTable('audit_log')
    .addColumn('hash_scheme', 'text', (c) => c.notNull().defaultTo('sha256'))
    .execute();

  await db.schema
    .createTable('security_events')
    .addColumn('id', postgres ? 'serial' : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('email', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('security_events_kind_idx').on('security_events').columns(['kind', 'id']).execute();
  await db.schema.createIndex('security_events_at_idx').on('security_events').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('security_events').ifExists().execute();
  await db.schema.alterTable('audit_log').dropColumn('hash_scheme').execute();
}
