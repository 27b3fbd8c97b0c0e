// User administration rules: who can exist with which role and partner, and the audit of every change.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../audit/actor.js';
import { appendAuditEntry } from '../audit/audit.repository.js';
import type { Db, DbOrTrx, Trx } from '../db/database.js';
import type { Role, UsersTable } from '../db/tables.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { findPartner } from '../partners/partners.repository.js';
import { passwordWeakness } from '../auth/password-strength.js';
import { hashPassword } from '../auth/secrets.js';
import { isLocale, LOCALES } from '../locales.js';
import { deleteUserSessions, revokeUserTokens } from '../auth/sessions.repository.js';
import { findUserByEmail, findUserById, insertUser, listUsers, updateUser } from './users.repository.js';

export const ROLES: readonly Role[] = ['admin', 'commission', 'reviewer', 'coordinator'];
export const MIN_PASSWORD_LENGTH = 12;
const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  partner: string | null;
  /** The domains a reviewer reviews; null for every domain (and for every other role). */
  domains: string[] | null;
  disabled: boolean;
  /** The language of the web app the user chose; null: the browser's. */
  language: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The only shape in which a user leaves the service: never with the password hash. */
export function presentUser(u: UsersTable): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    partner: u.partner_code,
    domains: u.domains_json ? (JSON.parse(u.domains_json) as string[]) : null,
    disabled: u.disabled_at !== null,
    language: u.language,
    createdAt: u.created_at,
    updatedAt: u.updated_at,
  };
}

function auditView(u: UsersTable) {
  const { id, email, name, role, partner, domains, disabled } = presentUser(u);
  return { id, email, name, role, partner, domains, disabled };
}

/** At least 12 characters, at most 1024, and not guessable (common or breached passwords, the user's own e-mail). */
export function checkPassword(password: string, userInputs: string[] = []): void {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) {
    throw new ValidationError(`password: must be at least ${MIN_PASSWORD_LENGTH} characters long.`, { field: 'password' });
  }
  if (password.length > 1024) throw new ValidationError('password: must be at most 1024 characters long.', { field: 'password' });
  const weakness = passwordWeakness(password, userInputs);
  if (weakness) throw new ValidationError(`password: ${weakness}.`, { field: 'password' });
}

/** The address in lower case; a ValidationError naming `email` when it is not one. */
export function checkEmail(input: string): string {
  const email = input.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254)
    throw new ValidationError(`email: "${input}" is not an e-mail address.`, { field: 'email' });
  return email;
}

/** A coordinator has exactly one known partner; the other roles none. */
export async function checkRoleAndPartner(db: DbOrTrx, role: string, partner: string | null): Promise<void> {
  if (!ROLES.includes(role as Role)) {
    throw new ValidationError(`role: "${role}" is not one of ${ROLES.join(', ')}.`, { field: 'role' });
  }
  if (role === 'coordinator') {
    if (!partner) throw new ValidationError('partner: a coordinator must be bound to exactly one partner.', { field: 'partner' });
    if (!(await findPartner(db, partner)))
      throw new ValidationError(`partner: "${partner}" is not a known partner code.`, { field: 'partner' });
  } else if (partner) {
    throw new ValidationError(`partner: only coordinators are bound to a partner, not the role ${role}.`, { field: 'partner' });
  }
}

/**
 * A reviewer may be limited to domains (each one of `known` when given); an empty list means every
 * domain. Other roles are never limited.
 */
export function checkDomains(role: string, domains: string[] | null | undefined, known?: ReadonlySet<string>): string | null {
  const list = [...new Set((domains ?? []).map((d) => d.trim()).filter(Boolean))];
  if (list.length === 0) return null;
  if (role !== 'reviewer')
    throw new ValidationError(`domains: only reviewers are limited to domains, not the role ${role}.`, { field: 'domains' });
  for (const d of list)
    if (known && !known.has(d))
      throw new ValidationError(`domains: "${d}" is not a domain (${[...known].sort().join(', ')}).`, { field: 'domains' });
  return JSON.stringify(list.sort());
}

