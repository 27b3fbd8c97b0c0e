import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app/app.js';
import { loadConfig } from '../config.js';
import { isPostgres, type Db } from '../db/database.js';
import { describeEachDatabase, testConfig } from '../../testing/databases.js';
import { makeUser } from '../../testing/factories.js';
import { createApiToken } from '../auth/auth.service.js';
import { createUser } from '../users/users.service.js';
import { SYSTEM_ACTOR, type Actor } from './actor.js';
import { chainKeysOf, developmentAuditKey, installAuditKey } from './audit-key.js';
import { appendAuditEntry, readAuditHead } from './audit.repository.js';
import { verifyAuditChain } from './audit.service.js';
import { checkLink, entryHash, GENESIS_HASH, parseAnchor, type HashScheme, type StoredEntry } from './chain.js';

const actor: Actor = { type: 'cli', id: null, label: 'cli:test', requestId: 'req-1' };
const SESSION_SECRET = 'audit-test-session-secret-0123456789abcdef';
const KEY_SOURCE = { auditKey: 'audit-test-dedicated-key-0123456789abcdef', sessionSecret: SESSION_SECRET };
const KEYS = chainKeysOf(KEY_SOURCE);
// As createContext does in the server and the CLI: every entry this file writes is keyed with AUDIT_KEY.
installAuditKey(KEY_SOURCE);

/** What an intruder with database access would do: switch off the append-only triggers, change rows, switch them on. */
async function withoutTriggers(db: Db, change: () => Promise<void>): Promise<void> {
  if (isPostgres(db)) {
    await sql.raw('alter table audit_log disable trigger audit_log_no_update').execute(db);
    await change();
    await sql.raw('alter table audit_log enable trigger audit_log_no_update').execute(db);
  } else {
    await sql.raw('drop trigger audit_log_no_update').execute(db);
    await sql.raw('drop trigger audit_log_no_delete').execute(db);
    await change();
    await sql
      .raw(`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`)
      .execute(db);
    await sql
      .raw(`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`)
      .execute(db);
  }
}

