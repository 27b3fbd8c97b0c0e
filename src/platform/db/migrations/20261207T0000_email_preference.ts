// How each user wants notifications by e-mail: each one ('each', as before), one digest a day
// ('daily'), or none ('none'); users.digest_sent_at is when the last daily digest went out.
// Frozen in time: imports only kysely.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('email_preference', 'text', (c) => c.notNull().defaultTo('each'))
    .execute();
  await db.schema.alterTable('users').addColumn('digest_sent_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('digest_sent_at').execute();
  await db.schema.alterTable('users').dropColumn('email_preference').execute();
}