export interface NewUser {
  email: string;
  name?: string;
  role: string;
  partner?: string | null;
  password: string;
  /** Reviewers only; empty or absent for every domain. */
  domains?: string[] | null;
}

export async function createUser(db: Db, actor: Actor, input: NewUser, knownDomains?: ReadonlySet<string>): Promise<UserView> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254)
    throw new ValidationError(`email: "${input.email}" is not an e-mail address.`, { field: 'email' });
  const partner = input.partner ? input.partner.toUpperCase() : null;
  await checkRoleAndPartner(db, input.role, partner);
  const domainsJson = checkDomains(input.role, input.domains, knownDomains);
  checkPassword(input.password, [input.email, input.name ?? '']);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, email)) throw new ConflictError(`A user with the e-mail ${email} already exists.`, { field: 'email' });
    const now = new Date().toISOString();
    const row: UsersTable = {
      id: randomUUID(),
      email,
      name: (input.name ?? '').trim() || email.split('@')[0]!,
      role: input.role as Role,
      partner_code: partner,
      password_hash: passwordHash,
      domains_json: domainsJson,
      disabled_at: null,
      created_at: now,
      updated_at: now,
      email_preference: 'each',
      digest_sent_at: null,
      language: null,
    };
    await insertUser(trx, row);
    await appendAuditEntry(trx, actor, { action: 'user.create', entityType: 'user', entityId: row.id, after: auditView(row) });
    return presentUser(row);
  });
}

/** A marker in place of a password hash: the account signs in through an identity provider only. */
export const NO_PASSWORD = '!no-password';

/**
 * Creates an account in the caller's transaction (an accepted invitation, a provider's first
 * sign-in), with role, partner and domains already checked; audited as `user.create`.
 */
export async function insertAccount(
  trx: Trx,
  actor: Actor,
  input: {
    /** Given when the actor is the new account itself. */
    id?: string;
    email: string;
    name: string;
    role: Role;
    partner: string | null;
    domainsJson: string | null;
    passwordHash: string;
  },
): Promise<UsersTable> {
  if (await findUserByEmail(trx, input.email))
    throw new ConflictError(`A user with the e-mail ${input.email} already exists.`, { field: 'email' });
  const now = new Date().toISOString();
  const row: UsersTable = {
    id: input.id ?? randomUUID(),
    email: input.email,
    name: input.name.trim() || input.email.split('@')[0]!,
    role: input.role,
    partner_code: input.partner,
    password_hash: input.passwordHash,
    domains_json: input.domainsJson,
    disabled_at: null,
    created_at: now,
    updated_at: now,
    email_preference: 'each',
    digest_sent_at: null,
    language: null,
  };
  await insertUser(trx, row);
  await appendAuditEntry(trx, actor, { action: 'user.create', entityType: 'user', entityId: row.id, after: auditView(row) });
  return row;
}

export interface UserChanges {
  name?: string;
  role?: string;
  partner?: string | null;
  domains?: string[] | null;
  disabled?: boolean;
}

