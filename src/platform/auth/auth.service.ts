// Sign-in, sessions and API tokens. Sessions and tokens live in the database (hashed), so that any
// number of server processes share them.
import { counted } from '../words.js';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../audit/actor.js';
import { appendAuditEntry } from '../audit/audit.repository.js';
import type { Db, DbOrTrx, Trx } from '../db/database.js';
import type { Role, UsersTable } from '../db/tables.js';
import { ForbiddenError, InvalidCredentialsError, NotFoundError, RateLimitedError, ValidationError } from '../errors.js';
import { findUserByEmail } from '../users/users.repository.js';
import { presentUser, type UserView } from '../users/users.service.js';
import { dummyPasswordHash, randomSecret, sha256, verifyPassword } from './secrets.js';
import { deleteExpiredChallenges, findTotp, insertChallenge } from './mfa.repository.js';
import {
  clearLoginFailures,
  deleteExpiredSessions as deleteExpiredSessionRows,
  deleteOldLoginFailures,
  deleteSession,
  findSession,
  findActiveToken,
  findLiveSession,
  findToken,
  insertApiToken,
  insertLoginFailure,
  insertSession,
  listTokens,
  markSessionSeen,
  markTokenUsed,
  recentFailures,
  revokeToken,
} from './sessions.repository.js';
import { ACCOUNT_POLICY, ADDRESS_POLICY, PAIR_POLICY, retryAfterSeconds } from './throttle.js';

const WINDOW_MS = Math.max(PAIR_POLICY.windowMs, ACCOUNT_POLICY.windowMs, ADDRESS_POLICY.windowMs);

export const SESSION_TTL_MS = 12 * 60 * 60_000;
export const TOKEN_PREFIX = 'jha_';

export interface Principal {
  user: UserView;
  via: 'session' | 'token';
  /** Hash of the session secret (the session row id), when signed in through the web. */
  sessionId: string | null;
  csrfToken: string | null;
  tokenId: string | null;
}

export function actorOf(principal: Principal, requestId: string | null): Actor {
  return principal.via === 'token'
    ? { type: 'token', id: principal.user.id, label: `${principal.user.email} (token ${principal.tokenId})`, requestId }
    : { type: 'user', id: principal.user.id, label: principal.user.email, requestId };
}

/**
 * Refuses with 429 while the account, the address or the pair is throttled. Failed passwords and
 * failed second-factor codes count alike (login_failures), so a known password buys no extra guesses.
 */
export async function throttleCheck(db: DbOrTrx, email: string, ip: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - WINDOW_MS).toISOString();
  const waits = [
    retryAfterSeconds(await recentFailures(db, { email, ip }, since), PAIR_POLICY, now),
    retryAfterSeconds(await recentFailures(db, { email }, since), ACCOUNT_POLICY, now),
    retryAfterSeconds(await recentFailures(db, { ip }, since), ADDRESS_POLICY, now),
  ];
  const wait = Math.max(...waits.map((w) => w ?? 0));
  if (wait > 0) {
    const when = wait < 120 ? counted(wait, 'second') : counted(Math.ceil(wait / 60), 'minute');
    throw new RateLimitedError(wait, `Too many failed sign-ins; try again in ${when}.`);
  }
}

export interface LoginResult {
  /** The secret for the cookie; only its hash is stored. */
  sessionSecret: string;
  csrfToken: string;
  expiresAt: string;
  user: UserView;
}

/** How a session was opened (sessions.auth_method). */
export type AuthMethod = 'password' | 'password+totp' | 'password+recovery_code' | 'invitation' | 'oidc';
/** Methods that include a second factor or leave it to an identity provider. */
const STRONG_METHODS: ReadonlySet<string> = new Set(['password+totp', 'password+recovery_code', 'oidc']);

export interface SessionRequest {
  method: AuthMethod;
  ip: string;
  userAgent: string | null;
  requestId: string | null;
  /** A provider's sign-in: its id and the ID token (the hint of its sign-out). */
  oidc?: { provider: string; idToken: string };
}

/**
 * Opens a session for the user inside the caller's transaction, clears the pair's sign-in failures
 * and audits `auth.login` with the method.
 */
export async function openSession(trx: Trx, user: UsersTable, how: SessionRequest): Promise<LoginResult> {
  const now = new Date();
  const sessionSecret = randomSecret();
  const csrfToken = randomSecret();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
  await insertSession(trx, {
    id: sha256(sessionSecret),
    user_id: user.id,
    csrf_token: csrfToken,
    created_at: now.toISOString(),
    expires_at: expiresAt,
    last_seen_at: now.toISOString(),
    ip: how.ip,
    user_agent: how.userAgent?.slice(0, 300) ?? null,
    auth_method: how.method,
    oidc_provider: how.oidc?.provider ?? null,
    oidc_id_token: how.oidc?.idToken ?? null,
  });
  await clearLoginFailures(trx, user.email, how.ip);
  await deleteOldLoginFailures(trx, new Date(now.getTime() - WINDOW_MS * 4).toISOString());
  await appendAuditEntry(
    trx,
    { type: 'user', id: user.id, label: user.email, requestId: how.requestId },
    {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      after: { ip: how.ip, method: how.method, ...(how.oidc ? { provider: how.oidc.provider } : {}) },
    },
  );
  return { sessionSecret, csrfToken, expiresAt, user: presentUser(user) };
}

