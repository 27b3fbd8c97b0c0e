import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../app/app.js';
import type { Db } from '../db/database.js';
import { describeEachDatabase, testConfig } from '../../testing/databases.js';
import { bearer, makeUser, signIn, type TestUser } from '../../testing/factories.js';
import { FloodGate, SECURITY_EVENT_FLOOD } from './flood.js';
import { SecurityLog, type SecurityEvent, type SecurityEventView } from './security-events.service.js';

describe('flood gate', () => {
  const limit = { perKey: 2, total: 3, windowMs: 60_000, maxKeys: 100 };

  it('records at most perKey per key and total per window, and reports what it left out in the next window', () => {
    const gate = new FloodGate(limit);
    const t0 = 1_000_000;
    expect(gate.admit('a', t0)).toEqual({ record: true, droppedBefore: 0 });
    expect(gate.admit('a', t0 + 1)).toEqual({ record: true, droppedBefore: 0 });
    expect(gate.admit('a', t0 + 2)).toEqual({ record: false, first: true });
    expect(gate.admit('a', t0 + 3)).toEqual({ record: false, first: false });
    expect(gate.admit('b', t0 + 4)).toEqual({ record: true, droppedBefore: 0 });
    // The process-wide limit (3) is reached: another address is held back too.
    expect(gate.admit('c', t0 + 5)).toEqual({ record: false, first: true });
    expect(gate.admit('a', t0 + 60_000)).toEqual({ record: true, droppedBefore: 2 });
    expect(gate.admit('a', t0 + 60_001)).toEqual({ record: true, droppedBefore: 0 });
  });

  it('keeps a bounded number of keys', () => {
    const gate = new FloodGate({ ...limit, total: 1_000_000, maxKeys: 10 });
    for (let i = 0; i < 1000; i += 1) expect(gate.admit(`ip-${i}`, 5_000 + i).record).toBe(true);
  });

  it('is 10 per minute per address and kind, 300 per minute per process', () => {
    expect(SECURITY_EVENT_FLOOD).toMatchObject({ perKey: 10, total: 300, windowMs: 60_000 });
  });
});

function fakeLog() {
  return { warn: vi.fn(), error: vi.fn() } as unknown as FastifyBaseLogger & {
    warn: ReturnType<typeof vi.fn>;
    error: ReturnType<typeof vi.fn>;
  };
}

const EVENT: SecurityEvent = {
  kind: 'login_failed',
  ip: '192.0.2.7',
  userId: null,
  email: 'x'.repeat(300),
  method: 'POST',
  path: '/api/v1/auth/login',
  status: 401,
  requestId: 'req-1',
};

