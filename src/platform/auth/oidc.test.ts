import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../app/app.js';
import { describeEachDatabase, testConfig } from '../../testing/databases.js';
import { bearer, makeUser, type TestUser } from '../../testing/factories.js';
import { CookieJar, signInAt, startTestProvider, type TestProvider } from '../../testing/oidc-provider.js';
import type { OidcProviderConfig } from '../config.js';

const PUBLIC_URL = 'http://localhost:8080';
const callbackOf = (id: string) => `${PUBLIC_URL}/api/v1/auth/oidc/${id}/callback`;
const CLIENTS = [
  { id: 'basic', clientId: 'jha-basic', auth: 'client_secret_basic' as const },
  { id: 'eulogin', clientId: 'jha-jwt', auth: 'client_secret_jwt' as const },
  { id: 'pkjwt', clientId: 'jha-pkjwt', auth: 'private_key_jwt' as const },
  { id: 'expiring', clientId: 'jha-expiring', auth: 'client_secret_basic' as const, shortLivedIdTokens: true },
  { id: 'groups', clientId: 'jha-groups', auth: 'client_secret_basic' as const },
];

let op: TestProvider;
beforeAll(async () => {
  op = await startTestProvider(CLIENTS.map((c) => ({ ...c, redirectUri: callbackOf(c.id), postLogoutRedirectUri: `${PUBLIC_URL}/` })));
});
afterAll(async () => op.close());

function providers(): OidcProviderConfig[] {
  return CLIENTS.map((c) => ({
    id: c.id,
    label: c.id === 'eulogin' ? 'Sign in with EU Login' : `Sign in with ${c.id}`,
    issuer: op.issuer,
    clientId: c.clientId,
    clientAuth: c.auth,
    clientSecret: c.auth === 'private_key_jwt' ? null : op.clientSecret,
    privateKey: c.auth === 'private_key_jwt' ? { pem: op.clientKeyPem, alg: 'RS256', kid: 'jha-client-key' } : null,
    scopes: ['openid', 'email', 'profile', 'groups'],
    idTokenAlg: 'PS512',
    trustEmail: false,
    // The expiring client's ID token lives one second: no tolerance, so that it is seen expired.
    clockToleranceSeconds: c.id === 'expiring' ? 0 : 30,
    roleMapping: c.id === 'groups' ? { claim: 'groups', map: { 'jha-desk': { role: 'commission', partner: null } } } : null,
  }));
}

