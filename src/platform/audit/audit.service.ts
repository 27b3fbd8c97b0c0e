// Audit trail rules: browsing with filters and verifying the hash chain end to end.
import type { Db, DbOrTrx } from '../db/database.js';
import { installedAuditKeys } from './audit-key.js';
import {
  checkLink,
  formatAnchor,
  GENESIS_HASH,
  HASH_SCHEMES,
  schemeRank,
  type Anchor,
  type ChainBreak,
  type ChainKeys,
  type ChainPosition,
  type HashScheme,
} from './chain.js';
import {
  listAuditEntries,
  readAuditChain,
  readAuditHead,
  readAuditSequence,
  type AuditFilter,
  type AuditListRow,
} from './audit.repository.js';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  broken: ChainBreak | null;
  /** How many of the entries checked use each hash scheme. */
  schemes: Record<HashScheme, number>;
  /** Whether the trail was checked with a dedicated AUDIT_KEY (false: the development key only). */
  dedicatedKey: boolean;
  /** The last intact entry (the head when the trail is intact): what an anchor records. */
  last: { seq: number; hash: string; at: string | null };
  /** The anchor the trail was checked against, when one was given. */
  anchor: Anchor | null;
}

export interface VerifyOptions {
  /** The keys to check keyed entries with; by default the process's (installed by createContext). */
  keys?: ChainKeys | null;
  /** An anchor kept elsewhere: entry `seq` must still have `hash`, and the trail must reach it. */
  anchor?: Anchor;
}

/**
 * Walks the whole chain from the first entry. The first broken link is reported: an altered
 * entry (its hash, keyed or not, no longer matches; or a weaker scheme than the entries before
 * it), a missing one, missing newest entries (the head row no longer matches the last entry), or,
 * with an anchor, an anchored entry that changed or a trail cut short before it.
 */
export async function verifyAuditChain(db: Db, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const keys = opts.keys === undefined ? installedAuditKeys() : opts.keys;
  const anchor = opts.anchor ?? null;
  const schemes = Object.fromEntries(HASH_SCHEMES.map((s) => [s, 0])) as Record<HashScheme, number>;
  let previous: ChainPosition | undefined;
  let lastAt: string | null = null;
  let checked = 0;
  const result = (broken: ChainBreak | null): VerifyResult => ({
    ok: broken === null,
    checked,
    broken,
    schemes,
    dedicatedKey: Boolean(keys?.dedicated),
    last: { seq: previous?.seq ?? 0, hash: previous?.hash ?? GENESIS_HASH, at: lastAt },
    anchor,
  });
  for await (const entry of readAuditChain(db)) {
    const broken = checkLink(previous, entry, keys);
    if (broken) return result(broken);
    if (anchor && entry.seq === anchor.seq && entry.hash !== anchor.hash) {
      return result({
        seq: entry.seq,
        reason: `entry ${entry.seq} does not match the anchor ${formatAnchor(anchor)}: the trail up to entry ${entry.seq} was rewritten`,
      });
    }
    const scheme = (entry.hash_scheme ?? 'sha256') as HashScheme;
    schemes[scheme] += 1;
    const strongest = previous && schemeRank(previous.strongest) > schemeRank(scheme) ? previous.strongest : scheme;
    previous = { seq: entry.seq, hash: entry.hash, strongest };
    lastAt = entry.at;
    checked += 1;
  }
  const head = await readAuditHead(db);
  const lastSeq = previous?.seq ?? 0;
  const lastHash = previous?.hash ?? GENESIS_HASH;
  if (head.last_seq !== lastSeq || head.last_hash !== lastHash) {
    const reason =
      head.last_seq > lastSeq
        ? `entries ${lastSeq + 1}–${head.last_seq} are missing from the end of the trail`
        : `the end of the trail (entry ${lastSeq}) does not match the recorded head (entry ${head.last_seq})`;
    return result({ seq: lastSeq + 1, reason });
  }
  if (anchor && lastSeq < anchor.seq) {
    return result({
      seq: lastSeq + 1,
      reason: `the trail was cut short: it ends at entry ${lastSeq}, but the anchor names entry ${anchor.seq}`,
    });
  }
  return result(null);
}

/** A user as the users table names them now. */
export interface NamedUser {
  name: string;
  email: string;
}

export interface AuditEntryView {
  seq: number;
  at: string;
  /** `name` and `email`: the acting user's (also for a token), null for the system, the command line or a removed account. */
  actor: { type: string; id: string | null; label: string; name: string | null; email: string | null };
  action: string;
  entityType: string;
  entityId: string;
  /** The user an entry about a user (entityType `user`) is about; null for other entries and removed accounts. */
  entityUser: NamedUser | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  hash: string;
}

function namedUser(name: string | null, email: string | null): NamedUser | null {
  return name === null || email === null ? null : { name, email };
}

export function presentAuditEntry(row: AuditListRow): AuditEntryView {
  const actor = namedUser(row.actor_name, row.actor_email);
  return {
    seq: row.seq,
    at: row.at,
    actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label, name: actor?.name ?? null, email: actor?.email ?? null },
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    entityUser: namedUser(row.entity_user_name, row.entity_user_email),
    before: row.before_json === null ? null : JSON.parse(row.before_json),
    after: row.after_json === null ? null : JSON.parse(row.after_json),
    requestId: row.request_id,
    hash: row.hash,
  };
}

export async function browseAudit(db: Db, filter: AuditFilter): Promise<{ entries: AuditEntryView[]; nextBeforeSeq: number | null }> {
  const rows = await listAuditEntries(db, { ...filter, limit: filter.limit + 1 });
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  return { entries: page.map(presentAuditEntry), nextBeforeSeq: rows.length > filter.limit && last ? last.seq : null };
}

/** The audit entry of a change, appended in the caller's transaction (the capabilities' way in). */
export { appendAuditEntry, SerializedJson } from './audit.repository.js';

export async function auditSequence(db: DbOrTrx): Promise<number> {
  return readAuditSequence(db);
}
