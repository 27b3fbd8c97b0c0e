// Reads the configuration from environment variables once, at start-up. A wrong value throws a
// ConfigError naming the variable, so the process stops before it serves anything.
import { createPrivateKey, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Role } from './db/tables.js';
import { ConfigError } from './errors.js';
import { CATALOG_DIR } from './paths.js';

export type DatabaseConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  database: DatabaseConfig;
  port: number;
  host: string;
  sessionSecret: string;
  demo: boolean;
  logLevel: LogLevel;
  /**
   * TRUST_PROXY: how many reverse proxies stand in front of the server (0: none). The client's
   * address is the right-most one in `X-Forwarded-For` that those proxies did not add.
   */
  trustProxy: number;
  /** SESSION_IDLE_MINUTES: a web session unused for this long ends (the absolute limit is 12 hours). */
  sessionIdleMinutes: number;
  /** Requests a client may make per minute (0: no limit); see rate-limit.ts. */
  rateLimit: RateLimits;
  /** Outgoing mail server (`smtp://` or `smtps://`); null: notifications are not e-mailed. */
  smtpUrl: string | null;
  /** Where users reach the web UI (for links in e-mails and invitations), without a trailing slash. */
  publicUrl: string;
  /** Sender of outgoing e-mail, e.g. `JHA Hub <no-reply@jha-hub.local>`. */
  mailFrom: string;
  /**
   * AUDIT_KEY: the key of the audit chain's HMAC, kept outside the database. Not set (null or
   * absent): a development key derived from SESSION_SECRET is used, and `jha audit verify` says so.
   */
  auditKey?: string | null;
  /**
   * How people sign in besides local passwords (OpenID Connect providers) and who must add a second
   * factor to a password (see parseSignIn). Absent: passwords only, no second factor required.
   */
  signIn?: SignInConfig;
  /**
   * JHA_CATALOG_DIR: the folder whose statistical catalogues (`*.yaml`) are loaded at start-up.
   * Absent: the shipped catalogs/ folder. The partner catalogue and the plans are always the shipped ones.
   */
  catalogDir?: string;
}

