// Invitations: an admin (or the Commission, for national coordinators) invites an e-mail address
// with a role and partner; the single-use link, good for 7 days, lets the person set a password or
// sign in with an identity provider whose verified e-mail matches. Every step is audited.
import type { FastifyBaseLogger } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../audit/actor.js';
import { appendAuditEntry } from '../audit/audit.repository.js';
import { sessionOrChallenge, type PasswordLoginResult } from '../auth/auth.service.js';
import { hashPassword, randomSecret, sha256 } from '../auth/secrets.js';
import type { Config } from '../config.js';
import type { Db, DbOrTrx, Trx } from '../db/database.js';
import type { Role, UsersTable } from '../db/tables.js';
import { ConflictError, ForbiddenError, InvitationUnusableError, NotFoundError } from '../errors.js';
import { translator, type Translator } from '../i18n/index.js';
import type { Locale } from '../locales.js';
import { sendMail } from '../mail/mailer.js';
import { findPartner } from '../partners/partners.repository.js';
import type { AcceptInvitation, CreateInvitation, InvitationView } from './invitations.schema.js';
import {
  claimInvitationRow,
  findInvitation,
  findInvitationByToken,
  insertInvitation,
  listInvitations as listInvitationRows,
  markInvitationEmailed,
  revokeInvitationRow,
  revokePendingFor,
} from './invitations.repository.js';
import type { InvitationsTable } from './tables.js';
import { checkDomains, checkEmail, checkPassword, checkRoleAndPartner, insertAccount } from './users.service.js';
import { findUserByEmail } from './users.repository.js';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;
const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  commission: 'Commission desk officer',
  reviewer: 'Reviewer',
  coordinator: 'National coordinator',
};

/** The roles someone may invite: admins (and the CLI, null) any, the Commission national coordinators. */
function invitableRoles(inviter: Role | null): readonly Role[] {
  if (inviter === null || inviter === 'admin') return ['admin', 'commission', 'reviewer', 'coordinator'];
  if (inviter === 'commission') return ['coordinator'];
  return [];
}

export function invitationStatus(row: InvitationsTable, now: Date): InvitationView['status'] {
  if (row.used_at) return 'used';
  if (row.revoked_at) return 'revoked';
  return row.expires_at <= now.toISOString() ? 'expired' : 'pending';
}

function presentInvitation(row: InvitationsTable, now = new Date()): InvitationView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    partner: row.partner_code,
    domains: row.domains_json ? (JSON.parse(row.domains_json) as string[]) : null,
    status: invitationStatus(row, now),
    createdBy: row.created_by_label,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    emailedAt: row.emailed_at,
    usedAt: row.used_at,
  };
}

/** The link of the e-mail: the token is in the fragment, so it reaches no server log. */
export function invitationLink(publicUrl: string, token: string): string {
  return `${publicUrl}/invitation#${token}`;
}

/** The invitation e-mail in the language the inviter chose for the invited person (mail.json). */
function invitationText(
  tr: Translator,
  row: InvitationsTable,
  partnerName: string | null,
  link: string,
  providerLabels: readonly string[],
): string {
  const role = tr.t(`mail:invitation.role.${row.role}`, { defaultValue: ROLE_LABELS[row.role] });
  const as = partnerName ? tr.t('mail:invitation.role_for', { role, partner: partnerName }) : role;
  const open = providerLabels.length
    ? tr.t('mail:invitation.open_or_sign_in', { providers: providerLabels.join(` ${tr.t('mail:invitation.or')} `) })
    : tr.t('mail:invitation.open');
  return [
    tr.t('mail:invitation.greeting', { name: row.name }),
    '',
    tr.t('mail:invitation.invites', { inviter: row.created_by_label, as }),
    '',
    open,
    link,
    '',
    tr.t('mail:invitation.expiry', { until: row.expires_at.slice(0, 16).replace('T', ' ') }),
    '',
    '--',
    'JHA Hub',
  ].join('\n');
}