describeEachDatabase('signing in with an OpenID Connect provider', (get) => {
  let app: FastifyInstance;
  let admin: TestUser;

  beforeAll(async () => {
    const config = testConfig(get().config, { publicUrl: PUBLIC_URL, signIn: { oidcProviders: providers(), mfaRequiredRoles: [] } });
    app = await buildApp({ config, db: get().db, logger: false });
    admin = await makeUser(get().db, 'admin');
  });
  afterAll(async () => app.close());

  /** Starts a flow in "the browser": the provider's URL and the flow cookie. */
  async function start(provider: string, invitation?: string) {
    const response = invitation
      ? await app.inject({ method: 'POST', url: `/api/v1/auth/oidc/${provider}/start`, payload: { invitation, returnTo: '/statistics' } })
      : await app.inject({ method: 'GET', url: `/api/v1/auth/oidc/${provider}/start?returnTo=/statistics` });
    const location = invitation ? response.json().location : response.headers.location;
    expect(response.statusCode, response.body).toBe(invitation ? 200 : 302);
    const flow = response.cookies.find((c) => c.name === 'jha_oidc')!;
    expect(flow).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/auth/oidc' });
    return { url: new URL(location as string), flow: flow.value };
  }

  /** The browser comes back from the provider to the callback. */
  function callback(back: URL, flow: string | null) {
    return app.inject({ method: 'GET', url: back.pathname + back.search, cookies: flow ? { jha_oidc: flow } : {} });
  }

  async function signInWith(provider: string, login: string, invitation?: string) {
    const { url, flow } = await start(provider, invitation);
    return callback(await signInAt(url.href, login), flow);
  }

  async function me(response: { cookies: { name: string; value: string }[] }) {
    const session = response.cookies.find((c) => c.name === 'jha_session');
    if (!session) return null;
    const answer = await app.inject({ method: 'GET', url: '/api/v1/me', cookies: { jha_session: session.value } });
    return answer.statusCode === 200
      ? (answer.json() as { user: { id: string; role: string; partner: string | null }; csrfToken: string })
      : null;
  }

  const events = (kind: string) => get().db.selectFrom('security_events').selectAll().where('kind', '=', kind).orderBy('id').execute();
  const audit = (action: string, entityId: string) =>
    get().db.selectFrom('audit_log').selectAll().where('action', '=', action).where('entity_id', '=', entityId).execute();

  it('lists the configured providers for the sign-in page', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/auth/providers' });
    expect(response.json().providers).toContainEqual({ id: 'eulogin', label: 'Sign in with EU Login' });
    expect(response.json().providers).toHaveLength(CLIENTS.length);
  });

  it('signs in with client_secret_basic: code flow with PKCE (S256), state and nonce; links an existing account by its verified e-mail', async () => {
    const user = await makeUser(get().db, 'coordinator', 'AL');
    const { url, flow } = await start('basic');
    expect(url.origin + url.pathname).toBe(`${op.issuer}/auth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: 'jha-basic',
      response_type: 'code',
      redirect_uri: callbackOf('basic'),
      scope: 'openid email profile groups',
      code_challenge_method: 'S256',
    });
    for (const p of ['state', 'nonce', 'code_challenge']) expect(url.searchParams.get(p)).toMatch(/^[\w-]{43,}$/);
    const back = await signInAt(url.href, user.user.email);
    expect(back.searchParams.get('state')).toBe(url.searchParams.get('state'));
    const response = await callback(back, flow);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/statistics');
    expect(response.cookies.find((c) => c.name === 'jha_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect((await me(response))?.user).toMatchObject({ id: user.user.id, role: 'coordinator', partner: 'AL' });
    const links = await audit('user.identity_link', user.user.id);
    expect(JSON.parse(links[0]!.after_json!)).toMatchObject({
      provider: 'basic',
      issuer: op.issuer,
      subject: user.user.email,
      by: 'email',
    });
    const logins = await audit('auth.login', user.user.id);
    expect(JSON.parse(logins.at(-1)!.after_json!)).toMatchObject({ method: 'oidc', provider: 'basic' });
  });

  it('knows a linked identity by issuer and subject, whatever e-mail the provider sends later', async () => {
    const user = await makeUser(get().db, 'reviewer');
    op.accounts.set('ana', { email: user.user.email, email_verified: true });
    expect((await me(await signInWith('basic', 'ana')))?.user.id).toBe(user.user.id);
    op.accounts.set('ana', { email: 'ana.new@elsewhere.example.org', email_verified: false });
    expect((await me(await signInWith('basic', 'ana')))?.user.id).toBe(user.user.id);
    expect(await audit('user.identity_link', user.user.id)).toHaveLength(1);
  });

  it('signs in with client_secret_jwt (as EU Login clients do) and with private_key_jwt', async () => {
    for (const provider of ['eulogin', 'pkjwt']) {
      const user = await makeUser(get().db, 'commission');
      const response = await signInWith(provider, user.user.email);
      expect(response.headers.location).toBe('/statistics');
      expect((await me(response))?.user.id).toBe(user.user.id);
    }
  });

  it('links a first sign-in through the invitation with the same verified e-mail: role and partner from the invitation, none from the provider', async () => {
    const email = `invited.${Date.now()}@partner.example.org`;
    const invited = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: bearer(admin),
      payload: { email, name: 'Mila Invited', role: 'coordinator', partner: 'ME' },
    });
    expect(invited.statusCode).toBe(201);
    const token = decodeURIComponent(new URL(invited.json().link).hash.slice(1));
    // The provider claims groups and a role: neither counts.
    op.accounts.set('mila', { email, email_verified: true, name: 'Mila', groups: ['jha-desk', 'admin'], role: 'admin' });
    const response = await signInWith('eulogin', 'mila', token);
    expect(response.headers.location).toBe('/statistics');
    const signedIn = await me(response);
    expect(signedIn?.user).toMatchObject({ role: 'coordinator', partner: 'ME' });
    const list = await app.inject({ method: 'GET', url: '/api/v1/invitations', headers: bearer(admin) });
    expect(list.json().invitations.find((i: { email: string }) => i.email === email)).toMatchObject({ status: 'used' });
    const accepted = await get().db.selectFrom('audit_log').select('after_json').where('action', '=', 'invitation.accept').execute();
    expect(accepted.some((a) => JSON.parse(a.after_json!).via === 'oidc:eulogin')).toBe(true);
    // The link is spent: the same invitation does not start another flow.
    const again = await app.inject({ method: 'POST', url: '/api/v1/auth/oidc/eulogin/start', payload: { invitation: token } });
    expect(again.statusCode).toBe(410);
  });

  it('refuses an invitation with an identity of another e-mail address, and leaves the invitation usable', async () => {
    const invited = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: bearer(admin),
      payload: { email: `right.${Date.now()}@example.org`, role: 'reviewer' },
    });
    const token = decodeURIComponent(new URL(invited.json().link).hash.slice(1));
    const response = await signInWith('basic', `wrong.${Date.now()}@example.org`, token);
    expect(response.headers.location).toBe('/sign-in/refused?reason=invitation_email');
    expect((await app.inject({ method: 'POST', url: '/api/v1/invitations/lookup', payload: { token } })).statusCode).toBe(200);
  });

  it('refuses an unknown identity with the "ask your administrator" page and records it in the security log', async () => {
    const email = `stranger.${Date.now()}@example.org`;
    const response = await signInWith('basic', email);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/sign-in/refused?reason=unknown');
    expect(response.cookies.find((c) => c.name === 'jha_session')).toBeUndefined();
    expect((await events('oidc_refused')).find((e) => e.email === email)).toMatchObject({
      status: 403,
      path: '/api/v1/auth/oidc/basic/callback',
    });
    expect(await get().db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()).toBeUndefined();
  });

  it('refuses an e-mail the provider does not say is verified, and a disabled account', async () => {
    const user = await makeUser(get().db, 'reviewer');
    op.accounts.set('unverified', { email: user.user.email, email_verified: false });
    expect((await signInWith('basic', 'unverified')).headers.location).toBe('/sign-in/refused?reason=email_unverified');
    const disabled = await makeUser(get().db, 'reviewer');
    await app.inject({ method: 'PATCH', url: `/api/v1/users/${disabled.user.id}`, headers: bearer(admin), payload: { disabled: true } });
    expect((await signInWith('basic', disabled.user.email)).headers.location).toBe('/sign-in/refused?reason=disabled');
  });

  it('refuses a wrong state, a wrong nonce, and an answer for a flow this browser did not start', async () => {
    const user = await makeUser(get().db, 'reviewer');
    const before = (await events('oidc_failed')).length;
    for (const tamper of ['state', 'nonce']) {
      const { url, flow } = await start('basic');
      url.searchParams.set(tamper, 'x'.repeat(43));
      const response = await callback(await signInAt(url.href, user.user.email), flow);
      expect(response.headers.location, tamper).toBe('/sign-in/refused?reason=failed');
      expect(response.cookies.find((c) => c.name === 'jha_session')).toBeUndefined();
    }
    const { url } = await start('basic');
    expect((await callback(await signInAt(url.href, user.user.email), null)).headers.location).toBe('/sign-in/refused?reason=failed');
    const failed = (await events('oidc_failed')).slice(before);
    expect(failed.map((e) => e.status)).toEqual([400, 400, 400]);
    expect(await audit('auth.login', user.user.id)).toHaveLength(0);
  });

  it('refuses an expired ID token', async () => {
    const user = await makeUser(get().db, 'reviewer');
    const { url, flow } = await start('expiring');
    const back = await signInAt(url.href, user.user.email);
    op.delayTokenResponses(2100);
    try {
      expect((await callback(back, flow)).headers.location).toBe('/sign-in/refused?reason=failed');
    } finally {
      op.delayTokenResponses(0);
    }
    expect(await audit('auth.login', user.user.id)).toHaveLength(0);
  });

  it('gives a new account a role only through a configured claim mapping', async () => {
    const email = `desk.${Date.now()}@ec.example.org`;
    op.accounts.set('desk', { email, email_verified: true, groups: ['jha-desk'] });
    const response = await signInWith('groups', 'desk');
    expect((await me(response))?.user).toMatchObject({ role: 'commission', partner: null });
    op.accounts.set('other', { email: `other.${Date.now()}@ec.example.org`, email_verified: true, groups: ['staff'] });
    expect((await signInWith('groups', 'other')).headers.location).toBe('/sign-in/refused?reason=unknown');
  });

  it('signs out locally and hands over the provider’s sign-out (RP-initiated logout)', async () => {
    const user = await makeUser(get().db, 'coordinator', 'RS');
    const jar = new CookieJar();
    const { url, flow } = await start('basic');
    const response = await callback(await signInAt(url.href, user.user.email, jar), flow);
    const session = response.cookies.find((c) => c.name === 'jha_session')!.value;
    const { csrfToken } = (await me(response))!;
    const out = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies: { jha_session: session },
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(out.statusCode).toBe(200);
    const end = new URL(out.json().endSessionUrl);
    expect(end.origin + end.pathname).toBe(`${op.issuer}/session/end`);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${PUBLIC_URL}/`);
    expect(end.searchParams.get('client_id')).toBe('jha-basic');
    expect(end.searchParams.get('id_token_hint')).toMatch(/^ey/);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', cookies: { jha_session: session } })).statusCode).toBe(401);
    // The provider accepts the request: it asks to confirm its own sign-out.
    const page = await fetch(end, { headers: { cookie: jar.header() } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('sign-out');
    // A password session signs out with 204 and no provider.
    const local = await makeUser(get().db, 'reviewer');
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: local.user.email, password: local.password },
    });
    const out2 = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies: { jha_session: login.cookies.find((c) => c.name === 'jha_session')!.value },
      headers: { 'x-csrf-token': login.json().csrfToken },
    });
    expect(out2.statusCode).toBe(204);
  });

  it('sends the browser to the refusal page when the provider cannot be reached', async () => {
    const down = testConfig(get().config, {
      publicUrl: PUBLIC_URL,
      signIn: { oidcProviders: [{ ...providers()[0]!, id: 'down', issuer: 'http://127.0.0.1:9' }], mfaRequiredRoles: [] },
    });
    const other = await buildApp({ config: down, db: get().db, logger: false });
    const response = await other.inject({ method: 'GET', url: '/api/v1/auth/oidc/down/start' });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/sign-in/refused?reason=unavailable');
    expect((await other.inject({ method: 'GET', url: '/api/v1/auth/oidc/nope/start' })).statusCode).toBe(404);
    await other.close();
  });
});
