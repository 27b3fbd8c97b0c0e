// The only place that writes SQL for invitations.
import type { DbOrTrx } from '../db/database.js';
import type { Role } from '../db/tables.js';
import type { InvitationsTable } from './tables.js';

export async function insertInvitation(db: DbOrTrx, row: InvitationsTable): Promise<void> {
  await db.insertInto('invitations').values(row).execute();
}

export function findInvitation(db: DbOrTrx, id: string): Promise<InvitationsTable | undefined> {
  return db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findInvitationByToken(db: DbOrTrx, tokenHash: string): Promise<InvitationsTable | undefined> {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Newest first; `roles` limits them to invitations for those roles. */
export function listInvitations(db: DbOrTrx, filter: { roles?: readonly Role[]; limit: number }): Promise<InvitationsTable[]> {
  let q = db.selectFrom('invitations').selectAll();
  if (filter.roles) q = q.where('role', 'in', [...filter.roles]);
  return q.orderBy('created_at', 'desc').limit(filter.limit).execute();
}

/** Withdraws the pending invitations of an address (a new one replaces them); returns how many. */
export async function revokePendingFor(db: DbOrTrx, email: string, at: string): Promise<number> {
  const result = await db
    .updateTable('invitations')
    .set({ revoked_at: at })
    .where('email', '=', email)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function revokeInvitationRow(db: DbOrTrx, id: string, at: string): Promise<void> {
  await db.updateTable('invitations').set({ revoked_at: at }).where('id', '=', id).execute();
}

export async function markInvitationEmailed(db: DbOrTrx, id: string, at: string): Promise<void> {
  await db.updateTable('invitations').set({ emailed_at: at }).where('id', '=', id).execute();
}

/**
 * Marks a usable invitation used by the account; false when it no longer is (used meanwhile,
 * withdrawn, expired), so that two requests with one link never both succeed.
 */
export async function claimInvitationRow(db: DbOrTrx, id: string, userId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ used_at: at, user_id: userId })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
