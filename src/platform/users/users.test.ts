import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../app/app.js';
import { describeEachDatabase, testConfig } from '../../testing/databases.js';
import { bearer, makeUser, signIn, type TestUser } from '../../testing/factories.js';
import { SHIPPED_REVIEW_DOMAINS } from '../../testing/review-domains.js';

describeEachDatabase('user administration', (get) => {
  let app: FastifyInstance;
  let admin: TestUser;

  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
    admin = await makeUser(get().db, 'admin');
  });
  afterAll(async () => app.close());

  const post = (url: string, payload: object, who: TestUser = admin) => app.inject({ method: 'POST', url, payload, headers: bearer(who) });

  it('creates a coordinator bound to one partner and audits it without the password', async () => {
    const response = await post('/api/v1/users', {
      email: 'New.Coordinator@Example.org',
      name: 'Nova',
      role: 'coordinator',
      partner: 'xk',
      password: 'long-enough-password',
    });
    expect(response.statusCode).toBe(201);
    const user = response.json();
    expect(user).toMatchObject({ email: 'new.coordinator@example.org', role: 'coordinator', partner: 'XK', disabled: false });
    const entry = await get().db.selectFrom('audit_log').selectAll().where('entity_id', '=', user.id).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: 'user.create', actor_id: admin.user.id, actor_type: 'token' });
    expect(entry.after_json).toContain('"partner":"XK"');
    expect(entry.after_json).not.toMatch(/password|argon2/);
  });

  it.each([
    [{ email: 'a@example.org', role: 'coordinator', password: 'long-enough-password' }, 'partner', /bound to exactly one partner/],
    [
      { email: 'b@example.org', role: 'coordinator', partner: 'ZZ', password: 'long-enough-password' },
      'partner',
      /"ZZ" is not a known partner/,
    ],
    [{ email: 'c@example.org', role: 'reviewer', partner: 'AL', password: 'long-enough-password' }, 'partner', /only coordinators/],
    [{ email: 'not-an-email', role: 'reviewer', password: 'long-enough-password' }, 'email', /not an e-mail address/],
    [{ email: 'd@example.org', role: 'superuser', password: 'long-enough-password' }, 'role', /role/],
    [{ email: 'e@example.org', role: 'reviewer', password: 'short' }, 'password', /password/],
    [{ email: 'g@example.org', role: 'reviewer', password: 'aaaaaaaaaaaa' }, 'password', /^password: is too easy to guess/],
    [{ email: 'h@example.org', role: 'reviewer', password: 'password1234' }, 'password', /^password: is too easy to guess/],
    [{ email: 'jane.doe@example.org', role: 'reviewer', password: 'jane.doe@example.org' }, 'password', /too easy to guess/],
    [{ email: 'f@example.org', role: 'reviewer' }, 'password', /password/],
    [
      { email: 'g@example.org', role: 'commission', domains: ['justice'], password: 'long-enough-password' },
      'domains',
      /only reviewers are limited to domains/,
    ],
    [
      { email: 'h@example.org', role: 'reviewer', domains: ['sports'], password: 'long-enough-password' },
      'domains',
      /"sports" is not a domain \(commitments, digital_justice, domestic_violence, drugs, firearms, justice, migration, organised_crime, remote_hearings, rule_of_law\)/,
    ],
  ])('rejects %o naming the field', async (payload, field, message) => {
    const response = await post('/api/v1/users', payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
    expect(response.json().error.message).toMatch(message);
    expect(JSON.stringify(response.json().error.details)).toContain(field);
    const stored = await get()
      .db.selectFrom('users')
      .select('id')
      .where('email', '=', String(payload.email).toLowerCase())
      .executeTakeFirst();
    expect(stored).toBeUndefined();
  });

  it('answers a duplicate e-mail with 409 and keeps the first account', async () => {
    const first = await post('/api/v1/users', { email: 'twice@example.org', role: 'reviewer', password: 'long-enough-password' });
    const second = await post('/api/v1/users', { email: 'TWICE@example.org', role: 'admin', password: 'other-long-password' });
    expect(second.statusCode).toBe(409);
    const stored = await get().db.selectFrom('users').selectAll().where('email', '=', 'twice@example.org').execute();
    expect(stored.map((u) => [u.id, u.role])).toEqual([[first.json().id, 'reviewer']]);
  });

  it('changes role and partner, records before and after, and ends the user’s sessions', async () => {
    const user = await makeUser(get().db, 'coordinator', 'ME');
    const { cookie } = await signIn(app, user.user.email, user.password);
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.user.id}`,
      headers: bearer(admin),
      payload: { partner: 'MK' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().partner).toBe('MK');
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
    const entry = await get()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', user.user.id)
      .where('action', '=', 'user.update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.before_json!).partner).toBe('ME');
    expect(JSON.parse(entry.after_json!).partner).toBe('MK');
  });

  it('limits a reviewer to domains, and drops them when the role changes', async () => {
    const created = await post('/api/v1/users', {
      email: 'expert@example.org',
      role: 'reviewer',
      domains: ['migration', 'justice'],
      password: 'long-enough-password',
    });
    expect(created.json()).toMatchObject({ role: 'reviewer', domains: ['justice', 'migration'] });
    const id = created.json().id;
    const patch = (payload: object) => app.inject({ method: 'PATCH', url: `/api/v1/users/${id}`, payload, headers: bearer(admin) });
    expect((await patch({ domains: ['commitments'] })).json().domains).toEqual(['commitments']);
    expect((await patch({ name: 'Expert' })).json().domains).toEqual(['commitments']);
    expect((await patch({ domains: [] })).json().domains).toBe(null);
    await patch({ domains: ['justice'] });
    expect((await patch({ role: 'commission' })).json()).toMatchObject({ role: 'commission', domains: null });
    const audit = await get()
      .db.selectFrom('audit_log')
      .select('after_json')
      .where('entity_id', '=', id)
      .where('action', '=', 'user.update')
      .orderBy('seq')
      .execute();
    expect(audit[0]!.after_json).toContain('"domains":["commitments"]');
  });

  it('turning a coordinator into a reviewer drops the partner', async () => {
    const user = await makeUser(get().db, 'coordinator', 'BA');
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.user.id}`,
      headers: bearer(admin),
      payload: { role: 'reviewer' },
    });
    expect(response.json()).toMatchObject({ role: 'reviewer', partner: null });
  });

  it('disables a user: sign-in and their tokens stop working; enabling restores sign-in, not the tokens', async () => {
    const user = await makeUser(get().db, 'reviewer');
    await app.inject({ method: 'PATCH', url: `/api/v1/users/${user.user.id}`, headers: bearer(admin), payload: { disabled: true } });
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(user) })).statusCode).toBe(401);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.user.email, password: user.password },
      remoteAddress: '10.3.0.1',
    });
    expect(login.statusCode).toBe(401);
    await app.inject({ method: 'PATCH', url: `/api/v1/users/${user.user.id}`, headers: bearer(admin), payload: { disabled: false } });
    // The tokens were revoked with the account: a re-enabled user signs in and makes new ones.
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(user) })).statusCode).toBe(401);
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.user.email, password: user.password },
      remoteAddress: '10.3.0.2',
    });
    expect(again.statusCode).toBe(200);
  });

  it('an admin cannot disable or demote themselves', async () => {
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${admin.user.id}`,
      headers: bearer(admin),
      payload: { disabled: true },
    });
    expect(response.statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(admin) })).statusCode).toBe(200);
  });

  it('resets a password: the old one stops working, the new one works', async () => {
    const user = await makeUser(get().db, 'commission');
    const reset = await post(`/api/v1/users/${user.user.id}/password`, { password: 'a-brand-new-password' });
    expect(reset.statusCode).toBe(204);
    const old = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.user.email, password: user.password },
      remoteAddress: '10.3.0.2',
    });
    expect(old.statusCode).toBe(401);
    await signIn(app, user.user.email, 'a-brand-new-password', '10.3.0.3');
    const entry = await get()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.password_reset')
      .where('entity_id', '=', user.user.id)
      .executeTakeFirstOrThrow();
    expect(entry.after_json).not.toContain('a-brand-new-password');
  });

  it('answers 404 for an unknown user', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/users/00000000-0000-4000-8000-000000000000', headers: bearer(admin) });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });

  it('shows a coordinator the users of their own partner only', async () => {
    const al = await makeUser(get().db, 'coordinator', 'AL');
    const colleague = await makeUser(get().db, 'coordinator', 'AL');
    await makeUser(get().db, 'coordinator', 'RS');
    const own = await app.inject({ method: 'GET', url: '/api/v1/partners/AL/users', headers: bearer(al) });
    expect(own.json().users.map((u: { email: string }) => u.email)).toContain(colleague.user.email);
    expect(own.json().users.every((u: { partner: string }) => u.partner === 'AL')).toBe(true);
    expect((await app.inject({ method: 'GET', url: '/api/v1/partners/RS/users', headers: bearer(al) })).statusCode).toBe(403);
  });

  it('keeps the language each user chose, audited; an unknown one is a 400 naming the field', async () => {
    const al = await makeUser(get().db, 'coordinator', 'AL');
    const put = (language: unknown) =>
      app.inject({ method: 'PUT', url: '/api/v1/me/language', payload: { language }, headers: bearer(al) });
    const chosen = await put('sr-Cyrl');
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json()).toMatchObject({ email: al.user.email, language: 'sr-Cyrl' });
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(al) })).json().user.language).toBe('sr-Cyrl');
    const refused = await put('xx');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toMatch(/language/);
    expect((await put(null)).json().language).toBeNull();
    const entries = await get()
      .db.selectFrom('audit_log')
      .select(['before_json', 'after_json'])
      .where('entity_id', '=', al.user.id)
      .where('action', '=', 'user.language')
      .orderBy('seq')
      .execute();
    expect(entries.map((e) => [JSON.parse(e.before_json!).language, JSON.parse(e.after_json!).language])).toEqual([
      [null, 'sr-Cyrl'],
      ['sr-Cyrl', null],
    ]);
    expect((await app.inject({ method: 'PUT', url: '/api/v1/me/language', payload: { language: 'sq' } })).statusCode).toBe(401);
  });

  it('lists the domains a reviewer may be given to admins only', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/v1/review-domains', headers: bearer(admin) });
    expect(list.json()).toEqual({
      domains: SHIPPED_REVIEW_DOMAINS,
    });
    const commission = await makeUser(get().db, 'commission');
    expect((await app.inject({ method: 'GET', url: '/api/v1/review-domains', headers: bearer(commission) })).statusCode).toBe(403);
    const coordinator = await makeUser(get().db, 'coordinator', 'RS');
    expect((await app.inject({ method: 'GET', url: '/api/v1/review-domains', headers: bearer(coordinator) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/review-domains' })).statusCode).toBe(401);
  });
});
