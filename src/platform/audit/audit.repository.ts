// The only place that writes SQL for audit_log and audit_head.
import { sql, type CompiledQuery } from 'kysely';
import type { Db, DbOrTrx, Trx } from '../db/database.js';
import { isPostgres } from '../db/database.js';
import type { AuditLogTable } from '../db/tables.js';
import { AppError } from '../errors.js';
import type { Actor } from './actor.js';
import { installedAuditKeys, writingKey } from './audit-key.js';
import { entryHash, schemeRank, type HashScheme, type StoredEntry } from './chain.js';

export interface AuditChange {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** A before or after value already written as JSON (a large one, built without an object per item). */
export class SerializedJson {
  constructor(readonly text: string) {}
}

function toJson(value: unknown): string | null {
  if (value instanceof SerializedJson) return value.text;
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/**
 * Appends one entry inside the caller's transaction, so the change and its audit entry commit
 * together. The head row is locked first: concurrent writers (several processes on PostgreSQL)
 * queue up and each entry links to the one committed before it. The entry is keyed with the
 * process's audit key (audit-key.ts); a process whose key is weaker than the newest entry's
 * (AUDIT_KEY unset after it was used) is refused rather than writing an entry that breaks the chain.
 */
export async function appendAuditEntry(trx: Trx, actor: Actor, change: AuditChange): Promise<AuditLogTable> {
  let headQuery = trx.selectFrom('audit_head').select(['last_seq', 'last_hash']).where('id', '=', 1);
  if (isPostgres(trx)) headQuery = headQuery.forUpdate();
  const head = await headQuery.executeTakeFirstOrThrow();
  const keys = installedAuditKeys();
  const { scheme, key }: { scheme: HashScheme; key?: Buffer } = keys ? writingKey(keys) : { scheme: 'sha256' };
  if (head.last_seq > 0) {
    const last = await trx.selectFrom('audit_log').select('hash_scheme').where('seq', '=', head.last_seq).executeTakeFirst();
    if (last && schemeRank(last.hash_scheme) > schemeRank(scheme)) {
      throw new AppError(
        'audit_key_missing',
        500,
        keys
          ? 'The audit trail is keyed with AUDIT_KEY, but AUDIT_KEY is not set: set it (to the same value) before changing data.'
          : 'No audit key is configured in this process, but the audit trail is keyed: nothing can be changed here.',
      );
    }
  }
  const content = {
    seq: head.last_seq + 1,
    at: new Date().toISOString(),
    actor_type: actor.type,
    actor_id: actor.id,
    actor_label: actor.label,
    action: change.action,
    entity_type: change.entityType,
    entity_id: change.entityId,
    before_json: toJson(change.before),
    after_json: toJson(change.after),
    request_id: actor.requestId,
  };
  const row: AuditLogTable = {
    ...content,
    prev_hash: head.last_hash,
    hash: entryHash(head.last_hash, content, scheme, key),
    hash_scheme: scheme,
  };
  await trx.insertInto('audit_log').values(row).execute();
  await trx.updateTable('audit_head').set({ last_seq: row.seq, last_hash: row.hash }).where('id', '=', 1).execute();
  return row;
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
  limit: number;
  beforeSeq?: number;
}

/** A LIKE pattern matching the text literally: as a prefix, or anywhere when `anywhere`. */
function likePattern(text: string, anywhere: boolean): string {
  const literal = text.replace(/[\\%_]/g, (c) => '\\' + c);
  return (anywhere ? '%' : '') + literal + '%';
}

/** An entry with the names the users table gives its actor and, for an entry about a user, that user. */
export interface AuditListRow extends AuditLogTable {
  actor_name: string | null;
  actor_email: string | null;
  entity_user_name: string | null;
  entity_user_email: string | null;
}

/**
 * Newest first; `beforeSeq` pages backwards. The names are the users' current ones, null for an
 * actor that is not a user (system, command line) and for an account no longer there; `actor`
 * matches the entry's recorded label or the actor's current name.
 */
export async function listAuditEntries(db: DbOrTrx, f: AuditFilter): Promise<AuditListRow[]> {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('users as actor_user', 'actor_user.id', 'audit_log.actor_id')
    .leftJoin('users as entity_user', (join) =>
      join.onRef('entity_user.id', '=', 'audit_log.entity_id').on('audit_log.entity_type', '=', 'user'),
    )
    .selectAll('audit_log')
    .select([
      'actor_user.name as actor_name',
      'actor_user.email as actor_email',
      'entity_user.name as entity_user_name',
      'entity_user.email as entity_user_email',
    ]);
  if (f.entityType) q = q.where('audit_log.entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('audit_log.entity_id', '=', f.entityId);
  if (f.action) q = q.where(sql<boolean>`audit_log.action like ${likePattern(f.action, false)} escape '\\'`);
  if (f.actor) {
    const pattern = likePattern(f.actor.toLowerCase(), true);
    q = q.where(
      sql<boolean>`(lower(audit_log.actor_label) like ${pattern} escape '\\' or lower(actor_user.name) like ${pattern} escape '\\')`,
    );
  }
  if (f.from) q = q.where('audit_log.at', '>=', f.from);
  if (f.to) q = q.where('audit_log.at', '<=', f.to);
  if (f.beforeSeq !== undefined) q = q.where('audit_log.seq', '<', f.beforeSeq);
  return q.orderBy('audit_log.seq', 'desc').limit(f.limit).execute();
}

export async function readAuditHead(db: DbOrTrx): Promise<{ last_seq: number; last_hash: string }> {
  return db.selectFrom('audit_head').select(['last_seq', 'last_hash']).where('id', '=', 1).executeTakeFirstOrThrow();
}

/** Reads the chain in seq order, a page at a time, so that verifying a long trail stays in bounded memory. */
export async function* readAuditChain(db: Db, pageSize = 1000): AsyncGenerator<StoredEntry> {
  let after = 0;
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(pageSize).execute();
    for (const row of page) yield row;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.seq;
  }
}

const sequenceQueries = new WeakMap<DbOrTrx, CompiledQuery<{ last_seq: number }>>();

/** The head's sequence number; asked on every public read, so the query is compiled once per database. */
export async function readAuditSequence(db: DbOrTrx): Promise<number> {
  let query = sequenceQueries.get(db);
  if (!query) sequenceQueries.set(db, (query = db.selectFrom('audit_head').select('last_seq').where('id', '=', 1).compile()));
  const row = (await db.executeQuery(query)).rows[0];
  return Number(row?.last_seq ?? 0);
}
