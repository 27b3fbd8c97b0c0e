// The OpenID Connect relying party (openid-client): the authorisation code flow with PKCE, state
// and nonce, for every configured provider. The provider's metadata is discovered from its issuer
// at the first sign-in and kept; a failed discovery is tried again at the next one. This file knows
// the protocol only: who may get in is identities.service.ts.
import { webcrypto } from 'node:crypto';
import * as client from 'openid-client';
import type { OidcProviderConfig } from '../config.js';
import { AppError, NotFoundError } from '../errors.js';

/** What the browser keeps between the start of a flow and the provider's answer (a signed, HttpOnly cookie). */
export interface OidcFlow {
  provider: string;
  state: string;
  nonce: string;
  /** The PKCE code verifier; the provider saw only its SHA-256 challenge. */
  verifier: string;
  /** The invitation being accepted, if any. */
  invitation: string | null;
  /** Where in the app to go after signing in. */
  returnTo: string;
  /** Milliseconds since the epoch; a flow is good for FLOW_TTL_MS. */
  startedAt: number;
}

export const FLOW_TTL_MS = 10 * 60_000;

/** The identity a provider vouched for, with the claims of the ID token (and of userinfo when needed). */
export interface ExternalIdentity {
  provider: string;
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  claims: Record<string, unknown>;
}

/** The provider's answer was refused (wrong state or nonce, invalid or expired ID token, an error from the provider). */
export class OidcFlowError extends AppError {
  constructor(message: string) {
    super('oidc_failed', 400, message);
  }
}

/** The provider cannot be reached or its metadata is unusable. */
export class OidcUnavailableError extends AppError {
  constructor(label: string) {
    super('provider_unavailable', 502, `${label} cannot be reached just now; try again in a moment.`);
  }
}

const KEY_ALGORITHMS: Record<string, RsaHashedImportParams | EcKeyImportParams> = {
  RS256: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  RS384: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' },
  RS512: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' },
  PS256: { name: 'RSA-PSS', hash: 'SHA-256' },
  PS384: { name: 'RSA-PSS', hash: 'SHA-384' },
  PS512: { name: 'RSA-PSS', hash: 'SHA-512' },
  ES256: { name: 'ECDSA', namedCurve: 'P-256' },
  ES384: { name: 'ECDSA', namedCurve: 'P-384' },
  ES512: { name: 'ECDSA', namedCurve: 'P-521' },
};

async function clientAuthentication(p: OidcProviderConfig): Promise<client.ClientAuth> {
  switch (p.clientAuth) {
    case 'client_secret_basic':
      return client.ClientSecretBasic(p.clientSecret!);
    case 'client_secret_post':
      return client.ClientSecretPost(p.clientSecret!);
    case 'client_secret_jwt':
      return client.ClientSecretJwt(p.clientSecret!);
    case 'private_key_jwt': {
      const { pem, alg, kid } = p.privateKey!;
      const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
      const key = await webcrypto.subtle.importKey('pkcs8', der, KEY_ALGORITHMS[alg]!, false, ['sign']);
      return client.PrivateKeyJwt(kid ? { key, kid } : key);
    }
  }
}

function isLoopback(issuer: string): boolean {
  return new URL(issuer).protocol === 'http:';
}

/** Only paths inside the app, so that a flow cannot be made to end on another site. */
export function safeReturnTo(value: string | undefined | null): string {
  return value && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/';
}

export class OidcRelyingParty {
  readonly #providers: ReadonlyMap<string, OidcProviderConfig>;
  readonly #publicUrl: string;
  readonly #configurations = new Map<string, Promise<client.Configuration>>();

  constructor(providers: readonly OidcProviderConfig[], publicUrl: string) {
    this.#providers = new Map(providers.map((p) => [p.id, p]));
    this.#publicUrl = publicUrl;
  }

