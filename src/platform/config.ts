// Reads the configuration from environment variables once, at start-up. A wrong value throws a
// ConfigError naming the variable, so the process stops before it serves anything.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Role } from './db/tables.js';
import { ConfigError } from './errors.js';
import { CATALOG_DIR } from './paths.js';
import { parseBoolean, parseCount, type Env } from './env-values.js';
import { parseSignIn, type SignInConfig } from './sign-in-config.js';

export type { OidcClientAuth, OidcProviderConfig, SignInConfig } from './sign-in-config.js';
export { DEFAULT_CLOCK_TOLERANCE_SECONDS, DEFAULT_OIDC_SCOPES } from './sign-in-config.js';

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