export interface CreatedInvitation {
  invitation: InvitationView;
  emailed: boolean;
  /** Only when the e-mail could not be sent (SMTP not set, or it failed): for the inviter to hand over. */
  link: string | null;
}

export interface InvitationMail {
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'publicUrl'>;
  /** The labels of the configured identity providers, named in the e-mail. */
  providerLabels: readonly string[];
  log?: Pick<FastifyBaseLogger, 'warn'>;
}

/**
 * Records the invitation (replacing pending ones for the same address) and e-mails the link when
 * SMTP is configured. The role and partner are checked as for a new account; an address that
 * already has an account is refused.
 */
export async function createInvitation(
  db: Db,
  actor: Actor,
  /** The signed-in inviter; null for the CLI. */
  inviter: { role: Role; email: string } | null,
  input: CreateInvitation,
  mail: InvitationMail,
  knownDomains?: ReadonlySet<string>,
): Promise<CreatedInvitation> {
  const email = checkEmail(input.email);
  const allowed = invitableRoles(inviter?.role ?? null);
  if (!allowed.includes(input.role)) {
    throw new ForbiddenError(`You may invite ${allowed.join(', ') || 'nobody'}, not the role ${input.role}.`);
  }
  const partner = input.partner ? input.partner.toUpperCase() : null;
  await checkRoleAndPartner(db, input.role, partner);
  const domainsJson = checkDomains(input.role, input.domains, knownDomains);
  const token = randomSecret();
  const now = new Date();
  const row: InvitationsTable = {
    id: randomUUID(),
    token_hash: sha256(token),
    email,
    name: (input.name ?? '').trim() || email.split('@')[0]!,
    role: input.role,
    partner_code: partner,
    domains_json: domainsJson,
    created_by: actor.type === 'user' ? actor.id : null,
    created_by_label: inviter?.email ?? actor.label,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + INVITATION_TTL_MS).toISOString(),
    emailed_at: null,
    used_at: null,
    user_id: null,
    revoked_at: null,
  };
  await db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, email)) throw new ConflictError(`A user with the e-mail ${email} already exists.`, { field: 'email' });
    const replaced = await revokePendingFor(trx, email, row.created_at);
    await insertInvitation(trx, row);
    await appendAuditEntry(trx, actor, {
      action: 'invitation.create',
      entityType: 'invitation',
      entityId: row.id,
      after: { email, role: row.role, partner, domains: domainsJson ? JSON.parse(domainsJson) : null, expiresAt: row.expires_at, replaced },
    });
  });
  const link = invitationLink(mail.config.publicUrl, token);
  const emailed = await emailInvitation(db, actor, row, link, mail, input.language ?? 'en');
  return { invitation: presentInvitation({ ...row, emailed_at: emailed }), emailed: emailed !== null, link: emailed ? null : link };
}

/** Sends the link; records and audits the sending. Returns when it was sent, or null (SMTP not set, failed). */
async function emailInvitation(
  db: Db,
  actor: Actor,
  row: InvitationsTable,
  link: string,
  mail: InvitationMail,
  locale: Locale,
): Promise<string | null> {
  if (mail.config.smtpUrl === null) return null;
  const tr = translator(locale);
  const partnerName = row.partner_code ? ((await findPartner(db, row.partner_code))?.name ?? row.partner_code) : null;
  try {
    await sendMail(mail.config, {
      to: row.email,
      subject: tr.t('mail:invitation.subject'),
      text: invitationText(tr, row, partnerName, link, mail.providerLabels) + '\n',
    });
  } catch (err) {
    mail.log?.warn({ err, invitation: row.id }, 'invitation e-mail not sent; the inviter is given the link');
    return null;
  }
  const at = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await markInvitationEmailed(trx, row.id, at);
    await appendAuditEntry(trx, actor, { action: 'invitation.send', entityType: 'invitation', entityId: row.id, after: { to: row.email } });
  });
  return at;
}

