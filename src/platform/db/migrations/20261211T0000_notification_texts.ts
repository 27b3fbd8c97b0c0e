// The texts of a notification as keys of the `notifications` namespace with their parameters, so
// that each reader sees it in their language when reading it or receiving it by e-mail; title and
// body keep the English text. Null for notifications written as plain text. Frozen in time:
// imports only kysely.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notifications').addColumn('texts_json', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notifications').dropColumn('texts_json').execute();
}
