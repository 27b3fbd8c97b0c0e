// A real OpenID Connect provider for tests (oidc-provider, in this process on a free port), set up
// like EU Login: ID tokens signed PS512, clients authenticating with client_secret_jwt (and
// client_secret_basic, private_key_jwt), RP-initiated logout, no consent screen for its clients.
// Its development sign-in page takes any login; `signInAt` fills it in as a browser would.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type ClientMetadata, type KoaContextWithOIDC } from 'oidc-provider';

/** The claims of an account besides `sub`, which is always its login name. */
export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  /** Sent as the `groups` claim (userinfo), like a provider that sends groups. */
  groups?: string[];
  [claim: string]: unknown;
}

export interface TestClient {
  clientId: string;
  auth: 'client_secret_basic' | 'client_secret_jwt' | 'private_key_jwt';
  redirectUri: string;
  postLogoutRedirectUri: string;
  /** ID tokens of this client expire after one second. */
  shortLivedIdTokens?: boolean;
}

export interface TestProvider {
  issuer: string;
  /** The secret of every secret-based client (48 characters, enough for HS256). */
  clientSecret: string;
  /** The private key (PKCS#8 PEM) of the private_key_jwt clients, registered with the provider by its public half. */
  clientKeyPem: string;
  /** Accounts by login name (the subject); a login not listed has itself as its verified e-mail address. */
  accounts: Map<string, TestAccount>;
  /** Holds every token endpoint answer back this long (to let a short-lived ID token expire on the way). */
  delayTokenResponses(ms: number): void;
  close(): Promise<void>;
}

/** A test client as the provider registers it: its secret, or the public half of its private key. */
function clientMetadata(c: TestClient, clientSecret: string, clientPublicJwk: object): ClientMetadata {
  return {
    client_id: c.clientId,
    ...(c.auth === 'private_key_jwt' ? { jwks: { keys: [clientPublicJwk as never] } } : { client_secret: clientSecret }),
    token_endpoint_auth_method: c.auth,
    redirect_uris: [c.redirectUri],
    post_logout_redirect_uris: [c.postLogoutRedirectUri],
    id_token_signed_response_alg: 'PS512',
    grant_types: ['authorization_code'],
    response_types: ['code'],
  };
}

/** The grant of a signed-in account, made at once with every scope and claim the platform asks for. */
async function grantWithoutConsent(ctx: KoaContextWithOIDC) {
  const { client, session, provider: op } = ctx.oidc;
  const grantId = ctx.oidc.result?.consent?.grantId || session!.grantIdFor(client!.clientId);
  if (grantId) return op.Grant.find(grantId);
  const grant = new op.Grant({ clientId: client!.clientId, accountId: session!.accountId });
  grant.addOIDCScope('openid email profile groups');
  grant.addOIDCClaims(['email', 'email_verified', 'name', 'groups', 'role']);
  await grant.save();
  return grant;
}

export async function startTestProvider(clients: TestClient[]): Promise<TestProvider> {
  const accounts = new Map<string, TestAccount>();
  const clientSecret = randomBytes(36).toString('base64url');
  const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const clientKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const clientPublicJwk = { ...clientKey.publicKey.export({ format: 'jwk' }), kid: 'jha-client-key', use: 'sig' };
  const shortLived = new Set(clients.filter((c) => c.shortLivedIdTokens).map((c) => c.clientId));
  let tokenDelayMs = 0;

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const account = (login: string): TestAccount =>
    accounts.get(login) ?? { email: login.includes('@') ? login : undefined, email_verified: true };

  const provider = new Provider(issuer, {
    clients: clients.map((c) => clientMetadata(c, clientSecret, clientPublicJwk)),
    jwks: { keys: [{ ...signing.privateKey.export({ format: 'jwk' }), kid: 'provider-key', use: 'sig' }] },
    enabledJWA: { idTokenSigningAlgValues: ['PS512', 'RS256'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups', 'role'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    ttl: {
      IdToken: (_ctx, _token, client) => (shortLived.has(client.clientId) ? 1 : 3600),
      AccessToken: 600,
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    // Like an institution's provider for its own services: no consent screen.
    loadExistingGrant: grantWithoutConsent,
    findAccount: async (_ctx, id) => ({
      accountId: id,
      claims: async () => ({ ...account(id), sub: id }),
    }),
  });
  // The sign-in page's form posts to the issuer's own origin; the provider sits directly on the socket.
  const callback = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (tokenDelayMs > 0 && req.url?.startsWith('/token')) {
      const end = res.end.bind(res);
      res.end = ((...args: Parameters<typeof end>) => {
        setTimeout(() => end(...args), tokenDelayMs);
        return res;
      }) as typeof res.end;
    }
    void callback(req, res);
  });
  // The provider tells of development settings on stderr; tests need none of that.
  provider.on('server_error', () => {});

  return {
    issuer,
    clientSecret,
    clientKeyPem: clientKey.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    accounts,
    delayTokenResponses: (ms) => {
      tokenDelayMs = ms;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A cookie jar for fetch: one browser's cookies at the provider. */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  header(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }
}

/**
 * Follows the provider's redirects from an authorisation URL as a browser would, signs in on its
 * sign-in page as `login`, and returns the URL the provider sends the browser back to (the relying
 * party's redirect URI with the code and state, or an error).
 */
export async function signInAt(authorizationUrl: string, login: string, jar = new CookieJar()): Promise<URL> {
  let url = new URL(authorizationUrl);
  const origin = url.origin;
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 20; hop += 1) {
    const response = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: jar.header(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body,
    });
    jar.take(response);
    body = undefined;
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url);
      if (url.origin !== origin) return url;
      continue;
    }
    const html = await response.text();
    if (response.status === 200 && html.includes('name="prompt" value="login"')) {
      body = new URLSearchParams({ prompt: 'login', login, password: 'any' });
      continue;
    }
    throw new Error(`the provider answered ${response.status} at ${url.pathname}: ${html.slice(0, 300)}`);
  }
  throw new Error('the provider redirected too often');
}
