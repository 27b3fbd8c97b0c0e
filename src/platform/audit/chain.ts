// Pure hash-chain arithmetic of the audit trail: each entry's hash covers its own content and
// the previous entry's hash, so altering or removing any entry breaks every hash after it.
// New entries are keyed (HMAC-SHA256 with a key kept outside the database), so that someone who
// can write to the database cannot recompute the chain after an edit; entries written before the
// key was introduced keep their plain SHA-256 and stay verifiable. Each entry names its scheme.
import { createHash, createHmac } from 'node:crypto';
import type { AuditLogTable } from '../db/tables.js';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * How an entry's hash was made, weakest first:
 * - `sha256`: plain SHA-256, the entries written before the chain was keyed;
 * - `hmac-sha256-dev`: HMAC-SHA256 with the development key derived from SESSION_SECRET (AUDIT_KEY not set);
 * - `hmac-sha256`: HMAC-SHA256 with AUDIT_KEY.
 * An entry never uses a weaker scheme than an entry before it: a weaker one after a stronger one is a forgery.
 */
export const HASH_SCHEMES = ['sha256', 'hmac-sha256-dev', 'hmac-sha256'] as const;
export type HashScheme = (typeof HASH_SCHEMES)[number];

export function schemeRank(scheme: string): number {
  return HASH_SCHEMES.indexOf(scheme as HashScheme);
}

/** The keys a chain is verified with: AUDIT_KEY when set, and always the development key. */
export interface ChainKeys {
  dedicated: Buffer | null;
  development: Buffer;
}

/** What an entry's hash covers: every column but the hashes and the scheme (which decides how it is computed). */
export type ChainedContent = Omit<AuditLogTable, 'prev_hash' | 'hash' | 'hash_scheme'>;

/**
 * The hash (hex) of the previous hash and the entry's fields in a fixed order: SHA-256 for the
 * unkeyed scheme, HMAC-SHA256 with `key` (which then also covers the scheme's name) otherwise.
 */
export function entryHash(prevHash: string, e: ChainedContent, scheme: HashScheme = 'sha256', key?: Buffer): string {
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
  if (scheme === 'sha256') return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
  if (!key) throw new Error(`the ${scheme} scheme needs a key`);
  return createHmac('sha256', key)
    .update(JSON.stringify([scheme, ...fields]))
    .digest('hex');
}

export interface StoredEntry extends ChainedContent {
  prev_hash: string;
  hash: string;
  /** Absent in rows read from a database older than the keyed chain: those are `sha256`. */
  hash_scheme?: string;
}

export type ChainBreak = { seq: number; reason: string };

/** The entry before the one checked, and the strongest scheme seen so far. */
export interface ChainPosition {
  seq: number;
  hash: string;
  strongest: HashScheme;
}

/**
 * Checks one entry against the one before it (`previous` is undefined for the first entry).
 * Returns the break, or null when the link holds.
 */
export function checkLink(previous: ChainPosition | undefined, entry: StoredEntry, keys: ChainKeys | null): ChainBreak | null {
  const expectedSeq = (previous?.seq ?? 0) + 1;
  const expectedPrev = previous?.hash ?? GENESIS_HASH;
  const seq = entry.seq;
  if (seq !== expectedSeq) {
    return { seq: expectedSeq, reason: `entry ${expectedSeq} is missing (the next entry found is ${seq})` };
  }
  if (entry.prev_hash !== expectedPrev) {
    return { seq, reason: `entry ${seq} does not point to the hash of entry ${expectedSeq - 1}` };
  }
  const scheme = entry.hash_scheme ?? 'sha256';
  if (schemeRank(scheme) < 0) return { seq, reason: `entry ${seq} names an unknown hash scheme "${scheme}"` };
  if (previous && schemeRank(scheme) < schemeRank(previous.strongest)) {
    return {
      seq,
      reason: `entry ${seq} was altered: it claims the weaker hash scheme ${scheme} after entries hashed with ${previous.strongest}`,
    };
  }
  const known = scheme as HashScheme;
  let key: Buffer | undefined;
  if (known === 'hmac-sha256') {
    if (!keys?.dedicated)
      return { seq, reason: `entry ${seq} is keyed with AUDIT_KEY, which is not set: set AUDIT_KEY to verify the trail` };
    key = keys.dedicated;
  } else if (known === 'hmac-sha256-dev') {
    if (!keys) return { seq, reason: `entry ${seq} is keyed, but no audit key is configured here` };
    key = keys.development;
  }
  if (entryHash(entry.prev_hash, entry, known, key) !== entry.hash) {
    const hint =
      known === 'hmac-sha256'
        ? ' (or AUDIT_KEY is not the key it was written with)'
        : known === 'hmac-sha256-dev'
          ? ' (or SESSION_SECRET changed since it was written)'
          : '';
    return { seq, reason: `entry ${seq} was altered: its content no longer matches its hash${hint}` };
  }
  return null;
}

/** An anchor: the sequence number and hash of an entry, kept outside the database. */
export interface Anchor {
  seq: number;
  hash: string;
}

export function formatAnchor(a: Anchor): string {
  return `${a.seq}:${a.hash}`;
}

/** Parses `SEQ:HASH` as `jha audit anchor` prints it; null when it is not one. */
export function parseAnchor(text: string): Anchor | null {
  const match = /^(\d{1,15}):([0-9a-fA-F]{64})$/.exec(text.trim());
  return match ? { seq: Number(match[1]), hash: match[2]!.toLowerCase() } : null;
}
