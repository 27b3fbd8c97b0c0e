import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app/app.js';
import { describeEachDatabase, testConfig } from '../../testing/databases.js';
import { bearer, makeUser, signIn, type TestUser } from '../../testing/factories.js';
import { retryAfterSeconds } from './throttle.js';

describe('login throttling policy', () => {
  const now = new Date('2026-01-01T12:00:00Z');
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  it('allows attempts below the limit and names the wait above it', () => {
    expect(retryAfterSeconds([at(3), at(2)], { max: 3, windowMs: 15 * 60_000 }, now)).toBeNull();
    expect(retryAfterSeconds([at(10), at(3), at(2)], { max: 3, windowMs: 15 * 60_000 }, now)).toBe(5 * 60);
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
    const proxied = await buildApp({ config: testConfig(get().config, { trustProxy: true }), db: get().db, logger: false });
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

  it('answers ten wrong passwords in a row with 429 and Retry-After, even when the right one follows', async () => {
    const victim = await makeUser(get().db, 'reviewer');
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 10; i += 1) {
      last = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: victim.user.email, password: `guess-${i}-wrong` },
        remoteAddress: `10.1.0.${i}`,
      });
      statuses.push(last.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429, 429, 429]);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect(last!.json().error.code).toBe('rate_limited');
    const right = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: victim.user.email, password: victim.password },
      remoteAddress: '10.1.0.99',
    });
    expect(right.statusCode).toBe(429);
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
});
