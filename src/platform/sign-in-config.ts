// The sign-in part of the configuration: OpenID Connect providers (OIDC_<ID>_* variables) and the
// roles that must use a second factor. Read with the rest by loadConfig (config.ts); a wrong value
// throws a ConfigError naming the variable.
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseBoolean, parseCount, type Env } from './env-values.js';
import type { Role } from './db/tables.js';
import { ConfigError } from './errors.js';

/** How JHA Hub authenticates itself at a provider's token endpoint. */
export type OidcClientAuth = 'client_secret_basic' | 'client_secret_post' | 'client_secret_jwt' | 'private_key_jwt';
const OIDC_CLIENT_AUTHS: readonly OidcClientAuth[] = ['client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'private_key_jwt'];
const ID_TOKEN_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const PRIVATE_KEY_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];
const ROLE_NAMES: readonly Role[] = ['admin', 'commission', 'reviewer', 'coordinator'];
export const DEFAULT_OIDC_SCOPES = ['openid', 'email', 'profile'];
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;

export interface OidcProviderConfig {
  /** In the URLs of the flow: /api/v1/auth/oidc/<id>/start and …/callback. */
  id: string;
  /** The sign-in button's text, e.g. "Sign in with EU Login". */
  label: string;
  /** The issuer identifier; its /.well-known/openid-configuration is read at the first sign-in. */
  issuer: string;
  clientId: string;
  clientAuth: OidcClientAuth;
  /** client_secret_basic, client_secret_post and client_secret_jwt. */
  clientSecret: string | null;
  /** private_key_jwt: the key (PKCS#8 PEM), the JWS algorithm of the client assertions and the key id. */
  privateKey: { pem: string; alg: string; kid: string | null } | null;
  scopes: string[];
  /** The algorithm the provider signs ID tokens with (EU Login: PS512); others are refused. */
  idTokenAlg: string;
  /** Take the e-mail claim as verified when the provider does not say (no email_verified claim). */
  trustEmail: boolean;
  /** How far the provider's clock may be off when checking the ID token's times, in seconds. */
  clockToleranceSeconds: number;
  /**
   * Optional: a claim (e.g. groups) whose values give a new account its role (and partner) when no
   * invitation and no account exist for the identity. Null: the provider never gives a role.
   */
  roleMapping: { claim: string; map: Record<string, { role: Role; partner: string | null }> } | null;
}

export interface SignInConfig {
  oidcProviders: OidcProviderConfig[];
  /** MFA_REQUIRED_ROLES: roles whose password sign-in needs a second factor (TOTP). */
  mfaRequiredRoles: Role[];
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function parseIssuer(variable: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ConfigError(variable, `"${value}" is not a URL (e.g. https://ecas.ec.europa.eu/cas/oauth2).`);
  }
  // Plain HTTP only for a provider on this machine (development, tests).
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new ConfigError(variable, `"${value}" must start with https:// (http:// only for localhost).`);
  }
  return value.trim().replace(/\/+$/, '');
}

/** The private key of private_key_jwt: a PEM (PKCS#8 or PKCS#1) or a private JWK, as a file. */
function readPrivateKey(prefix: string, file: string, env: Env): { pem: string; alg: string; kid: string | null } {
  const variable = `${prefix}PRIVATE_KEY_FILE`;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(variable, `cannot read "${file}" (${(err as NodeJS.ErrnoException).code ?? String(err)}).`);
  }
  let jwk: { alg?: string; kid?: string } | null = null;
  let key;
  try {
    if (text.trim().startsWith('{')) {
      jwk = JSON.parse(text) as { alg?: string; kid?: string };
      key = createPrivateKey({ key: jwk as never, format: 'jwk' });
    } else {
      key = createPrivateKey(text);
    }
  } catch {
    throw new ConfigError(variable, `"${file}" holds no private key (expected a PEM file or a private JWK).`);
  }
  const type = key.asymmetricKeyType;
  const alg = (env[`${prefix}PRIVATE_KEY_ALG`] ?? '').trim() || jwk?.alg || (type === 'ec' ? 'ES256' : 'RS256');
  if (!PRIVATE_KEY_ALGS.includes(alg)) {
    throw new ConfigError(`${prefix}PRIVATE_KEY_ALG`, `"${alg}" is not one of ${PRIVATE_KEY_ALGS.join(', ')}.`);
  }
  if ((type === 'ec') !== alg.startsWith('ES') || (type !== 'ec' && type !== 'rsa' && type !== 'rsa-pss')) {
    throw new ConfigError(`${prefix}PRIVATE_KEY_ALG`, `${alg} does not fit the ${type} key in "${file}".`);
  }
  const kid = (env[`${prefix}PRIVATE_KEY_ID`] ?? '').trim() || jwk?.kid || null;
  return { pem: key.export({ format: 'pem', type: 'pkcs8' }).toString(), alg, kid };
}

