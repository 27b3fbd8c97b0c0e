// The second factor of local passwords: TOTP enrolment (from the account page, or on the way in
// for a role that requires it), the code step of a password sign-in, recovery codes, and the reset
// of a lost factor by an admin. Every change is audited; wrong codes count as failed sign-ins.
import { randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import type { Actor } from '../audit/actor.js';
import { appendAuditEntry } from '../audit/audit.repository.js';
import type { Db, DbOrTrx } from '../db/database.js';
import type { Role, UsersTable } from '../db/tables.js';
import { ConflictError, InvalidCodeError, NotFoundError, ValidationError } from '../errors.js';
import { findUserById } from '../users/users.repository.js';
import { openSession, throttleCheck, type LoginResult, type SessionRequest } from './auth.service.js';
import {
  countUnusedRecoveryCodes,
  deleteChallenge,
  deleteSecondFactor,
  deleteUserChallenges,
  enableTotp,
  findLiveChallenge,
  findTotp,
  putPendingTotp,
  replaceRecoveryCodes,
  useRecoveryCode,
  usersWithTotp,
  useTotpStep,
} from './mfa.repository.js';
import { sha256 } from './secrets.js';
import { deleteUserSessions, insertLoginFailure, setSessionAuthMethod } from './sessions.repository.js';
import type { LoginChallengesTable } from './tables.js';
import {
  acceptedTotpStep,
  isRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  openTotpSecret,
  recoveryCodeHash,
  sealTotpSecret,
  totpUri,
} from './totp.js';

function actorFor(user: UsersTable, requestId: string | null): Actor {
  return { type: 'user', id: user.id, label: user.email, requestId };
}

export interface SecondFactorStatus {
  enabled: boolean;
  /** The user's role requires a second factor for password sign-in (MFA_REQUIRED_ROLES). */
  required: boolean;
  recoveryCodesLeft: number;
}

export async function secondFactorStatus(db: Db, user: { id: string; role: Role }, required: readonly Role[]): Promise<SecondFactorStatus> {
  const totp = await findTotp(db, user.id);
  const enabled = Boolean(totp?.enabled_at);
  return { enabled, required: required.includes(user.role), recoveryCodesLeft: enabled ? await countUnusedRecoveryCodes(db, user.id) : 0 };
}

/** The ids of the users with a second factor (the users page shows it). */
export function usersWithSecondFactor(db: Db): Promise<Set<string>> {
  return usersWithTotp(db);
}

/** The user and challenge of a pending sign-in, or InvalidCodeError when there is none (expired, used). */
export async function pendingSignIn(
  db: DbOrTrx,
  challengeSecret: string | null,
): Promise<{ challenge: LoginChallengesTable; user: UsersTable }> {
  const found = challengeSecret ? await findLiveChallenge(db, sha256(challengeSecret), new Date().toISOString()) : undefined;
  if (!found || found.user.disabled_at !== null) {
    throw new InvalidCodeError('No sign-in is waiting for a second factor (it takes at most 10 minutes); sign in again.');
  }
  return found;
}

export interface Enrolment {
  /** Base32, for typing into an app that cannot scan; shown during enrolment only. */
  secret: string;
  uri: string;
  /** The QR code of `uri` as an SVG data URL. */
  qrCode: string;
}

/** A new pending secret for the user (replacing an unconfirmed one); refused when one is enabled. */
export async function startEnrolment(db: Db, sessionSecret: string, user: UsersTable, requestId: string | null): Promise<Enrolment> {
  const secret = newTotpSecret();
  await db.transaction().execute(async (trx) => {
    if ((await findTotp(trx, user.id))?.enabled_at)
      throw new ConflictError('A second factor is already set up; remove it first to set up another one.');
    await putPendingTotp(trx, {
      user_id: user.id,
      secret_enc: sealTotpSecret(sessionSecret, secret),
      created_at: new Date().toISOString(),
      enabled_at: null,
      last_used_step: null,
    });
    await appendAuditEntry(trx, actorFor(user, requestId), { action: 'user.totp_enrol_start', entityType: 'user', entityId: user.id });
  });
  const uri = totpUri(secret, user.email);
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { secret, uri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/** Records a wrong code as a failed sign-in of the account (the throttle counts it) and refuses. */
async function wrongCode(db: Db, user: UsersTable, ip: string, message?: string): Promise<never> {
  await insertLoginFailure(db, { id: randomUUID(), email: user.email, ip, at: new Date().toISOString() });
  throw new InvalidCodeError(message);
}

function secretOf(sessionSecret: string, sealed: string): string {
  const secret = openTotpSecret(sessionSecret, sealed);
  // SESSION_SECRET changed since enrolment: only a recovery code or an admin's reset helps.
  if (secret === null)
    throw new InvalidCodeError('The second factor cannot be checked any more; use a recovery code or ask an admin to reset it.');
  return secret;
}

async function freshRecoveryCodes(trx: DbOrTrx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  const now = new Date().toISOString();
  await replaceRecoveryCodes(
    trx,
    userId,
    codes.map((code) => ({ id: randomUUID(), user_id: userId, code_hash: recoveryCodeHash(userId, code), created_at: now, used_at: null })),
  );
  return codes;
}

/**
 * Confirms the pending secret with a first code: the factor is enabled and ten recovery codes are
 * made (returned once; only their hashes are kept). Wrong codes are throttled like sign-ins.
 */
export async function confirmEnrolment(
  db: Db,
  sessionSecret: string,
  user: UsersTable,
  code: string,
  request: { ip: string; requestId: string | null },
): Promise<string[]> {
  await throttleCheck(db, user.email, request.ip, new Date());
  const pending = await findTotp(db, user.id);
  if (!pending || pending.enabled_at)
    throw new ValidationError('code: no set-up of a second factor is under way; start it again.', { field: 'code' });
  const now = new Date();
  const step = acceptedTotpStep(secretOf(sessionSecret, pending.secret_enc), code, now, null);
  if (step === null) return wrongCode(db, user, request.ip);
  return db.transaction().execute(async (trx) => {
    await enableTotp(trx, user.id, now.toISOString(), step);
    const codes = await freshRecoveryCodes(trx, user.id);
    await appendAuditEntry(trx, actorFor(user, request.requestId), {
      action: 'user.totp_enable',
      entityType: 'user',
      entityId: user.id,
      after: { secondFactor: 'totp', recoveryCodes: codes.length },
    });
    return codes;
  });
}

/** Enrolment from the account page: as confirmEnrolment, and the current session counts as one with a second factor. */
export async function confirmAccountEnrolment(
  db: Db,
  sessionSecret: string,
  user: UsersTable,
  code: string,
  request: { ip: string; requestId: string | null; sessionId: string },
): Promise<string[]> {
  const codes = await confirmEnrolment(db, sessionSecret, user, code, request);
  await setSessionAuthMethod(db, request.sessionId, 'password+totp');
  return codes;
}

/**
 * Checks a TOTP code or a recovery code of the user (each used once); records a failure and
 * refuses a wrong one. Returns which it was.
 */
async function checkCode(
  db: Db,
  sessionSecret: string,
  user: UsersTable,
  code: string,
  request: { ip: string; requestId: string | null },
): Promise<'totp' | 'recovery_code'> {
  await throttleCheck(db, user.email, request.ip, new Date());
  const totp = await findTotp(db, user.id);
  if (!totp?.enabled_at) return wrongCode(db, user, request.ip, 'No second factor is set up for this account.');
  if (isRecoveryCode(code)) {
    const used = await db.transaction().execute(async (trx) => {
      if (!(await useRecoveryCode(trx, user.id, recoveryCodeHash(user.id, code), new Date().toISOString()))) return false;
      const left = await countUnusedRecoveryCodes(trx, user.id);
      await appendAuditEntry(trx, actorFor(user, request.requestId), {
        action: 'user.recovery_code_use',
        entityType: 'user',
        entityId: user.id,
        after: { recoveryCodesLeft: left },
      });
      return true;
    });
    if (!used) return wrongCode(db, user, request.ip, 'The recovery code is wrong or was used already.');
    return 'recovery_code';
  }
  const step = acceptedTotpStep(secretOf(sessionSecret, totp.secret_enc), code, new Date(), totp.last_used_step);
  if (step === null || !(await useTotpStep(db, user.id, step))) return wrongCode(db, user, request.ip);
  return 'totp';
}

/** The second step of a password sign-in: a right code ends the challenge and opens the session. */
export async function completeWithCode(
  db: Db,
  sessionSecret: string,
  pending: { challenge: LoginChallengesTable; user: UsersTable },
  code: string,
  request: Omit<SessionRequest, 'method' | 'oidc'>,
): Promise<LoginResult> {
  const { challenge, user } = pending;
  if (challenge.purpose !== 'totp') throw new InvalidCodeError('Set up the second factor first.');
  const kind = await checkCode(db, sessionSecret, user, code, request);
  return db.transaction().execute(async (trx) => {
    await deleteChallenge(trx, challenge.id);
    return openSession(trx, user, { ...request, method: kind === 'totp' ? 'password+totp' : 'password+recovery_code' });
  });
}

/** Enrolment on the way in (a role that requires a second factor): the confirmed factor opens the session. */
export async function completeWithEnrolment(
  db: Db,
  sessionSecret: string,
  pending: { challenge: LoginChallengesTable; user: UsersTable },
  code: string,
  request: Omit<SessionRequest, 'method' | 'oidc'>,
): Promise<{ session: LoginResult; recoveryCodes: string[] }> {
  const { challenge, user } = pending;
  if (challenge.purpose !== 'enrol') throw new InvalidCodeError('This sign-in asks for a code, not a set-up.');
  const recoveryCodes = await confirmEnrolment(db, sessionSecret, user, code, request);
  const session = await db.transaction().execute(async (trx) => {
    await deleteChallenge(trx, challenge.id);
    return openSession(trx, user, { ...request, method: 'password+totp' });
  });
  return { session, recoveryCodes };
}

/** The user removes their own second factor (not when their role requires one), with a current code. */
export async function removeOwnSecondFactor(
  db: Db,
  sessionSecret: string,
  user: UsersTable,
  code: string,
  required: readonly Role[],
  request: { ip: string; requestId: string | null },
): Promise<void> {
  if (required.includes(user.role)) throw new ValidationError('Your role requires a second factor: it cannot be removed.');
  await checkCode(db, sessionSecret, user, code, request);
  await db.transaction().execute(async (trx) => {
    await deleteSecondFactor(trx, user.id);
    await appendAuditEntry(trx, actorFor(user, request.requestId), {
      action: 'user.totp_disable',
      entityType: 'user',
      entityId: user.id,
      before: { secondFactor: 'totp' },
      after: { secondFactor: null },
    });
  });
}

/** Ten new recovery codes in place of the old ones, with a current code. */
export async function regenerateRecoveryCodes(
  db: Db,
  sessionSecret: string,
  user: UsersTable,
  code: string,
  request: { ip: string; requestId: string | null },
): Promise<string[]> {
  await checkCode(db, sessionSecret, user, code, request);
  return db.transaction().execute(async (trx) => {
    const codes = await freshRecoveryCodes(trx, user.id);
    await appendAuditEntry(trx, actorFor(user, request.requestId), {
      action: 'user.recovery_codes_renew',
      entityType: 'user',
      entityId: user.id,
      after: { recoveryCodes: codes.length },
    });
    return codes;
  });
}

/**
 * An admin resets a lost second factor: the secret and the recovery codes are removed and the
 * user's sessions and pending sign-ins end; they set up a new factor at their next sign-in (when
 * their role requires one) or from their account page. Not one's own: ask another admin.
 */
export async function resetSecondFactor(db: Db, actor: Actor, userId: string): Promise<void> {
  if (actor.id === userId) throw new ValidationError('You cannot reset your own second factor; ask another admin.');
  await db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) throw new NotFoundError('User', userId);
    const removed = await deleteSecondFactor(trx, userId);
    await deleteUserSessions(trx, userId);
    await deleteUserChallenges(trx, userId);
    await appendAuditEntry(trx, actor, {
      action: 'user.totp_reset',
      entityType: 'user',
      entityId: userId,
      before: { secondFactor: removed > 0 ? 'totp' : null },
      after: { secondFactor: null },
    });
  });
}
