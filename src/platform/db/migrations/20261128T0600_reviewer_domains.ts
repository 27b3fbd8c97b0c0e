// Reviewers work within their domains (justice, migration, commitments, …): a JSON list per user,
// null meaning every domain (as for every other role).
// Frozen in time: imports only kysely.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('domains_json', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('domains_json').execute();
}
