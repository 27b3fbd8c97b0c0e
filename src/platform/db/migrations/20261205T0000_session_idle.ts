// Sessions end after a time without use (the idle timeout), besides their absolute expiry:
// sessions.last_seen_at is when the session last answered a request (at a minute's resolution).
// Frozen in time: imports only kysely.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('last_seen_at', 'text').execute();
  await sql`update sessions set last_seen_at = created_at`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('last_seen_at').execute();
}
