// The only place that writes SQL for sessions, api_tokens and login_failures.
import type { DbOrTrx } from '../db/database.js';
import type { ApiTokensTable, SessionsTable, UsersTable } from '../db/tables.js';

export async function insertSession(db: DbOrTrx, row: SessionsTable): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** The session unless it expired or was idle since `idleSince` (or before). */
export async function findLiveSession(
  db: DbOrTrx,
  id: string,
  now: string,
  idleSince: string,
): Promise<{ session: SessionsTable; user: UsersTable } | undefined> {
  const session = await db
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', id)
    .where('expires_at', '>', now)
    .where((eb) => eb(eb.fn.coalesce('last_seen_at', 'created_at'), '>', idleSince))
    .executeTakeFirst();
  if (!session) return undefined;
  const user = await db.selectFrom('users').selectAll().where('id', '=', session.user_id).executeTakeFirst();
  return user ? { session, user } : undefined;
}

export function findSession(db: DbOrTrx, id: string): Promise<SessionsTable | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setSessionAuthMethod(db: DbOrTrx, id: string, method: string): Promise<void> {
  await db.updateTable('sessions').set({ auth_method: method }).where('id', '=', id).execute();
}

export async function markSessionSeen(db: DbOrTrx, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: DbOrTrx, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: DbOrTrx, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export async function insertApiToken(db: DbOrTrx, row: ApiTokensTable): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export async function findActiveToken(db: DbOrTrx, tokenHash: string): Promise<{ token: ApiTokensTable; user: UsersTable } | undefined> {
  const token = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!token) return undefined;
  const user = await db.selectFrom('users').selectAll().where('id', '=', token.user_id).executeTakeFirst();
  return user ? { token, user } : undefined;
}

export function findToken(db: DbOrTrx, id: string): Promise<ApiTokensTable | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listTokens(db: DbOrTrx, userId: string): Promise<ApiTokensTable[]> {
  return db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
}

export async function markTokenUsed(db: DbOrTrx, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function revokeToken(db: DbOrTrx, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
}

export async function insertLoginFailure(db: DbOrTrx, row: { id: string; email: string; ip: string; at: string }): Promise<void> {
  await db.insertInto('login_failures').values(row).execute();
}

/** Failures since `since` of the account, the address or the pair, oldest first. */
export async function recentFailures(db: DbOrTrx, who: { email?: string; ip?: string }, since: string): Promise<string[]> {
  let query = db.selectFrom('login_failures').select('at').where('at', '>', since);
  if (who.email !== undefined) query = query.where('email', '=', who.email);
  if (who.ip !== undefined) query = query.where('ip', '=', who.ip);
  const rows = await query.orderBy('at').execute();
  return rows.map((r) => r.at);
}

/** Clears the failures of one account from one address (the owner's own typos, not an attacker's elsewhere). */
export async function clearLoginFailures(db: DbOrTrx, email: string, ip: string): Promise<void> {
  await db.deleteFrom('login_failures').where('email', '=', email).where('ip', '=', ip).execute();
}

export async function deleteOldLoginFailures(db: DbOrTrx, before: string): Promise<void> {
  await db.deleteFrom('login_failures').where('at', '<=', before).execute();
}

/** Revokes every live token of a user (a password reset, a disabled account: they stay revoked). */
export async function revokeUserTokens(db: DbOrTrx, userId: string, at: string): Promise<number> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