/** `value=role` or `value=coordinator:PARTNER`, comma-separated. */
function parseRoleMap(variable: string, value: string): Record<string, { role: Role; partner: string | null }> {
  const map: Record<string, { role: Role; partner: string | null }> = {};
  for (const entry of value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const match = /^(.+?)=([a-z]+)(?::([A-Za-z]{2}))?$/.exec(entry);
    if (!match) throw new ConfigError(variable, `"${entry}" is not value=role or value=coordinator:PARTNER.`);
    const [, claimValue, role, partner] = match as unknown as [string, string, string, string | undefined];
    if (!ROLE_NAMES.includes(role as Role))
      throw new ConfigError(variable, `"${role}" in "${entry}" is not one of ${ROLE_NAMES.join(', ')}.`);
    if ((role === 'coordinator') !== (partner !== undefined)) {
      throw new ConfigError(variable, `"${entry}": a coordinator needs a partner (coordinator:AL), and only a coordinator has one.`);
    }
    map[claimValue.trim()] = { role: role as Role, partner: partner?.toUpperCase() ?? null };
  }
  if (Object.keys(map).length === 0) throw new ConfigError(variable, 'lists no value=role entry.');
  return map;
}

/** One provider from the variables starting with `prefix` (OIDC_ or OIDC_<ID>_). */
function parseOidcProvider(id: string, prefix: string, env: Env): OidcProviderConfig {
  const get = (name: string) => (env[prefix + name] ?? '').trim();
  const issuerValue = get('ISSUER');
  if (issuerValue === '') throw new ConfigError(`${prefix}ISSUER`, `is required for the provider "${id}" (its issuer URL).`);
  const issuer = parseIssuer(`${prefix}ISSUER`, issuerValue);
  const clientId = get('CLIENT_ID');
  if (clientId === '') throw new ConfigError(`${prefix}CLIENT_ID`, `is required for the provider "${id}" (as registered there).`);
  const keyFile = get('PRIVATE_KEY_FILE');
  const clientAuth = (get('CLIENT_AUTH') || (keyFile ? 'private_key_jwt' : 'client_secret_basic')) as OidcClientAuth;
  if (!OIDC_CLIENT_AUTHS.includes(clientAuth)) {
    throw new ConfigError(`${prefix}CLIENT_AUTH`, `"${clientAuth}" is not one of ${OIDC_CLIENT_AUTHS.join(', ')}.`);
  }
  const clientSecret = env[prefix + 'CLIENT_SECRET'] || null;
  if (clientAuth === 'private_key_jwt' && !keyFile) {
    throw new ConfigError(`${prefix}PRIVATE_KEY_FILE`, 'is required with private_key_jwt (a PEM file or a private JWK).');
  }
  if (clientAuth !== 'private_key_jwt' && clientSecret === null) {
    throw new ConfigError(
      `${prefix}CLIENT_SECRET`,
      `is required with ${clientAuth} (or set ${prefix}PRIVATE_KEY_FILE for private_key_jwt).`,
    );
  }
  const scopes = get('SCOPES')
    ? get('SCOPES')
        .split(/[\s,]+/)
        .filter(Boolean)
    : DEFAULT_OIDC_SCOPES;
  if (!scopes.includes('openid')) throw new ConfigError(`${prefix}SCOPES`, `must include openid (e.g. "openid email profile").`);
  const idTokenAlg = get('ID_TOKEN_ALG') || 'RS256';
  if (!ID_TOKEN_ALGS.includes(idTokenAlg)) {
    throw new ConfigError(`${prefix}ID_TOKEN_ALG`, `"${idTokenAlg}" is not one of ${ID_TOKEN_ALGS.join(', ')}.`);
  }
  const label = get('LABEL') || `Sign in with ${new URL(issuer).hostname}`;
  if (label.length > 80) throw new ConfigError(`${prefix}LABEL`, `must be at most 80 characters long (it is ${label.length}).`);
  const roleClaim = get('ROLE_CLAIM');
  const roleMap = get('ROLE_MAP');
  if ((roleClaim === '') !== (roleMap === '')) {
    throw new ConfigError(
      roleClaim ? `${prefix}ROLE_MAP` : `${prefix}ROLE_CLAIM`,
      `${prefix}ROLE_CLAIM and ${prefix}ROLE_MAP go together.`,
    );
  }
  return {
    id,
    label,
    issuer,
    clientId,
    clientAuth,
    clientSecret: clientAuth === 'private_key_jwt' ? null : clientSecret,
    privateKey: clientAuth === 'private_key_jwt' ? readPrivateKey(prefix, keyFile, env) : null,
    scopes,
    idTokenAlg,
    trustEmail: parseBoolean(`${prefix}TRUST_EMAIL`, env[`${prefix}TRUST_EMAIL`], false),
    clockToleranceSeconds: parseCount(`${prefix}CLOCK_TOLERANCE`, env[`${prefix}CLOCK_TOLERANCE`], DEFAULT_CLOCK_TOLERANCE_SECONDS, 300),
    roleMapping: roleClaim ? { claim: roleClaim, map: parseRoleMap(`${prefix}ROLE_MAP`, roleMap) } : null,
  };
}