/** A right password whose second factor is still to come: the challenge's secret goes into the jha_pending cookie. */
export interface SecondFactorDue {
  /** `totp`: a code (or a recovery code) is asked; `enrol`: the account must set up a second factor first. */
  step: 'totp' | 'enrol';
  challengeSecret: string;
  expiresAt: string;
}

export type PasswordLoginResult = { session: LoginResult } | { secondFactor: SecondFactorDue };

/** How long the half-way state between a right password and the second factor lasts. */
export const CHALLENGE_TTL_MS = 10 * 60_000;

/**
 * Opens the session, or — for an account with a second factor, or one whose role requires it —
 * records a challenge that grants nothing but the second-factor step. The sign-in failures of the
 * pair are kept until the second factor is passed.
 */
export async function sessionOrChallenge(
  trx: Trx,
  user: UsersTable,
  how: SessionRequest,
  mfaRequiredRoles: readonly Role[],
): Promise<PasswordLoginResult> {
  const totp = await findTotp(trx, user.id);
  const step = totp?.enabled_at ? 'totp' : mfaRequiredRoles.includes(user.role) ? 'enrol' : null;
  if (step === null) return { session: await openSession(trx, user, how) };
  const now = new Date();
  const challengeSecret = randomSecret();
  const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS).toISOString();
  await insertChallenge(trx, {
    id: sha256(challengeSecret),
    user_id: user.id,
    purpose: step,
    created_at: now.toISOString(),
    expires_at: expiresAt,
    ip: how.ip,
  });
  await appendAuditEntry(
    trx,
    { type: 'user', id: user.id, label: user.email, requestId: how.requestId },
    { action: 'auth.second_factor_due', entityType: 'user', entityId: user.id, after: { ip: how.ip, step, method: how.method } },
  );
  return { secondFactor: { step, challengeSecret, expiresAt } };
}

/**
 * Checks the credentials (refusing first when the account or the address is throttled),
 * records a failure or opens a session — or asks for the second factor. Wrong e-mail and wrong
 * password answer alike.
 */
export async function login(
  db: Db,
  input: {
    email: string;
    password: string;
    ip: string;
    userAgent: string | null;
    requestId: string | null;
    /** Roles whose password sign-in needs a second factor (MFA_REQUIRED_ROLES). */
    mfaRequiredRoles?: readonly Role[];
  },
): Promise<PasswordLoginResult> {
  const email = input.email.trim().toLowerCase();
  const now = new Date();
  await throttleCheck(db, email, input.ip, now);
  const user = await findUserByEmail(db, email);
  const ok = user
    ? await verifyPassword(user.password_hash, input.password)
    : (await verifyPassword(await dummyPasswordHash(), input.password), false);
  if (!user || !ok || user.disabled_at !== null) {
    await insertLoginFailure(db, { id: randomUUID(), email, ip: input.ip, at: now.toISOString() });
    throw new InvalidCredentialsError();
  }
  return db
    .transaction()
    .execute((trx) =>
      sessionOrChallenge(
        trx,
        user,
        { method: 'password', ip: input.ip, userAgent: input.userAgent, requestId: input.requestId },
        input.mfaRequiredRoles ?? [],
      ),
    );
}

/**
 * Ends this session (audited). Returns the provider and ID token of a session opened through an
 * identity provider, so that the caller can send the browser to the provider's sign-out.
 */
export async function logout(db: Db, principal: Principal, actor: Actor): Promise<{ provider: string; idToken: string } | null> {
  if (!principal.sessionId) return null;
  const sessionId = principal.sessionId;
  return db.transaction().execute(async (trx) => {
    const session = await findSession(trx, sessionId);
    await deleteSession(trx, sessionId);
    await appendAuditEntry(trx, actor, { action: 'auth.logout', entityType: 'user', entityId: principal.user.id });
    return session?.oidc_provider && session.oidc_id_token ? { provider: session.oidc_provider, idToken: session.oidc_id_token } : null;
  });
}

function activeUser(user: UsersTable): UserView | null {
  return user.disabled_at === null ? presentUser(user) : null;
}

/** How stale a session's `last_seen_at` may get: a busy page does not write on every request. */
export const SESSION_SEEN_RESOLUTION_MS = 60_000;

