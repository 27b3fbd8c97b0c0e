// The audit trail's column added with the keyed chain (migration 20261204T0000_audit_key), joined
// to the platform's row type by module augmentation.
import type { HashScheme } from './chain.js';

declare module '../db/tables.js' {
  interface AuditLogTable {
    /** How the entry's hash was made (chain.ts): `sha256` for entries from before the keyed chain. */
    hash_scheme: HashScheme;
  }
}