/**
 * OIDC_PROVIDERS lists providers by id (`eulogin,mup-rs`), each configured by OIDC_<ID>_ISSUER,
 * OIDC_<ID>_CLIENT_ID, …; without it, OIDC_ISSUER, OIDC_CLIENT_ID, … configure one provider
 * (id `default`). Nothing set: no provider.
 */
function parseOidcProviders(env: Env): OidcProviderConfig[] {
  const list = (env.OIDC_PROVIDERS ?? '').trim();
  if (list === '') {
    const single = ['ISSUER', 'CLIENT_ID', 'CLIENT_SECRET', 'PRIVATE_KEY_FILE'].some((n) => (env[`OIDC_${n}`] ?? '').trim() !== '');
    return single ? [parseOidcProvider('default', 'OIDC_', env)] : [];
  }
  if ((env.OIDC_ISSUER ?? '').trim() !== '') {
    throw new ConfigError('OIDC_ISSUER', 'is not read when OIDC_PROVIDERS is set; use OIDC_<ID>_ISSUER for each provider listed.');
  }
  const ids = list
    .split(',')
    .map((id) => id.trim().toLowerCase())
    .filter(Boolean);
  const seen = new Set<string>();
  return ids.map((id) => {
    if (!/^[a-z][a-z0-9-]{0,30}$/.test(id)) {
      throw new ConfigError(
        'OIDC_PROVIDERS',
        `"${id}" is not a provider id (letters, digits and -, starting with a letter, e.g. eulogin).`,
      );
    }
    if (seen.has(id)) throw new ConfigError('OIDC_PROVIDERS', `"${id}" is listed twice.`);
    seen.add(id);
    return parseOidcProvider(id, `OIDC_${id.toUpperCase().replace(/-/g, '_')}_`, env);
  });
}

/** MFA_REQUIRED_ROLES: roles, comma-separated, or `none`; by default admin and commission (none on a demo database). */
function parseMfaRequiredRoles(value: string | undefined, demo: boolean): Role[] {
  const raw = (value ?? '').trim().toLowerCase();
  if (raw === '') return demo ? [] : ['admin', 'commission'];
  if (raw === 'none') return [];
  const roles = raw
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  for (const role of roles) {
    if (!ROLE_NAMES.includes(role as Role)) {
      throw new ConfigError('MFA_REQUIRED_ROLES', `"${role}" is not one of ${ROLE_NAMES.join(', ')} (or none).`);
    }
  }
  return [...new Set(roles)] as Role[];
}

export function parseSignIn(env: Env, demo: boolean): SignInConfig {
  return { oidcProviders: parseOidcProviders(env), mfaRequiredRoles: parseMfaRequiredRoles(env.MFA_REQUIRED_ROLES, demo) };
}
