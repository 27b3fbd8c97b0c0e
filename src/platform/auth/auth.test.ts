import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app/app.js';
import { describeEachDatabase, testConfig } from '../../testing/databases.js';
import { bearer, makeUser, signIn, type TestUser } from '../../testing/factories.js';
import { ACCOUNT_POLICY, delaySeconds, retryAfterSeconds } from './throttle.js';

describe('login throttling policy', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  const at = (secondsAgo: number) => new Date(now.getTime() - secondsAgo * 1000).toISOString();
  it('lets the free failures pass, then doubles the delay from the last failure', () => {
    const policy = { free: 3, capSeconds: 900, windowMs: 15 * 60_000 };
    expect(retryAfterSeconds([at(30), at(20)], policy, now)).toBeNull();
    expect(retryAfterSeconds([at(30), at(20), at(1)], policy, now)).toBe(1);
    expect(retryAfterSeconds([at(30), at(20), at(3)], policy, now)).toBeNull();
    expect([3, 4, 5, 6, 12, 13, 40].map((n) => delaySeconds(n, policy))).toEqual([2, 4, 8, 16, 900, 900, 900]);
  });
  it('never delays an account by more than 30 seconds, whatever the number of failures', () => {
    expect(delaySeconds(10, ACCOUNT_POLICY)).toBe(2);
    expect(delaySeconds(14, ACCOUNT_POLICY)).toBe(30);
    expect(delaySeconds(10_000, ACCOUNT_POLICY)).toBe(30);
  });
});