export interface RateLimits {
  /** RATE_LIMIT: per signed-in user (session or token). */
  signedIn: number;
  /** RATE_LIMIT_ANONYMOUS: per address, for callers that are not signed in. */
  anonymous: number;
  /** RATE_LIMIT_UPLOADS: file uploads per client, counted apart from other requests. */
  uploads: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { signedIn: 1200, anonymous: 300, uploads: 30 };
export const DEFAULT_SESSION_IDLE_MINUTES = 30;
export const DEFAULT_DATABASE_PATH = './data/jha.sqlite';
export const DEFAULT_MAIL_FROM = 'JHA Hub <no-reply@jha-hub.local>';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const MIN_SECRET_LENGTH = 32;

type Env = Record<string, string | undefined>;

/** Parses DATABASE_URL: `sqlite:<path>`, a plain file path, or `postgres://…` / `postgresql://…`. */
export function parseDatabaseUrl(value: string | undefined): DatabaseConfig {
  const raw = (value ?? '').trim();
  if (raw === '') return { kind: 'sqlite', path: resolve(DEFAULT_DATABASE_PATH) };
  if (/^postgres(ql)?:\/\//i.test(raw)) {
    try {
      const url = new URL(raw);
      if (!url.hostname && !url.searchParams.get('host')) throw new Error('no host');
    } catch {
      throw new ConfigError('DATABASE_URL', `"${raw}" is not a valid PostgreSQL URL (expected postgres://user@host:5432/database).`);
    }
    return { kind: 'postgres', url: raw };
  }
  if (/^sqlite:/i.test(raw)) {
    const path = raw.replace(/^sqlite:(\/\/)?/i, '');
    if (path === '') throw new ConfigError('DATABASE_URL', 'sqlite: needs a file path, e.g. sqlite:./data/jha.sqlite.');
    return { kind: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    throw new ConfigError('DATABASE_URL', `unsupported scheme in "${raw}"; use sqlite:<path>, a file path, or postgres://….`);
  }
  return { kind: 'sqlite', path: resolve(raw) };
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 8080;
  if (!/^\d+$/.test(value.trim())) throw new ConfigError('PORT', `"${value}" is not a port number (0–65535).`);
  const port = Number(value);
  if (port > 65535) throw new ConfigError('PORT', `${port} is above 65535.`);
  return port;
}

function parseBoolean(variable: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value.trim() === '') return fallback;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(variable, `"${value}" is not a yes/no value (use true or false).`);
}

function parseCount(variable: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const v = value.trim();
  if (!/^\d+$/.test(v) || Number(v) > max) throw new ConfigError(variable, `"${value}" is not a whole number from 0 to ${max}.`);
  return Number(v);
}

/** TRUST_PROXY: a number of proxy hops; `true` is one proxy (never "trust every hop"), `false` none. */
function parseTrustProxy(value: string | undefined): number {
  const v = (value ?? '').trim().toLowerCase();
  if (/^\d+$/.test(v)) return parseCount('TRUST_PROXY', v, 0, 10);
  return parseBoolean('TRUST_PROXY', value, false) ? 1 : 0;
}

function parseIdleMinutes(value: string | undefined): number {
  const minutes = parseCount('SESSION_IDLE_MINUTES', value, DEFAULT_SESSION_IDLE_MINUTES, 720);
  if (minutes < 1) throw new ConfigError('SESSION_IDLE_MINUTES', 'must be at least 1 (minutes).');
  return minutes;
}

function parseRateLimits(env: Env): RateLimits {
  const max = 1_000_000;
  return {
    signedIn: parseCount('RATE_LIMIT', env.RATE_LIMIT, DEFAULT_RATE_LIMITS.signedIn, max),
    anonymous: parseCount('RATE_LIMIT_ANONYMOUS', env.RATE_LIMIT_ANONYMOUS, DEFAULT_RATE_LIMITS.anonymous, max),
    uploads: parseCount('RATE_LIMIT_UPLOADS', env.RATE_LIMIT_UPLOADS, DEFAULT_RATE_LIMITS.uploads, max),
  };
}

function parseLogLevel(value: string | undefined): LogLevel {
  if (value === undefined || value.trim() === '') return 'info';
  const v = value.trim().toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(v)) throw new ConfigError('LOG_LEVEL', `"${value}" is not one of ${LOG_LEVELS.join(', ')}.`);
  return v;
}

