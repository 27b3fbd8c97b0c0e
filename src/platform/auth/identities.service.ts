// Who gets in with an identity from a provider. An identity is an account's by its subject
// (issuer + sub); the first time it is linked by a verified e-mail: the invitation's (which then
// makes the account) or an existing account's. The provider gives no role — except through a claim
// mapping an operator configured (OIDC_ROLE_MAP), and then only to a new account. Everybody else
// is refused, and the caller records it in the security log.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../audit/actor.js';
import { appendAuditEntry } from '../audit/audit.repository.js';
import type { OidcProviderConfig } from '../config.js';
import type { Db, Trx } from '../db/database.js';
import type { UsersTable } from '../db/tables.js';
import { AppError, InvitationUnusableError } from '../errors.js';
import { claimInvitation, usableInvitation } from '../users/invitations.service.js';
import { findUserByEmail, findUserById } from '../users/users.repository.js';
import { checkRoleAndPartner, insertAccount, NO_PASSWORD } from '../users/users.service.js';
import { openSession, type LoginResult } from './auth.service.js';
import { findIdentity, insertIdentity, listUserIdentities, markIdentityUsed } from './identities.repository.js';
import type { ExternalIdentity } from './oidc.js';

/** Why an identity was not let in (the refusal page explains each). */
export type RefusalReason = 'unknown' | 'disabled' | 'email_unverified' | 'invitation_email' | 'invitation_unusable';

export type IdentityOutcome = { ok: true; session: LoginResult } | { ok: false; reason: RefusalReason };

class Refused extends AppError {
  constructor(readonly reason: RefusalReason) {
    super('oidc_refused', 403, reason);
  }
}

async function link(trx: Trx, user: UsersTable, identity: ExternalIdentity, how: string, requestId: string | null): Promise<void> {
  const now = new Date().toISOString();
  const id = randomUUID();
  await insertIdentity(trx, {
    id,
    user_id: user.id,
    provider: identity.provider,
    issuer: identity.issuer,
    subject: identity.subject,
    email: identity.email,
    linked_at: now,
    last_sign_in_at: now,
  });
  const actor: Actor = { type: 'user', id: user.id, label: user.email, requestId };
  await appendAuditEntry(trx, actor, {
    action: 'user.identity_link',
    entityType: 'user',
    entityId: user.id,
    after: { provider: identity.provider, issuer: identity.issuer, subject: identity.subject, email: identity.email, by: how },
  });
}

/** The role (and partner) a configured claim mapping gives, or null. */
export function mappedRole(p: Pick<OidcProviderConfig, 'roleMapping'>, claims: Record<string, unknown>) {
  if (!p.roleMapping) return null;
  const raw = claims[p.roleMapping.claim];
  const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
  for (const value of values) {
    const mapped = p.roleMapping.map[value];
    if (mapped) return { ...mapped, value };
  }
  return null;
}

async function accountFor(
  trx: Trx,
  identity: ExternalIdentity,
  provider: Pick<OidcProviderConfig, 'roleMapping'>,
  invitationToken: string | null,
  requestId: string | null,
): Promise<UsersTable> {
  const known = await findIdentity(trx, identity.issuer, identity.subject);
  if (known) {
    const user = await findUserById(trx, known.user_id);
    if (!user) throw new Refused('unknown');
    if (user.disabled_at !== null) throw new Refused('disabled');
    await markIdentityUsed(trx, known.id, new Date().toISOString());
    return user;
  }
  if (invitationToken) {
    let invitation;
    try {
      invitation = await usableInvitation(trx, invitationToken);
    } catch (err) {
      if (err instanceof InvitationUnusableError) throw new Refused('invitation_unusable');
      throw err;
    }
    if (!identity.emailVerified) throw new Refused('email_unverified');
    if (identity.email !== invitation.email) throw new Refused('invitation_email');
    const user = await claimInvitation(trx, invitation, {
      passwordHash: NO_PASSWORD,
      name: identity.name,
      via: `oidc:${identity.provider}`,
      requestId,
    });
    await link(trx, user, identity, 'invitation', requestId);
    return user;
  }
  if (!identity.email || !identity.emailVerified) throw new Refused(identity.email ? 'email_unverified' : 'unknown');
  const existing = await findUserByEmail(trx, identity.email);
  if (existing) {
    if (existing.disabled_at !== null) throw new Refused('disabled');
    await link(trx, existing, identity, 'email', requestId);
    return existing;
  }
  const mapped = mappedRole(provider, identity.claims);
  if (!mapped) throw new Refused('unknown');
  await checkRoleAndPartner(trx, mapped.role, mapped.partner);
  const id = randomUUID();
  const user = await insertAccount(
    trx,
    { type: 'system', id: null, label: `oidc:${identity.provider} (${mapped.value})`, requestId },
    {
      id,
      email: identity.email,
      name: identity.name ?? '',
      role: mapped.role,
      partner: mapped.partner,
      domainsJson: null,
      passwordHash: NO_PASSWORD,
    },
  );
  await link(trx, user, identity, `claim ${mapped.value}`, requestId);
  return user;
}

/**
 * Signs in with an identity the provider vouched for, in one transaction: finds or links the
 * account (see the top of this file) and opens a session that keeps the ID token for the
 * provider's sign-out. Refusals change nothing.
 */
export async function signInWithIdentity(
  db: Db,
  identity: ExternalIdentity,
  context: {
    provider: Pick<OidcProviderConfig, 'roleMapping'>;
    idToken: string;
    invitationToken: string | null;
    ip: string;
    userAgent: string | null;
    requestId: string | null;
  },
): Promise<IdentityOutcome> {
  try {
    const session = await db.transaction().execute(async (trx) => {
      const user = await accountFor(trx, identity, context.provider, context.invitationToken, context.requestId);
      return openSession(trx, user, {
        method: 'oidc',
        ip: context.ip,
        userAgent: context.userAgent,
        requestId: context.requestId,
        oidc: { provider: identity.provider, idToken: context.idToken },
      });
    });
    return { ok: true, session };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, reason: err.reason };
    if (err instanceof InvitationUnusableError) return { ok: false, reason: 'invitation_unusable' };
    throw err;
  }
}

export interface IdentityView {
  provider: string;
  issuer: string;
  email: string | null;
  linkedAt: string;
  lastSignInAt: string | null;
}

/** The provider identities linked to the account (the account page lists them). */
export async function identitiesOf(db: Db, userId: string): Promise<IdentityView[]> {
  return (await listUserIdentities(db, userId)).map((i) => ({
    provider: i.provider,
    issuer: i.issuer,
    email: i.email,
    linkedAt: i.linked_at,
    lastSignInAt: i.last_sign_in_at,
  }));
}