/** Applies the changes in one transaction; disabling a user also ends their sessions. */
export async function changeUser(
  db: Db,
  actor: Actor,
  id: string,
  changes: UserChanges,
  knownDomains?: ReadonlySet<string>,
): Promise<UserView> {
  return db.transaction().execute(async (trx) => {
    const before = await findUserById(trx, id);
    if (!before) throw new NotFoundError('User', id);
    const role = changes.role ?? before.role;
    let partner = changes.partner === undefined ? before.partner_code : changes.partner ? changes.partner.toUpperCase() : null;
    if (changes.role !== undefined && changes.role !== 'coordinator' && changes.partner === undefined) partner = null;
    await checkRoleAndPartner(trx, role, partner);
    // A role other than reviewer drops the domains; a reviewer keeps them unless new ones are given.
    const domainsJson =
      role !== 'reviewer'
        ? changes.domains?.length
          ? checkDomains(role, changes.domains, knownDomains)
          : null
        : changes.domains === undefined
          ? before.domains_json
          : checkDomains(role, changes.domains, knownDomains);
    if (actor.id === id && (role !== before.role || changes.disabled === true)) {
      throw new ValidationError('You cannot change your own role or disable yourself; ask another admin.', {
        field: changes.disabled ? 'disabled' : 'role',
      });
    }
    const now = new Date().toISOString();
    const disabledAt = changes.disabled === undefined ? before.disabled_at : changes.disabled ? (before.disabled_at ?? now) : null;
    const after: UsersTable = {
      ...before,
      name: changes.name?.trim() || before.name,
      role: role as Role,
      partner_code: partner,
      domains_json: domainsJson,
      disabled_at: disabledAt,
      updated_at: now,
    };
    await updateUser(trx, id, {
      name: after.name,
      role: after.role,
      partner_code: after.partner_code,
      domains_json: after.domains_json,
      disabled_at: after.disabled_at,
      updated_at: now,
    });
    if (after.disabled_at !== null || after.role !== before.role || after.partner_code !== before.partner_code)
      await deleteUserSessions(trx, id);
    // A disabled account's tokens are revoked, not suspended: re-enabling it does not bring them back.
    if (after.disabled_at !== null && before.disabled_at === null) await revokeUserTokens(trx, id, now);
    await appendAuditEntry(trx, actor, {
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      before: auditView(before),
      after: auditView(after),
    });
    return presentUser(after);
  });
}

export async function disableUserByEmail(db: Db, actor: Actor, email: string): Promise<UserView> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new NotFoundError('User', email);
  return changeUser(db, actor, user.id, { disabled: true });
}

/** Sets a new password and signs the user out everywhere: sessions end and API tokens are revoked. */
export async function resetPassword(db: Db, actor: Actor, id: string, password: string): Promise<void> {
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, id);
    if (!user) throw new NotFoundError('User', id);
    const now = new Date().toISOString();
    await updateUser(trx, id, { password_hash: passwordHash, updated_at: now });
    await deleteUserSessions(trx, id);
    await revokeUserTokens(trx, id, now);
    await appendAuditEntry(trx, actor, {
      action: 'user.password_reset',
      entityType: 'user',
      entityId: id,
      after: { passwordChanged: true },
    });
  });
}

/** Every user, or a partner's, as shown on the wire (no password hash). */
export async function listUserViews(db: Db, filter: { partner?: string } = {}): Promise<UserView[]> {
  return (await listUsers(db, filter)).map(presentUser);
}

/** One user as shown on the wire; NotFoundError when there is none with the id. */
export async function getUserView(db: Db, id: string): Promise<UserView> {
  const user = await findUserById(db, id);
  if (!user) throw new NotFoundError('User', id);
  return presentUser(user);
}

/** One user's row; NotFoundError when there is none with the id. */
export async function accountOf(db: DbOrTrx, id: string): Promise<UsersTable> {
  const user = await findUserById(db, id);
  if (!user) throw new NotFoundError('User', id);
  return user;
}

/** A user by e-mail address (undefined when there is none), and how many users there are. */
export { countUsers, findUserByEmail } from './users.repository.js';

/** Sets the language the user reads the web app in (one of the locales, or null for the browser's), audited. */
export async function changeLanguage(db: Db, actor: Actor, userId: string, language: string | null): Promise<UserView> {
  if (language !== null && !isLocale(language))
    throw new ValidationError(`language: "${String(language).slice(0, 20)}" is not one of ${LOCALES.join(', ')}.`, { field: 'language' });
  return db.transaction().execute(async (trx) => {
    const before = await findUserById(trx, userId);
    if (!before) throw new NotFoundError('User', userId);
    await updateUser(trx, userId, { language });
    await appendAuditEntry(trx, actor, {
      action: 'user.language',
      entityType: 'user',
      entityId: userId,
      before: { language: before.language },
      after: { language },
    });
    return presentUser({ ...before, language });
  });
}