/** URL without its password, for messages that may end up in logs. */
function withoutPassword(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

/** SMTP_URL: `smtp://[user:password@]host[:port]` (STARTTLS when offered) or `smtps://…` (TLS from the start). */
function parseSmtpUrl(value: string | undefined): string | null {
  const raw = (value ?? '').trim();
  if (raw === '') return null;
  const shown = withoutPassword(raw);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('SMTP_URL', `"${shown}" is not a URL (expected smtp://host:587 or smtps://user:password@host:465).`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError('SMTP_URL', `unsupported scheme "${url.protocol}" in "${shown}"; use smtp:// or smtps://.`);
  }
  if (url.hostname === '') throw new ConfigError('SMTP_URL', `"${shown}" names no host.`);
  return raw;
}

function parsePublicUrl(value: string | undefined, host: string, port: number): string {
  const raw = (value ?? '').trim();
  if (raw === '') return `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('PUBLIC_URL', `"${raw}" is not a web address (e.g. https://jha-hub.example.org).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ConfigError('PUBLIC_URL', `"${raw}" must start with https:// or http://.`);
  return url.href.replace(/\/+$/, '');
}

/** JHA_CATALOG_DIR: an existing folder (resolved from the working directory); not set: the shipped catalogs/. */
function parseCatalogDir(value: string | undefined): string {
  const raw = (value ?? '').trim();
  if (raw === '') return CATALOG_DIR;
  const dir = resolve(raw);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ConfigError('JHA_CATALOG_DIR', `"${raw}" is not a folder.`);
  return dir;
}

function parseMailFrom(value: string | undefined): string {
  const raw = (value ?? '').trim();
  if (raw === '') return DEFAULT_MAIL_FROM;
  if (!/^[^\s@<>]+@[^\s@<>]+$|^[^<>@]*<[^\s@<>]+@[^\s@<>]+>$/.test(raw)) {
    throw new ConfigError('MAIL_FROM', `"${raw}" is not an address (use no-reply@example.org or Name <no-reply@example.org>).`);
  }
  return raw;
}

/**
 * The embedded default keeps a generated secret next to the database file, so that sessions
 * survive a restart without any set-up. PostgreSQL deployments run several instances that must
 * share one secret, so there it is required.
 */
function resolveSessionSecret(value: string | undefined, database: DatabaseConfig): string {
  if (value !== undefined && value !== '') {
    if (value.length < MIN_SECRET_LENGTH) {
      throw new ConfigError('SESSION_SECRET', `must be at least ${MIN_SECRET_LENGTH} characters long (it is ${value.length}).`);
    }
    return value;
  }
  if (database.kind === 'postgres') {
    throw new ConfigError(
      'SESSION_SECRET',
      'is required with PostgreSQL, so that every instance signs sessions alike (at least 32 characters).',
    );
  }
  if (database.path === ':memory:') return randomBytes(32).toString('hex');
  const file = join(dirname(database.path), 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/** AUDIT_KEY: at least 32 characters, and not SESSION_SECRET itself (a key of its own, kept apart). */
function parseAuditKey(value: string | undefined, sessionSecret: string): string | null {
  if (value === undefined || value === '') return null;
  if (value.length < MIN_SECRET_LENGTH) {
    throw new ConfigError('AUDIT_KEY', `must be at least ${MIN_SECRET_LENGTH} characters long (it is ${value.length}).`);
  }
  if (value === sessionSecret) throw new ConfigError('AUDIT_KEY', 'must differ from SESSION_SECRET (e.g. openssl rand -hex 32).');
  return value;
}

// ---- Sign-in: OpenID Connect providers and the second factor ----------------------------------

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

function parseSignIn(env: Env, demo: boolean): SignInConfig {
  return { oidcProviders: parseOidcProviders(env), mfaRequiredRoles: parseMfaRequiredRoles(env.MFA_REQUIRED_ROLES, demo) };
}

// ---- end of sign-in --------------------------------------------------------------------------

export function loadConfig(env: Env = process.env): Config {
  const database = parseDatabaseUrl(env.DATABASE_URL);
  const host = (env.HOST ?? '').trim() || 'localhost';
  const port = parsePort(env.PORT);
  const sessionSecret = resolveSessionSecret(env.SESSION_SECRET, database);
  return {
    database,
    port,
    host,
    sessionSecret,
    demo: parseBoolean('JHA_DEMO', env.JHA_DEMO, database.kind === 'sqlite'),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    sessionIdleMinutes: parseIdleMinutes(env.SESSION_IDLE_MINUTES),
    rateLimit: parseRateLimits(env),
    smtpUrl: parseSmtpUrl(env.SMTP_URL),
    mailFrom: parseMailFrom(env.MAIL_FROM),
    publicUrl: parsePublicUrl(env.PUBLIC_URL, host, port),
    auditKey: parseAuditKey(env.AUDIT_KEY, sessionSecret),
    signIn: parseSignIn(env, parseBoolean('JHA_DEMO', env.JHA_DEMO, database.kind === 'sqlite')),
    catalogDir: parseCatalogDir(env.JHA_CATALOG_DIR),
  };
}
