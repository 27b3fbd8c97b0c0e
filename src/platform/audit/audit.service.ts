// Audit trail rules: browsing with filters and verifying the hash chain end to end.
import type { Db, DbOrTrx } from '../db/database.js';
import type { AuditLogTable } from '../db/tables.js';
import { checkLink, GENESIS_HASH, type ChainBreak } from './chain.js';
import { listAuditEntries, readAuditChain, readAuditHead, type AuditFilter } from './audit.repository.js';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  broken: ChainBreak | null;
}

/**
 * Walks the whole chain from the first entry. The first broken link is reported: an altered
 * entry, a missing one, or missing newest entries (the head row no longer matches the last entry).
 */
export async function verifyAuditChain(db: Db): Promise<VerifyResult> {
  let previous: { seq: number; hash: string } | undefined;
  let checked = 0;
  for await (const entry of readAuditChain(db)) {
    const broken = checkLink(previous, entry);
    if (broken) return { ok: false, checked, broken };
    previous = { seq: entry.seq, hash: entry.hash };
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
    return { ok: false, checked, broken: { seq: lastSeq + 1, reason } };
  }
  return { ok: true, checked, broken: null };
}

export interface AuditEntryView {
  seq: number;
  at: string;
  actor: { type: string; id: string | null; label: string };
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  hash: string;
}

export function presentAuditEntry(row: AuditLogTable): AuditEntryView {
  return {
    seq: row.seq,
    at: row.at,
    actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label },
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
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
export { appendAuditEntry } from './audit.repository.js';

/** The sequence number of the latest audit entry: it moves with every change to the platform's data. */
export async function auditSequence(db: DbOrTrx): Promise<number> {
  return Number((await readAuditHead(db)).last_seq);
}
