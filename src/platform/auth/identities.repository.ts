// The only place that writes SQL for user_identities.
import type { DbOrTrx } from '../db/database.js';
import type { UserIdentitiesTable } from './tables.js';

export function findIdentity(db: DbOrTrx, issuer: string, subject: string): Promise<UserIdentitiesTable | undefined> {
  return db.selectFrom('user_identities').selectAll().where('issuer', '=', issuer).where('subject', '=', subject).executeTakeFirst();
}

export function listUserIdentities(db: DbOrTrx, userId: string): Promise<UserIdentitiesTable[]> {
  return db.selectFrom('user_identities').selectAll().where('user_id', '=', userId).orderBy('linked_at').execute();
}

export async function insertIdentity(db: DbOrTrx, row: UserIdentitiesTable): Promise<void> {
  await db.insertInto('user_identities').values(row).execute();
}

export async function markIdentityUsed(db: DbOrTrx, id: string, at: string): Promise<void> {
  await db.updateTable('user_identities').set({ last_sign_in_at: at }).where('id', '=', id).execute();
}
