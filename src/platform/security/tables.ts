// Row type of security_events (migration 20261204T0000_audit_key), joined to the platform's
// Database by module augmentation.
import type { Generated } from 'kysely';

export interface SecurityEventsTable {
  id: Generated<number>;
  at: string;
  /** One of SECURITY_EVENT_KINDS (security-events.service.ts). */
  kind: string;
  ip: string;
  /** The signed-in caller that was refused; null when there was none (failed sign-ins, 401). */
  user_id: string | null;
  /** Failed and throttled sign-ins: the address as typed, at most 254 characters. */
  email: string | null;
  method: string;
  /** Without the query string. */
  path: string;
  status: number;
  request_id: string;
}

declare module '../db/tables.js' {
  interface Database {
    security_events: SecurityEventsTable;
  }
}