  /** The buttons of the sign-in page. */
  list(): { id: string; label: string }[] {
    return [...this.#providers.values()].map((p) => ({ id: p.id, label: p.label }));
  }

  provider(id: string): OidcProviderConfig {
    const p = this.#providers.get(id);
    if (!p) throw new NotFoundError('Sign-in provider', id);
    return p;
  }

  /** The redirect URI to register at the provider. */
  redirectUri(id: string): string {
    return `${this.#publicUrl}/api/v1/auth/oidc/${id}/callback`;
  }

  async #configuration(p: OidcProviderConfig): Promise<client.Configuration> {
    let pending = this.#configurations.get(p.id);
    if (!pending) {
      pending = (async () => {
        const metadata: Partial<client.ClientMetadata> = {
          id_token_signed_response_alg: p.idTokenAlg,
          [client.clockTolerance]: p.clockToleranceSeconds,
        };
        if (p.clientSecret) metadata.client_secret = p.clientSecret;
        return client.discovery(new URL(p.issuer), p.clientId, metadata, await clientAuthentication(p), {
          // Plain HTTP is allowed by the configuration for a provider on this machine only.
          execute: isLoopback(p.issuer) ? [client.allowInsecureRequests] : [],
          timeout: 15,
        });
      })();
      this.#configurations.set(p.id, pending);
      pending.catch(() => this.#configurations.delete(p.id));
    }
    try {
      return await pending;
    } catch {
      throw new OidcUnavailableError(p.label);
    }
  }

  /** The provider's authorisation URL and the flow to keep in the browser's cookie. */
  async begin(id: string, options: { invitation?: string | null; returnTo?: string | null }): Promise<{ url: string; flow: OidcFlow }> {
    const p = this.provider(id);
    const config = await this.#configuration(p);
    const flow: OidcFlow = {
      provider: id,
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      invitation: options.invitation ?? null,
      returnTo: safeReturnTo(options.returnTo),
      startedAt: Date.now(),
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri(id),
      scope: p.scopes.join(' '),
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, flow };
  }

  /**
   * Checks the provider's answer (state, the code exchanged with the PKCE verifier, the ID token's
   * signature, issuer, audience, nonce and times) and returns who signed in. `query` is the query
   * string the browser came back with.
   */
  async complete(id: string, query: string, flow: OidcFlow | null): Promise<{ identity: ExternalIdentity; idToken: string }> {
    const p = this.provider(id);
    if (!flow || flow.provider !== id)
      throw new OidcFlowError('no sign-in was started in this browser (or it was started for another provider)');
    if (Date.now() - flow.startedAt > FLOW_TTL_MS) throw new OidcFlowError('the sign-in took longer than 10 minutes');
    const config = await this.#configuration(p);
    const currentUrl = new URL(this.redirectUri(id));
    currentUrl.search = query;
    let tokens;
    try {
      tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      throw new OidcFlowError(err instanceof Error ? err.message : String(err));
    }
    const idClaims = tokens.claims()!;
    let claims: Record<string, unknown> = { ...idClaims };
    // Providers may keep the e-mail (and groups) for the userinfo endpoint instead of the ID token.
    const wanted = ['email', ...(p.roleMapping ? [p.roleMapping.claim] : [])];
    if (wanted.some((c) => claims[c] === undefined) && config.serverMetadata().userinfo_endpoint && tokens.access_token) {
      try {
        const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        claims = { ...info, ...idClaims };
      } catch (err) {
        throw new OidcFlowError(`userinfo: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null;
    const verified = claims.email_verified === true || claims.email_verified === 'true';
    return {
      identity: {
        provider: id,
        issuer: idClaims.iss,
        subject: idClaims.sub,
        email,
        emailVerified: email !== null && (verified || (claims.email_verified === undefined && p.trustEmail)),
        name: typeof claims.name === 'string' ? claims.name : null,
        claims,
      },
      idToken: tokens.id_token!,
    };
  }

  /** The provider's sign-out URL (RP-initiated logout), or null when it offers none or cannot be reached. */
  async endSessionUrl(id: string, idToken: string): Promise<string | null> {
    const p = this.#providers.get(id);
    if (!p) return null;
    try {
      const config = await this.#configuration(p);
      if (!config.serverMetadata().end_session_endpoint) return null;
      return client.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: `${this.#publicUrl}/` }).href;
    } catch {
      return null;
    }
  }
}