/**
 * The signed-in user of a live session: not past its absolute expiry, and used within the last
 * `idleMinutes`. Use is recorded at most once a minute and never fails the request. A session
 * opened with a password alone does not count for a role that requires a second factor (a session
 * from before the requirement): its user signs in again, through the second factor.
 */
export async function principalFromSession(
  db: Db,
  sessionSecret: string,
  idleMinutes: number,
  mfaRequiredRoles: readonly Role[] = [],
): Promise<Principal | null> {
  const now = new Date();
  const idleSince = new Date(now.getTime() - idleMinutes * 60_000).toISOString();
  const found = await findLiveSession(db, sha256(sessionSecret), now.toISOString(), idleSince);
  const user = found && activeUser(found.user);
  if (!found || !user) return null;
  if (mfaRequiredRoles.includes(user.role) && !STRONG_METHODS.has(found.session.auth_method ?? 'password')) return null;
  const seen = found.session.last_seen_at ?? found.session.created_at;
  if (now.getTime() - Date.parse(seen) >= SESSION_SEEN_RESOLUTION_MS) {
    await markSessionSeen(db, found.session.id, now.toISOString()).catch(() => {});
  }
  return { user, via: 'session', sessionId: found.session.id, csrfToken: found.session.csrf_token, tokenId: null };
}

/** How stale a token's `last_used_at` may get: a busy client does not write on every request. */
export const TOKEN_USE_RESOLUTION_MS = 60_000;

/**
 * Records a token's use at most once a minute, outside any request transaction; a failure (a
 * database busy with a long import) is not the caller's problem, so it never fails the request.
 */
async function noteTokenUse(db: Db, token: { id: string; last_used_at: string | null }): Promise<void> {
  const now = new Date();
  if (token.last_used_at && now.getTime() - Date.parse(token.last_used_at) < TOKEN_USE_RESOLUTION_MS) return;
  try {
    await markTokenUsed(db, token.id, now.toISOString());
  } catch {
    // The next request a minute later tries again.
  }
}

export async function principalFromToken(db: Db, token: string): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const found = await findActiveToken(db, sha256(token));
  const user = found && activeUser(found.user);
  if (!found || !user) return null;
  await noteTokenUse(db, found.token);
  return { user, via: 'token', sessionId: null, csrfToken: null, tokenId: found.token.id };
}

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revoked: boolean;
}

function presentToken(t: {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}): TokenView {
  return { id: t.id, name: t.name, prefix: t.prefix, createdAt: t.created_at, lastUsedAt: t.last_used_at, revoked: t.revoked_at !== null };
}

/** Creates a token for the user; the returned `token` is shown once and never stored in clear. */
export async function createApiToken(db: Db, actor: Actor, email: string, name: string): Promise<{ token: string; view: TokenView }> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new NotFoundError('User', email);
  if (user.disabled_at !== null) throw new ValidationError(`email: the user ${email} is disabled.`, { field: 'email' });
  const label = name.trim() || 'API token';
  if (label.length > 100) throw new ValidationError('name: must be at most 100 characters long.', { field: 'name' });
  const token = TOKEN_PREFIX + randomSecret();
  const row = {
    id: randomUUID(),
    user_id: user.id,
    name: label,
    token_hash: sha256(token),
    prefix: token.slice(0, TOKEN_PREFIX.length + 6),
    created_at: new Date().toISOString(),
    last_used_at: null,
    revoked_at: null,
  };
  await db.transaction().execute(async (trx) => {
    await insertApiToken(trx, row);
    await appendAuditEntry(trx, actor, {
      action: 'token.create',
      entityType: 'api_token',
      entityId: row.id,
      after: { user: user.email, name: label, prefix: row.prefix },
    });
  });
  return { token, view: presentToken(row) };
}

export async function listApiTokens(db: Db, userId: string): Promise<TokenView[]> {
  return (await listTokens(db, userId)).map(presentToken);
}

/** Users revoke their own tokens; admins revoke anyone's. */
export async function revokeApiToken(db: Db, actor: Actor, principal: Principal, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const token = await findToken(trx, id);
    if (!token) throw new NotFoundError('API token', id);
    if (token.user_id !== principal.user.id && principal.user.role !== 'admin')
      throw new ForbiddenError('You can revoke only your own tokens.');
    if (token.revoked_at !== null) return;
    await revokeToken(trx, id, new Date().toISOString());
    await appendAuditEntry(trx, actor, {
      action: 'token.revoke',
      entityType: 'api_token',
      entityId: id,
      before: { revoked: false },
      after: { revoked: true },
    });
  });
}

/** Removes expired sessions and expired second-factor challenges (the server's hourly sweep). */
export async function deleteExpiredSessions(db: DbOrTrx, now: string): Promise<void> {
  await deleteExpiredSessionRows(db, now);
  await deleteExpiredChallenges(db, now);
}