/** Admins see every invitation, the Commission those of national coordinators; newest first. */
export async function listInvitations(db: Db, viewerRole: Role): Promise<InvitationView[]> {
  const roles = viewerRole === 'admin' ? undefined : invitableRoles(viewerRole);
  const now = new Date();
  return (await listInvitationRows(db, { roles, limit: 500 })).map((r) => presentInvitation(r, now));
}

/** Withdraws a pending invitation (its link stops working); audited. */
export async function revokeInvitation(db: Db, actor: Actor, viewerRole: Role | null, id: string): Promise<InvitationView> {
  return db.transaction().execute(async (trx) => {
    const row = await findInvitation(trx, id);
    if (!row || !invitableRoles(viewerRole).includes(row.role)) throw new NotFoundError('Invitation', id);
    const now = new Date();
    if (invitationStatus(row, now) !== 'pending') return presentInvitation(row, now);
    await revokeInvitationRow(trx, id, now.toISOString());
    await appendAuditEntry(trx, actor, {
      action: 'invitation.revoke',
      entityType: 'invitation',
      entityId: id,
      before: { status: 'pending' },
      after: { status: 'revoked' },
    });
    return presentInvitation({ ...row, revoked_at: now.toISOString() }, now);
  });
}

/** The pending invitation of a link, or InvitationUnusableError (unknown, used, withdrawn, expired). */
export async function usableInvitation(db: DbOrTrx, token: string): Promise<InvitationsTable> {
  const row = await findInvitationByToken(db, sha256(token));
  if (!row || invitationStatus(row, new Date()) !== 'pending') throw new InvitationUnusableError();
  return row;
}

export async function describeInvitation(db: Db, token: string): Promise<InvitationView> {
  return presentInvitation(await usableInvitation(db, token));
}

/**
 * Makes the invited account in the caller's transaction and marks the invitation used (once: a
 * second request with the same link fails and rolls back). `via` says how: `password` or
 * `oidc:<provider>`.
 */
export async function claimInvitation(
  trx: Trx,
  row: InvitationsTable,
  account: { passwordHash: string; name?: string | null; via: string; requestId: string | null },
): Promise<UsersTable> {
  const id = randomUUID();
  const actor: Actor = { type: 'user', id, label: row.email, requestId: account.requestId };
  const user = await insertAccount(trx, actor, {
    id,
    email: row.email,
    name: account.name?.trim() || row.name,
    role: row.role,
    partner: row.partner_code,
    domainsJson: row.domains_json,
    passwordHash: account.passwordHash,
  });
  if (!(await claimInvitationRow(trx, row.id, user.id, new Date().toISOString()))) throw new InvitationUnusableError();
  await appendAuditEntry(trx, actor, {
    action: 'invitation.accept',
    entityType: 'invitation',
    entityId: row.id,
    before: { status: 'pending' },
    after: { status: 'used', user: user.id, via: account.via },
  });
  return user;
}

/**
 * Accepts an invitation by setting a password: the account is made and signed in — or, for a role
 * that requires a second factor, sent to set one up first.
 */
export async function acceptWithPassword(
  db: Db,
  input: AcceptInvitation,
  request: { ip: string; userAgent: string | null; requestId: string | null; mfaRequiredRoles: readonly Role[] },
): Promise<PasswordLoginResult> {
  const row = await usableInvitation(db, input.token);
  checkPassword(input.password, [row.email, input.name ?? row.name]);
  const passwordHash = await hashPassword(input.password);
  const { mfaRequiredRoles, ...how } = request;
  return db.transaction().execute(async (trx) => {
    const user = await claimInvitation(trx, row, { passwordHash, name: input.name, via: 'password', requestId: request.requestId });
    return sessionOrChallenge(trx, user, { method: 'invitation', ...how }, mfaRequiredRoles);
  });
}