describeEachDatabase('security event log', (get) => {
  let app: FastifyInstance;
  let admin: TestUser;
  let coordinator: TestUser;

  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
    await app.ready();
    admin = await makeUser(get().db, 'admin');
    coordinator = await makeUser(get().db, 'coordinator', 'AL');
  });
  afterAll(async () => app.close());

  /** The events recorded for one request (by its x-request-id). */
  async function eventsOf(response: { headers: Record<string, unknown> }): Promise<SecurityEventView[]> {
    const list = await app.inject({ method: 'GET', url: '/api/v1/security-events?limit=500', headers: bearer(admin) });
    expect(list.statusCode).toBe(200);
    return (list.json().events as SecurityEventView[]).filter((e) => e.requestId === response.headers['x-request-id']);
  }

  it('records a failed sign-in with the address as typed', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login?next=/home',
      payload: { email: ' Nobody@Example.ORG', password: 'wrong-password' },
      remoteAddress: '198.51.100.1',
    });
    expect(response.statusCode).toBe(401);
    expect(await eventsOf(response)).toEqual([
      {
        id: expect.any(Number),
        at: expect.any(String),
        kind: 'login_failed',
        ip: '198.51.100.1',
        userId: null,
        email: ' Nobody@Example.ORG',
        method: 'POST',
        path: '/api/v1/auth/login',
        status: 401,
        requestId: response.headers['x-request-id'],
      },
    ]);
  });

  it('records a 403 of a wrong role and of a coordinator asking for another partner', async () => {
    const role = await app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(coordinator) });
    expect(role.statusCode).toBe(403);
    expect(await eventsOf(role)).toEqual([
      expect.objectContaining({ kind: 'forbidden', path: '/api/v1/users', status: 403, userId: coordinator.user.id, email: null }),
    ]);
    const partner = await app.inject({ method: 'GET', url: '/api/v1/partners/RS/users?x=1', headers: bearer(coordinator) });
    expect(partner.statusCode).toBe(403);
    expect(partner.json().error.code).toBe('forbidden');
    expect(await eventsOf(partner)).toEqual([
      expect.objectContaining({
        kind: 'other_partner',
        method: 'GET',
        path: '/api/v1/partners/RS/users',
        status: 403,
        userId: coordinator.user.id,
      }),
    ]);
  });

  it('records a CSRF refusal', async () => {
    const { cookie } = await signIn(app, coordinator.user.email, coordinator.password);
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_token_invalid');
    expect(await eventsOf(response)).toEqual([
      expect.objectContaining({
        kind: 'csrf_invalid',
        method: 'POST',
        path: '/api/v1/auth/logout',
        status: 403,
        userId: coordinator.user.id,
      }),
    ]);
  });

  it('records 401s without and with an invalid token, and throttled sign-ins', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(await eventsOf(anonymous)).toEqual([expect.objectContaining({ kind: 'unauthenticated', path: '/api/v1/me', status: 401 })]);
    const token = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: 'Bearer jha_not-a-token' } });
    expect(await eventsOf(token)).toEqual([expect.objectContaining({ kind: 'token_invalid', path: '/api/v1/me', status: 401 })]);
    let last = null as Awaited<ReturnType<typeof app.inject>> | null;
    for (let i = 0; i < 4; i += 1) {
      last = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: admin.user.email, password: 'not-the-password' },
        remoteAddress: '198.51.100.10',
      });
    }
    expect(last!.statusCode).toBe(429);
    expect(await eventsOf(last!)).toEqual([
      expect.objectContaining({ kind: 'throttled', email: admin.user.email, path: '/api/v1/auth/login', status: 429, userId: null }),
    ]);
  });

  it('writes at most 10 events a minute per address and kind in a flood', async () => {
    for (let i = 0; i < 25; i += 1) {
      expect((await app.inject({ method: 'GET', url: '/api/v1/audit', remoteAddress: '203.0.113.9' })).statusCode).toBe(401);
    }
    const rows = await get()
      .db.selectFrom('security_events')
      .select('id')
      .where('ip', '=', '203.0.113.9')
      .where('kind', '=', 'unauthenticated')
      .execute();
    expect(rows).toHaveLength(10);
  });

  it('answers the request when the event cannot be written', async () => {
    const db = get().db;
    await sql.raw('alter table security_events rename to security_events_hidden').execute(db);
    try {
      const response = await app.inject({
        method: 'GET',
        url: '/api/v1/users',
        headers: bearer(coordinator),
        remoteAddress: '203.0.113.50',
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
    } finally {
      await sql.raw('alter table security_events_hidden rename to security_events').execute(db);
    }
  });

  it('logs every recorded event as a structured line, and a write failure as an error', async () => {
    const log = fakeLog();
    await new SecurityLog(get().db).record(EVENT, log);
    expect(log.warn).toHaveBeenCalledWith({ security: { ...EVENT, email: 'x'.repeat(254) } }, 'security event login_failed');
    const row = await get().db.selectFrom('security_events').selectAll().where('request_id', '=', 'req-1').executeTakeFirstOrThrow();
    expect(row.email).toHaveLength(254);
    const broken = {
      insertInto: () => {
        throw new Error('disk I/O error');
      },
    } as unknown as Db;
    const failing = fakeLog();
    await expect(new SecurityLog(broken).record(EVENT, failing)).resolves.toBeUndefined();
    expect(failing.error).toHaveBeenCalledWith(
      expect.objectContaining({ security: expect.objectContaining({ kind: 'login_failed' }) }),
      expect.any(String),
    );
  });

  it('lets admins browse by kind, newest first, a page at a time; a coordinator gets 403', async () => {
    const refused = await app.inject({ method: 'GET', url: '/api/v1/security-events', headers: bearer(coordinator) });
    expect(refused.statusCode).toBe(403);
    expect(await eventsOf(refused)).toEqual([expect.objectContaining({ kind: 'forbidden', path: '/api/v1/security-events' })]);
    const first = await app.inject({ method: 'GET', url: '/api/v1/security-events?kind=login_failed&limit=1', headers: bearer(admin) });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.events).toHaveLength(1);
    expect(page1.nextBefore).toBe(page1.events[0].id);
    const second = await app.inject({
      method: 'GET',
      url: `/api/v1/security-events?kind=login_failed&limit=500&before=${page1.nextBefore}`,
      headers: bearer(admin),
    });
    const older = second.json().events as SecurityEventView[];
    expect(older.length).toBeGreaterThan(0);
    expect(older.every((e) => e.kind === 'login_failed' && e.id < page1.nextBefore)).toBe(true);
    expect(second.json().nextBefore).toBeNull();
    const unknown = await app.inject({ method: 'GET', url: '/api/v1/security-events?kind=nonsense', headers: bearer(admin) });
    expect(unknown.statusCode).toBe(400);
  });
});
