import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { isPostgres } from '../db/database.js';
import { describeEachDatabase } from '../../testing/databases.js';
import type { Actor } from './actor.js';
import { appendAuditEntry, readAuditHead } from './audit.repository.js';
import { verifyAuditChain } from './audit.service.js';
import { checkLink, entryHash, GENESIS_HASH } from './chain.js';

const actor: Actor = { type: 'cli', id: null, label: 'cli:test', requestId: 'req-1' };

describe('audit chain arithmetic', () => {
  const content = {
    seq: 1,
    at: '2026-01-01T00:00:00.000Z',
    actor_type: 'cli',
    actor_id: null,
    actor_label: 'cli:test',
    action: 'x.create',
    entity_type: 'x',
    entity_id: '1',
    before_json: null,
    after_json: '{"a":1}',
    request_id: null,
  };
  it('a hash covers every field and the previous hash', () => {
    const h = entryHash(GENESIS_HASH, content);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash(GENESIS_HASH, { ...content, after_json: '{"a":2}' })).not.toBe(h);
    expect(entryHash('1'.repeat(64), content)).not.toBe(h);
    expect(checkLink(undefined, { ...content, prev_hash: GENESIS_HASH, hash: h })).toBeNull();
    expect(checkLink(undefined, { ...content, actor_label: 'someone else', prev_hash: GENESIS_HASH, hash: h })?.reason).toMatch(/altered/);
  });
});

describeEachDatabase('audit trail', (get) => {
  async function append(n: number): Promise<void> {
    for (let i = 0; i < n; i += 1) {
      await get()
        .db.transaction()
        .execute((trx) =>
          appendAuditEntry(trx, actor, {
            action: 'thing.update',
            entityType: 'thing',
            entityId: String(i),
            before: { v: i },
            after: { v: i + 1 },
          }),
        );
    }
  }

  /** What an intruder with database access would do: switch off the append-only triggers first. */
  async function tamper(statement: string): Promise<void> {
    const db = get().db;
    if (isPostgres(db)) {
      await sql.raw('alter table audit_log disable trigger audit_log_no_update').execute(db);
      await sql.raw(statement).execute(db);
      await sql.raw('alter table audit_log enable trigger audit_log_no_update').execute(db);
    } else {
      await sql.raw('drop trigger audit_log_no_update').execute(db);
      await sql.raw('drop trigger audit_log_no_delete').execute(db);
      await sql.raw(statement).execute(db);
      await sql
        .raw(`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`)
        .execute(db);
      await sql
        .raw(`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`)
        .execute(db);
    }
  }

  it('links every entry to the one before and verifies intact', async () => {
    await append(5);
    const result = await verifyAuditChain(get().db);
    expect(result.ok).toBe(true);
    const head = await readAuditHead(get().db);
    expect(result.checked).toBe(head.last_seq);
    const rows = await get().db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
  });

  it('refuses updates and deletes of entries in the database itself', async () => {
    await expect(get().db.updateTable('audit_log').set({ actor_label: 'x' }).where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
    await expect(get().db.deleteFrom('audit_log').where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
  });

  it('keeps one unbroken chain when many transactions append at once', async () => {
    const before = (await readAuditHead(get().db)).last_seq;
    // PostgreSQL: a second pool, as a second server process would have. SQLite's driver is
    // synchronous, so one process keeps one connection and Kysely queues its transactions.
    const other = get().kind === 'postgres' ? get().openAnother() : get().db;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? get().db : other)
          .transaction()
          .execute((trx) => appendAuditEntry(trx, actor, { action: 'thing.concurrent', entityType: 'thing', entityId: `c${i}` })),
      ),
    );
    expect((await readAuditHead(get().db)).last_seq).toBe(before + 20);
    expect((await verifyAuditChain(get().db)).ok).toBe(true);
  });

  it('names an altered entry', async () => {
    await tamper(`update audit_log set after_json = '{"v":999}' where seq = 3`);
    const result = await verifyAuditChain(get().db);
    expect(result).toMatchObject({ ok: false, checked: 2, broken: { seq: 3 } });
    expect(result.broken!.reason).toMatch(/entry 3 was altered/);
  });
});

describeEachDatabase('audit trail deletions', (get) => {
  async function append(n: number): Promise<void> {
    for (let i = 0; i < n; i += 1) {
      await get()
        .db.transaction()
        .execute((trx) => appendAuditEntry(trx, actor, { action: 'thing.create', entityType: 'thing', entityId: String(i) }));
    }
  }
  async function removeRows(where: string): Promise<void> {
    const db = get().db;
    if (isPostgres(db)) {
      await sql.raw('alter table audit_log disable trigger audit_log_no_update').execute(db);
      await sql.raw(`delete from audit_log where ${where}`).execute(db);
    } else {
      await sql.raw('drop trigger if exists audit_log_no_delete').execute(db);
      await sql.raw(`delete from audit_log where ${where}`).execute(db);
    }
  }

  it('names a removed entry in the middle, then removed newest entries', async () => {
    await append(6);
    const last = (await readAuditHead(get().db)).last_seq;
    await removeRows(`seq = ${last}`);
    expect((await verifyAuditChain(get().db)).broken).toEqual({
      seq: last,
      reason: `entries ${last}–${last} are missing from the end of the trail`,
    });
    await removeRows('seq = 4');
    const result = await verifyAuditChain(get().db);
    expect(result.broken).toEqual({ seq: 4, reason: 'entry 4 is missing (the next entry found is 5)' });
  });
});
