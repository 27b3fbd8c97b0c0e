// The security event log: failed sign-ins (passwords, second factors, identity providers, invitation
// links), refusals (401, 403 — a wrong role, a coordinator asking for another partner, a missing or
// wrong CSRF token) and throttling, each as a security_events row
// and a structured log line (`security: { kind, … }`). Recording never fails the request, and a
// flood writes a bounded number of rows (flood.ts): the rest are counted in the log.
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.js';
import { FloodGate, type FloodLimit } from './flood.js';
import { insertSecurityEvent, listSecurityEvents, type SecurityEventRow } from './security-events.repository.js';

export const SECURITY_EVENT_KINDS = [
  /** 401 on sign-in: wrong e-mail or password, or a disabled account. */
  'login_failed',
  /** 429: too many failed sign-ins for the account or from the address. */
  'throttled',
  /** 401: no session or token. */
  'unauthenticated',
  /** 401: an Authorization header with an invalid or revoked token. */
  'token_invalid',
  /** 403: the caller's role does not allow it. */
  'forbidden',
  /** 403: a coordinator asking for another partner's data. */
  'other_partner',
  /** 403: a state-changing session request without the right X-CSRF-Token. */
  'csrf_invalid',
  /** 401: a wrong, reused or expired second-factor code (TOTP or recovery code). */
  'mfa_failed',
  /** An identity from a provider that no account, invitation or claim mapping lets in (or a disabled account). */
  'oidc_refused',
  /** A provider's answer refused: wrong state or nonce, an invalid or expired ID token, an error from the provider. */
  'oidc_failed',
  /** 410: an unknown, used, withdrawn or expired invitation link. */
  'invitation_invalid',
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

export interface SecurityEvent {
  kind: SecurityEventKind;
  ip: string;
  userId: string | null;
  email: string | null;
  method: string;
  path: string;
  status: number;
  requestId: string;
}

export const MAX_EMAIL_LENGTH = 254;
const MAX_PATH_LENGTH = 2000;

/** The request path without its query string, bounded. */
export function pathOf(url: string): string {
  return url.split('?')[0]!.slice(0, MAX_PATH_LENGTH);
}

/** One per app: records events through its flood gate. */
export class SecurityLog {
  readonly #db: Db;
  readonly #gate: FloodGate;

  constructor(db: Db, limit?: FloodLimit) {
    this.#db = db;
    this.#gate = new FloodGate(limit);
  }

  /** Logs and stores the event (unless the flood limit holds it back); never throws. */
  async record(event: SecurityEvent, log: FastifyBaseLogger): Promise<void> {
    const security = { ...event, email: event.email?.slice(0, MAX_EMAIL_LENGTH) ?? null };
    const verdict = this.#gate.admit(`${event.kind}\u0000${event.ip}`);
    if (!verdict.record) {
      if (verdict.first) {
        log.warn(
          { security: { ...security, suppressed: true } },
          `security event ${event.kind}: more than the limit from ${event.ip} this minute; further ones are not recorded until the next minute`,
        );
      }
      return;
    }
    log.warn(
      { security: verdict.droppedBefore > 0 ? { ...security, droppedBefore: verdict.droppedBefore } : security },
      `security event ${event.kind}`,
    );
    try {
      await insertSecurityEvent(this.#db, {
        at: new Date().toISOString(),
        kind: security.kind,
        ip: security.ip,
        user_id: security.userId,
        email: security.email,
        method: security.method,
        path: security.path,
        status: security.status,
        request_id: security.requestId,
      });
    } catch (err) {
      log.error({ err, security }, 'security event not recorded in the database');
    }
  }
}

export interface SecurityEventView {
  id: number;
  at: string;
  kind: string;
  ip: string;
  userId: string | null;
  email: string | null;
  method: string;
  path: string;
  status: number;
  requestId: string;
}

function presentSecurityEvent(row: SecurityEventRow): SecurityEventView {
  return {
    id: row.id,
    at: row.at,
    kind: row.kind,
    ip: row.ip,
    userId: row.user_id,
    email: row.email,
    method: row.method,
    path: row.path,
    status: row.status,
    requestId: row.request_id,
  };
}

/** Newest first, a page of `limit`; `nextBefore` continues with older events. */
export async function browseSecurityEvents(
  db: Db,
  filter: { kind?: string; limit: number; before?: number },
): Promise<{ events: SecurityEventView[]; nextBefore: number | null }> {
  const rows = await listSecurityEvents(db, { ...filter, limit: filter.limit + 1 });
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  return { events: page.map(presentSecurityEvent), nextBefore: rows.length > filter.limit && last ? last.id : null };
}
