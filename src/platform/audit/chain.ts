// Pure hash-chain arithmetic of the audit trail: each entry's hash covers its own content and
// the previous entry's hash, so altering or removing any entry breaks every hash after it.
import { createHash } from 'node:crypto';
import type { AuditLogTable } from '../db/tables.js';

export const GENESIS_HASH = '0'.repeat(64);

/** What an entry's hash covers: every column but the hashes themselves. */
export type ChainedContent = Omit<AuditLogTable, 'prev_hash' | 'hash'>;

/** SHA-256 (hex) of the previous hash and the entry's fields in a fixed order. */
export function entryHash(prevHash: string, e: ChainedContent): string {
  const fields = [
    prevHash,
    e.seq,
    e.at,
    e.actor_type,
    e.actor_id,
    e.actor_label,
    e.action,
    e.entity_type,
    e.entity_id,
    e.before_json,
    e.after_json,
    e.request_id,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

export interface StoredEntry extends ChainedContent {
  prev_hash: string;
  hash: string;
}

export type ChainBreak = { seq: number; reason: string };

/**
 * Checks one entry against the one before it (`previous` is undefined for the first entry).
 * Returns the break, or null when the link holds.
 */
export function checkLink(previous: { seq: number; hash: string } | undefined, entry: StoredEntry): ChainBreak | null {
  const expectedSeq = (previous?.seq ?? 0) + 1;
  const expectedPrev = previous?.hash ?? GENESIS_HASH;
  if (entry.seq !== expectedSeq) {
    return { seq: expectedSeq, reason: `entry ${expectedSeq} is missing (the next entry found is ${entry.seq})` };
  }
  if (entry.prev_hash !== expectedPrev) {
    return { seq: entry.seq, reason: `entry ${entry.seq} does not point to the hash of entry ${expectedSeq - 1}` };
  }
  if (entryHash(entry.prev_hash, entry) !== entry.hash) {
    return { seq: entry.seq, reason: `entry ${entry.seq} was altered: its content no longer matches its hash` };
  }
  return null;
}