describeEachDatabase('sign-in, sessions and tokens', (get) => {
  let app: FastifyInstance;
  let coordinator: TestUser;

  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
    coordinator = await makeUser(get().db, 'coordinator', 'AL');
  });
  afterAll(async () => app.close());

  it('signs in with e-mail and password and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: coordinator.user.email.toUpperCase(), password: coordinator.password },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ email: coordinator.user.email, role: 'coordinator', partner: 'AL' });
    expect(response.json().user.passwordHash).toBeUndefined();
    const cookie = response.cookies.find((c) => c.name === 'jha_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeUndefined();
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', cookies: { jha_session: cookie.value } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(coordinator.user.email);
  });

  it('marks the cookie Secure when the request came over HTTPS', async () => {
    const proxied = await buildApp({ config: testConfig(get().config, { trustProxy: 1 }), db: get().db, logger: false });
    const response = await proxied.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { email: coordinator.user.email, password: coordinator.password },
    });
    expect(response.cookies.find((c) => c.name === 'jha_session')?.secure).toBe(true);
    await proxied.close();
  });

  it('stores only hashes: neither the session secret nor the password is in the database', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: coordinator.user.email, password: coordinator.password },
    });
    const raw = response.cookies.find((c) => c.name === 'jha_session')!.value;
    const secret = app.unsignCookie(raw).value!;
    const sessions = await get().db.selectFrom('sessions').selectAll().execute();
    expect(sessions.some((s) => s.id === secret)).toBe(false);
    const user = await get().db.selectFrom('users').select('password_hash').where('id', '=', coordinator.user.id).executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const tokens = await get().db.selectFrom('api_tokens').select('token_hash').execute();
    expect(tokens.some((t) => t.token_hash === coordinator.token)).toBe(false);
  });

  it('answers a wrong password and an unknown account alike with 401', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: coordinator.user.email, password: 'wrong-password!' },
      remoteAddress: '10.9.9.1',
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'nobody@example.org', password: 'wrong-password!' },
      remoteAddress: '10.9.9.1',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid_credentials');
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
  });

  it('slows a guesser at one address with 429 and Retry-After, while the owner signs in from elsewhere', async () => {
    const victim = await makeUser(get().db, 'reviewer');
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 10; i += 1) {
      last = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: victim.user.email, password: `guess-${i}-wrong` },
        remoteAddress: '10.1.0.1',
      });
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429, 429, 429, 429, 429]);
    expect(Number(last!.headers['retry-after'])).toBe(2);
    expect(last!.json().error).toMatchObject({ code: 'rate_limited', message: 'Too many failed sign-ins; try again in 2 seconds.' });
    const owner = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: victim.user.email, password: victim.password },
      remoteAddress: '10.1.0.99',
    });
    expect(owner.statusCode).toBe(200);
  });

  it('delays an account attacked from many addresses by at most 30 seconds, then lets the owner in', async () => {
    const victim = await makeUser(get().db, 'reviewer');
    // Forty failures from forty addresses over the last ten minutes, the last one just now.
    const now = Date.now();
    await get()
      .db.insertInto('login_failures')
      .values(
        Array.from({ length: 40 }, (_, i) => ({
          id: `spread-${i}-${victim.user.id}`,
          email: victim.user.email,
          ip: `10.3.${i}.1`,
          at: new Date(now - (39 - i) * 15_000).toISOString(),
        })),
      )
      .execute();
    const login = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: victim.user.email, password: victim.password },
        remoteAddress: '10.3.200.1',
      });
    const delayed = await login();
    expect(delayed.statusCode).toBe(429);
    expect(Number(delayed.headers['retry-after'])).toBeLessThanOrEqual(30);
    expect(Number(delayed.headers['retry-after'])).toBeGreaterThanOrEqual(29);
    // Thirty seconds later (the failures moved back in time), the right password opens a session.
    const rows = await get().db.selectFrom('login_failures').select(['id', 'at']).where('email', '=', victim.user.email).execute();
    for (const row of rows) {
      await get()
        .db.updateTable('login_failures')
        .set({ at: new Date(Date.parse(row.at) - 31_000).toISOString() })
        .where('id', '=', row.id)
        .execute();
    }
    expect((await login()).statusCode).toBe(200);
  });

  it('limits failed sign-ins per address across accounts', async () => {
    const ip = '10.2.0.1';
    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: `spray-${i}@example.org`, password: 'not-the-password' },
        remoteAddress: ip,
      });
      statuses.push(r.statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    const elsewhere = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: coordinator.user.email, password: coordinator.password },
      remoteAddress: '10.2.0.2',
    });
    expect(elsewhere.statusCode).toBe(200);
  });

  it('refuses a state-changing request with the session cookie but without the CSRF token', async () => {
    const { cookie, csrf } = await signIn(app, coordinator.user.email, coordinator.password);
    const without = await app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: { cookie }, payload: { name: 'x' } });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('csrf_token_invalid');
    const forged = await app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: { cookie, 'x-csrf-token': csrf.slice(1) + 'x' },
      payload: { name: 'x' },
    });
    expect(forged.statusCode).toBe(403);
    const withToken = await app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { name: 'x' },
    });
    expect(withToken.statusCode).toBe(201);
  });

  it('tells the browser who it is on /session: the user with the CSRF token, or user null with 200 for a visitor and after sign-out', async () => {
    const visitor = await app.inject({ method: 'GET', url: '/api/v1/session' });
    expect(visitor.statusCode).toBe(200);
    expect(visitor.json()).toEqual({ user: null, csrfToken: null });
    expect(visitor.headers['cache-control']).toBe('private, no-store');
    const { cookie, csrf } = await signIn(app, coordinator.user.email, coordinator.password);
    const signedIn = await app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });
    expect(signedIn.json()).toMatchObject({ user: { email: coordinator.user.email, role: 'coordinator', partner: 'AL' }, csrfToken: csrf });
    await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': csrf } });
    expect((await app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } })).json()).toEqual({
      user: null,
      csrfToken: null,
    });
  });

  it('signs out: the session no longer works', async () => {
    const { cookie, csrf } = await signIn(app, coordinator.user.email, coordinator.password);
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('accepts a session created through one server in another server process on the same database', async () => {
    const second = await buildApp({ config: testConfig(get().config), db: get().openAnother(), logger: false });
    const { cookie } = await signIn(app, coordinator.user.email, coordinator.password);
    const me = await second.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.id).toBe(coordinator.user.id);
    await second.close();
  });

  it('rejects a cookie signed with another secret', async () => {
    const other = await buildApp({
      config: testConfig(get().config, { sessionSecret: 'another-secret-another-secret-another-secret' }),
      db: get().db,
      logger: false,
    });
    const { cookie } = await signIn(app, coordinator.user.email, coordinator.password);
    expect((await other.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
    await other.close();
  });

  it('revokes a user’s tokens on a password reset and on disabling; re-enabling does not bring them back', async () => {
    const admin = await makeUser(get().db, 'admin');
    const me = (who: TestUser) => app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(who) });
    const reset = await makeUser(get().db, 'reviewer');
    expect((await me(reset)).statusCode).toBe(200);
    const changed = await app.inject({
      method: 'POST',
      url: `/api/v1/users/${reset.user.id}/password`,
      headers: bearer(admin),
      payload: { password: 'a-new-long-enough-password' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await me(reset)).statusCode).toBe(401);
    const disabled = await makeUser(get().db, 'reviewer');
    const patch = (body: object) =>
      app.inject({ method: 'PATCH', url: `/api/v1/users/${disabled.user.id}`, headers: bearer(admin), payload: body });
    expect((await patch({ disabled: true })).statusCode).toBe(200);
    expect((await patch({ disabled: false })).statusCode).toBe(200);
    expect((await me(disabled)).statusCode).toBe(401);
  });

  it('records a token’s use at most once a minute, so that reads do not write on every request', async () => {
    const client = await makeUser(get().db, 'commission');
    const lastUsed = async () =>
      (await get().db.selectFrom('api_tokens').select('last_used_at').where('user_id', '=', client.user.id).executeTakeFirstOrThrow())
        .last_used_at;
    await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(client) });
    const first = await lastUsed();
    expect(typeof first).toBe('string');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(client) });
    expect(await lastUsed()).toBe(first);
  });

  it('serves machine clients with Bearer tokens, until the token is revoked', async () => {
    const client = await makeUser(get().db, 'commission');
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(client) })).json().user.role).toBe('commission');
    const listed = await app.inject({ method: 'GET', url: '/api/v1/me/tokens', headers: bearer(client) });
    const id = listed.json().tokens[0].id;
    expect(listed.json().tokens[0].lastUsedAt).not.toBeNull();
    const revoke = await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: bearer(client) });
    expect(revoke.statusCode).toBe(204);
    const after = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(client) });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toMatch(/invalid or revoked/);
  });

  it('lets nobody but an admin revoke another user’s token', async () => {
    const owner = await makeUser(get().db, 'reviewer');
    const other = await makeUser(get().db, 'commission');
    const admin = await makeUser(get().db, 'admin');
    const id = (await app.inject({ method: 'GET', url: '/api/v1/me/tokens', headers: bearer(owner) })).json().tokens[0].id;
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: bearer(other) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: bearer(admin) })).statusCode).toBe(204);
  });

  it('audits sign-in, sign-out and token changes with the request id', async () => {
    const { cookie, csrf } = await signIn(app, coordinator.user.email, coordinator.password);
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': csrf } });
    const entry = await get()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.logout')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      actor_type: 'user',
      actor_id: coordinator.user.id,
      entity_id: coordinator.user.id,
      request_id: out.headers['x-request-id'],
    });
    const logins = await get().db.selectFrom('audit_log').select('action').where('action', '=', 'auth.login').execute();
    expect(logins.length).toBeGreaterThan(0);
  });

  it('ends a session unused for longer than the idle timeout, and keeps one in use alive', async () => {
    const { cookie } = await signIn(app, coordinator.user.email, coordinator.password, '10.4.0.1');
    const me = () => app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    const sessionOf = () =>
      get().db.selectFrom('sessions').select(['id', 'last_seen_at']).where('ip', '=', '10.4.0.1').executeTakeFirstOrThrow();
    const session = await sessionOf();
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    // Used 29 minutes ago: still alive, and the use moves last_seen_at to now.
    await get()
      .db.updateTable('sessions')
      .set({ last_seen_at: ago(29) })
      .where('id', '=', session.id)
      .execute();
    expect((await me()).statusCode).toBe(200);
    expect(Date.now() - Date.parse((await sessionOf()).last_seen_at!)).toBeLessThan(10_000);
    // Unused for 31 minutes: the session is over.
    await get()
      .db.updateTable('sessions')
      .set({ last_seen_at: ago(31) })
      .where('id', '=', session.id)
      .execute();
    expect((await me()).statusCode).toBe(401);
  });

  it('takes the client address from the right-most X-Forwarded-For entry the configured proxies added', async () => {
    const proxied = await buildApp({ config: testConfig(get().config, { trustProxy: 1 }), db: get().db, logger: false });
    const victim = await makeUser(get().db, 'reviewer');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      // A client that writes its own X-Forwarded-For cannot pose as a new address each time.
      const response = await proxied.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: victim.user.email, password: 'wrong-password' },
        headers: { 'x-forwarded-for': `198.18.${i}.1, 203.0.113.77` },
        remoteAddress: '127.0.0.1',
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    const failures = await get().db.selectFrom('login_failures').select('ip').where('email', '=', victim.user.email).execute();
    expect(failures.map((f) => f.ip)).toEqual(['203.0.113.77', '203.0.113.77', '203.0.113.77']);
    await proxied.close();
  });
});