/** Appends `n` entries, one transaction each. */
async function appendEntries(db: Db, n: number, action = 'thing.update'): Promise<void> {
  for (let i = 0; i < n; i += 1) {
    await db
      .transaction()
      .execute((trx) =>
        appendAuditEntry(trx, actor, { action, entityType: 'thing', entityId: String(i), before: { v: i }, after: { v: i + 1 } }),
      );
  }
}

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
    expect(checkLink(undefined, { ...content, prev_hash: GENESIS_HASH, hash: h }, KEYS)).toBeNull();
    expect(checkLink(undefined, { ...content, actor_label: 'someone else', prev_hash: GENESIS_HASH, hash: h }, KEYS)?.reason).toMatch(
      /altered/,
    );
  });

  it('a keyed hash depends on the key and the scheme, and cannot be made without it', () => {
    const plain = entryHash(GENESIS_HASH, content);
    const keyed = entryHash(GENESIS_HASH, content, 'hmac-sha256', KEYS.dedicated!);
    expect(keyed).toMatch(/^[0-9a-f]{64}$/);
    expect(keyed).not.toBe(plain);
    expect(entryHash(GENESIS_HASH, content, 'hmac-sha256', Buffer.from('another key of enough length, 0123456789'))).not.toBe(keyed);
    expect(entryHash(GENESIS_HASH, content, 'hmac-sha256-dev', KEYS.dedicated!)).not.toBe(keyed);
    expect(() => entryHash(GENESIS_HASH, content, 'hmac-sha256')).toThrow(/needs a key/);
  });

  /** A chain of entries with the given schemes, each hashed correctly. */
  function chainOf(schemes: HashScheme[]): StoredEntry[] {
    const entries: StoredEntry[] = [];
    let prev = GENESIS_HASH;
    for (const [i, scheme] of schemes.entries()) {
      const c = { ...content, seq: i + 1 };
      const key = scheme === 'hmac-sha256' ? KEYS.dedicated! : scheme === 'hmac-sha256-dev' ? KEYS.development : undefined;
      const hash = entryHash(prev, c, scheme, key);
      entries.push({ ...c, prev_hash: prev, hash, hash_scheme: scheme });
      prev = hash;
    }
    return entries;
  }
  function firstBreak(entries: StoredEntry[], keys = KEYS) {
    let previous: { seq: number; hash: string; strongest: HashScheme } | undefined;
    for (const e of entries) {
      const broken = checkLink(previous, e, keys);
      if (broken) return broken;
      previous = { seq: e.seq, hash: e.hash, strongest: e.hash_scheme as HashScheme };
    }
    return null;
  }

  it('keeps entries from before the key verifiable, and refuses a weaker scheme after a stronger one', () => {
    expect(firstBreak(chainOf(['sha256', 'sha256', 'hmac-sha256-dev', 'hmac-sha256', 'hmac-sha256']))).toBeNull();
    expect(firstBreak(chainOf(['hmac-sha256', 'sha256']))).toEqual({
      seq: 2,
      reason: 'entry 2 was altered: it claims the weaker hash scheme sha256 after entries hashed with hmac-sha256',
    });
    expect(firstBreak(chainOf(['hmac-sha256-dev', 'hmac-sha256', 'hmac-sha256-dev']))).toEqual({
      seq: 3,
      reason: 'entry 3 was altered: it claims the weaker hash scheme hmac-sha256-dev after entries hashed with hmac-sha256',
    });
    expect(firstBreak(chainOf(['sha256', 'hmac-sha256']), chainKeysOf({ sessionSecret: SESSION_SECRET }))).toEqual({
      seq: 2,
      reason: 'entry 2 is keyed with AUDIT_KEY, which is not set: set AUDIT_KEY to verify the trail',
    });
    const devKeyed = chainOf(['hmac-sha256-dev']);
    expect(firstBreak(devKeyed, chainKeysOf({ sessionSecret: 'another-session-secret-0123456789abcdef' }))?.reason).toBe(
      'entry 1 was altered: its content no longer matches its hash (or SESSION_SECRET changed since it was written)',
    );
  });

  it('derives the development key from SESSION_SECRET without being it', () => {
    expect(KEYS.development.equals(developmentAuditKey(SESSION_SECRET))).toBe(true);
    expect(KEYS.development.toString('utf8')).not.toContain(SESSION_SECRET);
    expect(developmentAuditKey('x'.repeat(40)).equals(KEYS.development)).toBe(false);
  });

  it('reads anchors as SEQ:HASH', () => {
    expect(parseAnchor(`12:${'A'.repeat(64)}`)).toEqual({ seq: 12, hash: 'a'.repeat(64) });
    for (const bad of ['12', `x:${'a'.repeat(64)}`, `12:${'a'.repeat(63)}`, `-1:${'a'.repeat(64)}`]) expect(parseAnchor(bad)).toBeNull();
  });

  it('takes AUDIT_KEY from the environment: at least 32 characters, not SESSION_SECRET', () => {
    const env = { DATABASE_URL: 'sqlite::memory:', SESSION_SECRET };
    expect(loadConfig(env).auditKey).toBeNull();
    expect(loadConfig({ ...env, AUDIT_KEY: KEY_SOURCE.auditKey }).auditKey).toBe(KEY_SOURCE.auditKey);
    expect(() => loadConfig({ ...env, AUDIT_KEY: 'short' })).toThrow('AUDIT_KEY: must be at least 32 characters long (it is 5).');
    expect(() => loadConfig({ ...env, AUDIT_KEY: SESSION_SECRET })).toThrow('AUDIT_KEY: must differ from SESSION_SECRET');
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

  async function tamper(statement: string): Promise<void> {
    const db = get().db;
    await withoutTriggers(db, async () => {
      await sql.raw(statement).execute(db);
    });
  }

  it('links every entry to the one before and verifies intact', async () => {
    await append(5);
    const result = await verifyAuditChain(get().db);
    expect(result.ok).toBe(true);
    const head = await readAuditHead(get().db);
    expect(result.checked).toBe(head.last_seq);
    expect(result).toMatchObject({ dedicatedKey: true, schemes: { sha256: 0, 'hmac-sha256-dev': 0, 'hmac-sha256': head.last_seq } });
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

describeEachDatabase('keyed audit chain: an edit recomputed without the key', (get) => {
  /**
   * An intruder's edit of entry `seq`, with the chain recomputed from it to the end and the head
   * rewritten, as far as they can without AUDIT_KEY: plain SHA-256, or a key they guessed.
   */
  async function editAndRecompute(seq: number, scheme: HashScheme, key: Buffer | undefined, label: HashScheme = scheme): Promise<void> {
    const db = get().db;
    await withoutTriggers(db, async () => {
      await db.updateTable('audit_log').set({ after_json: '{"v":"forged"}' }).where('seq', '=', seq).execute();
      const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', seq).orderBy('seq').execute();
      let prev = (
        await db
          .selectFrom('audit_log')
          .select('hash')
          .where('seq', '=', seq - 1)
          .executeTakeFirstOrThrow()
      ).hash;
      for (const row of rows) {
        const hash = entryHash(prev, row, scheme, key);
        await db.updateTable('audit_log').set({ prev_hash: prev, hash, hash_scheme: label }).where('seq', '=', row.seq).execute();
        prev = hash;
      }
      await db
        .updateTable('audit_head')
        .set({ last_seq: rows[rows.length - 1]!.seq, last_hash: prev })
        .where('id', '=', 1)
        .execute();
    });
  }

  let target = 0;
  it('an entry edited and the chain recomputed with plain SHA-256 fails verification naming the entry', async () => {
    await appendEntries(get().db, 5);
    expect((await verifyAuditChain(get().db)).ok).toBe(true);
    target = (await readAuditHead(get().db)).last_seq - 2;
    await editAndRecompute(target, 'sha256', undefined, 'hmac-sha256');
    expect((await verifyAuditChain(get().db)).broken).toEqual({
      seq: target,
      reason: `entry ${target} was altered: its content no longer matches its hash (or AUDIT_KEY is not the key it was written with)`,
    });
  });

  it('so does the same edit relabelled as unkeyed entries', async () => {
    await editAndRecompute(target, 'sha256', undefined);
    const result = await verifyAuditChain(get().db);
    expect(result).toMatchObject({ ok: false, checked: target - 1 });
    expect(result.broken).toEqual({
      seq: target,
      reason: `entry ${target} was altered: it claims the weaker hash scheme sha256 after entries hashed with hmac-sha256`,
    });
  });

  it('and keyed with the development key, which whoever reads SESSION_SECRET can derive', async () => {
    await editAndRecompute(target, 'hmac-sha256-dev', developmentAuditKey(SESSION_SECRET));
    expect((await verifyAuditChain(get().db)).broken).toEqual({
      seq: target,
      reason: `entry ${target} was altered: it claims the weaker hash scheme hmac-sha256-dev after entries hashed with hmac-sha256`,
    });
  });
});

describeEachDatabase('keyed audit chain: anchors', (get) => {
  it('an untouched chain verifies with its anchor, also after more entries', async () => {
    await appendEntries(get().db, 3);
    const taken = await verifyAuditChain(get().db);
    const head = await readAuditHead(get().db);
    expect(taken.last).toMatchObject({ seq: head.last_seq, hash: head.last_hash });
    const anchor = { seq: taken.last.seq, hash: taken.last.hash };
    expect(await verifyAuditChain(get().db, { anchor })).toMatchObject({ ok: true, broken: null, anchor });
    await appendEntries(get().db, 2);
    expect(await verifyAuditChain(get().db, { anchor })).toMatchObject({ ok: true, checked: anchor.seq + 2, anchor });
    const wrong = { seq: anchor.seq, hash: 'f'.repeat(64) };
    expect((await verifyAuditChain(get().db, { anchor: wrong })).broken).toEqual({
      seq: anchor.seq,
      reason: `entry ${anchor.seq} does not match the anchor ${anchor.seq}:${'f'.repeat(64)}: the trail up to entry ${anchor.seq} was rewritten`,
    });
  });

  it('refuses to append with a weaker key than the trail’s (AUDIT_KEY unset after it was used)', async () => {
    installAuditKey({ sessionSecret: SESSION_SECRET });
    try {
      await expect(appendEntries(get().db, 1)).rejects.toThrow(
        'The audit trail is keyed with AUDIT_KEY, but AUDIT_KEY is not set: set it (to the same value) before changing data.',
      );
      installAuditKey(null);
      await expect(appendEntries(get().db, 1)).rejects.toThrow(/No audit key is configured in this process/);
    } finally {
      installAuditKey(KEY_SOURCE);
    }
    expect((await verifyAuditChain(get().db)).ok).toBe(true);
  });

  it('newest entries deleted and audit_head rewritten pass the plain check, but not the anchor: the trail was cut short', async () => {
    const anchor = (await verifyAuditChain(get().db)).last;
    const db = get().db;
    await withoutTriggers(db, async () => {
      await db
        .deleteFrom('audit_log')
        .where('seq', '>', anchor.seq - 2)
        .execute();
      const last = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').executeTakeFirstOrThrow();
      await db.updateTable('audit_head').set({ last_seq: last.seq, last_hash: last.hash }).where('id', '=', 1).execute();
    });
    expect((await verifyAuditChain(db)).ok).toBe(true);
    const result = await verifyAuditChain(db, { anchor: { seq: anchor.seq, hash: anchor.hash } });
    expect(result).toMatchObject({ ok: false, checked: anchor.seq - 2 });
    expect(result.broken).toEqual({
      seq: anchor.seq - 1,
      reason: `the trail was cut short: it ends at entry ${anchor.seq - 2}, but the anchor names entry ${anchor.seq}`,
    });
  });
});

describeEachDatabase('audit trail as listed over HTTP: who and what by name', (get) => {
  let app: FastifyInstance;
  let admin: { id: string; email: string; token: string; tokenId: string };
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const list = (query: string, token = admin.token) => app.inject({ method: 'GET', url: `/api/v1/audit?${query}`, headers: auth(token) });

  beforeAll(async () => {
    // The app installs its config's audit key: the same as the rest of this file's.
    app = await buildApp({ config: testConfig(get().config, KEY_SOURCE), db: get().db, logger: false });
    await app.ready();
    const user = await createUser(get().db, SYSTEM_ACTOR, {
      email: 'zora.auditor@test.example.org',
      name: 'Zora Auditor',
      role: 'admin',
      password: 'a-good-long-password-for-zora',
    });
    const { token, view } = await createApiToken(get().db, SYSTEM_ACTOR, user.email, 'audit test');
    admin = { id: user.id, email: user.email, token, tokenId: view.id };
  });
  afterAll(async () => app.close());

  it('names the acting user and the user acted on, and keeps the ids', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: auth(admin.token),
      payload: {
        email: 'ana.coordinator@test.example.org',
        name: 'Ana Coordinator',
        role: 'coordinator',
        partner: 'ME',
        password: 'another-good-long-password',
      },
    });
    expect(created.statusCode).toBe(201);
    const ana = created.json<{ id: string }>().id;
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${ana}`,
      headers: auth(admin.token),
      payload: { disabled: true },
    });
    expect(patched.statusCode).toBe(200);

    const response = await list(`entityType=user&entityId=${ana}`);
    expect(response.statusCode).toBe(200);
    const { entries } = response.json<{ entries: Record<string, unknown>[] }>();
    expect(entries.map((e) => e.action)).toEqual(['user.update', 'user.create']);
    for (const entry of entries) {
      expect(entry.actor).toEqual({
        type: 'token',
        id: admin.id,
        label: `zora.auditor@test.example.org (token ${admin.tokenId})`,
        name: 'Zora Auditor',
        email: 'zora.auditor@test.example.org',
      });
      expect(entry).toMatchObject({
        entityType: 'user',
        entityId: ana,
        entityUser: { name: 'Ana Coordinator', email: 'ana.coordinator@test.example.org' },
      });
    }
    expect(entries[0]).toMatchObject({ before: { disabled: false }, after: { disabled: true } });
  });

  it('names the system and the command line by their kind, and only users as what was acted on', async () => {
    await get()
      .db.transaction()
      .execute((trx) => appendAuditEntry(trx, actor, { action: 'thing.named', entityType: 'thing', entityId: admin.id }));
    const [cli] = (await list('action=thing.named')).json<{ entries: Record<string, unknown>[] }>().entries;
    expect(cli).toMatchObject({
      actor: { type: 'cli', id: null, label: 'cli:test', name: null, email: null },
      entityType: 'thing',
      entityUser: null,
    });
    const own = (await list(`entityType=user&entityId=${admin.id}&action=user.create`)).json<{ entries: Record<string, unknown>[] }>();
    expect(own.entries).toHaveLength(1);
    expect(own.entries[0]).toMatchObject({
      actor: { type: 'system', id: null, label: 'system', name: null, email: null },
      entityUser: { name: 'Zora Auditor', email: 'zora.auditor@test.example.org' },
    });
  });

  it('finds entries by the actor’s name as well as by the recorded label', async () => {
    const byName = (await list('actor=zora%20aud')).json<{ entries: { actor: { name: string | null } }[] }>().entries;
    expect(byName.length).toBe(2);
    expect(new Set(byName.map((e) => e.actor.name))).toEqual(new Set(['Zora Auditor']));
    expect((await list('actor=zora.auditor@')).json<{ entries: unknown[] }>().entries).toHaveLength(2);
  });

  it('stays for admin and Commission: a coordinator and a reviewer are refused', async () => {
    const commission = await makeUser(get().db, 'commission');
    const viewed = (await list('action=user.update', commission.token)).json<{ entries: { actor: { name: string } }[] }>();
    expect(viewed.entries[0]!.actor.name).toBe('Zora Auditor');
    for (const caller of [await makeUser(get().db, 'coordinator', 'ME'), await makeUser(get().db, 'reviewer')]) {
      const refused = await list('', caller.token);
      expect(refused.statusCode).toBe(403);
      expect(refused.body).not.toContain('Zora');
    }
  });
});
