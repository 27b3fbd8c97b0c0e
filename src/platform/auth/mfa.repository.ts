// The only place that writes SQL for user_totp, user_recovery_codes and login_challenges.
import type { DbOrTrx } from '../db/database.js';
import type { UsersTable } from '../db/tables.js';
import type { LoginChallengesTable, UserRecoveryCodesTable, UserTotpTable } from './tables.js';

export function findTotp(db: DbOrTrx, userId: string): Promise<UserTotpTable | undefined> {
  return db.selectFrom('user_totp').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** A new pending secret, replacing an earlier pending one (never an enabled one: the caller checks). */
export async function putPendingTotp(db: DbOrTrx, row: UserTotpTable): Promise<void> {
  await db.deleteFrom('user_totp').where('user_id', '=', row.user_id).where('enabled_at', 'is', null).execute();
  await db.insertInto('user_totp').values(row).execute();
}

export async function enableTotp(db: DbOrTrx, userId: string, at: string, step: number): Promise<void> {
  await db.updateTable('user_totp').set({ enabled_at: at, last_used_step: step }).where('user_id', '=', userId).execute();
}

/**
 * Records the step a code was accepted for; false when another request used this step (or a later
 * one) first, so that one code opens one session.
 */
export async function useTotpStep(db: DbOrTrx, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('user_totp')
    .set({ last_used_step: step })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteSecondFactor(db: DbOrTrx, userId: string): Promise<number> {
  const result = await db.deleteFrom('user_totp').where('user_id', '=', userId).executeTakeFirst();
  await db.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
  return Number(result.numDeletedRows);
}

/** The ids of the users with an enabled TOTP secret. */
export async function usersWithTotp(db: DbOrTrx): Promise<Set<string>> {
  const rows = await db.selectFrom('user_totp').select('user_id').where('enabled_at', 'is not', null).execute();
  return new Set(rows.map((r) => r.user_id));
}

export async function replaceRecoveryCodes(db: DbOrTrx, userId: string, rows: UserRecoveryCodesTable[]): Promise<void> {
  await db.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
  if (rows.length > 0) await db.insertInto('user_recovery_codes').values(rows).execute();
}

/** Marks the unused code with this hash used; false when there is none (wrong, or used already). */
export async function useRecoveryCode(db: DbOrTrx, userId: string, codeHash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('user_recovery_codes')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: DbOrTrx, userId: string): Promise<number> {
  const row = await db
    .selectFrom('user_recovery_codes')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertChallenge(db: DbOrTrx, row: LoginChallengesTable): Promise<void> {
  await db.insertInto('login_challenges').values(row).execute();
}

/** A challenge not yet expired, with its user. */
export async function findLiveChallenge(
  db: DbOrTrx,
  id: string,
  now: string,
): Promise<{ challenge: LoginChallengesTable; user: UsersTable } | undefined> {
  const challenge = await db
    .selectFrom('login_challenges')
    .selectAll()
    .where('id', '=', id)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!challenge) return undefined;
  const user = await db.selectFrom('users').selectAll().where('id', '=', challenge.user_id).executeTakeFirst();
  return user ? { challenge, user } : undefined;
}

export async function deleteChallenge(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('login_challenges').where('id', '=', id).execute();
}

export async function deleteUserChallenges(db: DbOrTrx, userId: string): Promise<void> {
  await db.deleteFrom('login_challenges').where('user_id', '=', userId).execute();
}

export async function deleteExpiredChallenges(db: DbOrTrx, now: string): Promise<void> {
  await db.deleteFrom('login_challenges').where('expires_at', '<=', now).execute();
}
