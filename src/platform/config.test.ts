import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseDatabaseUrl } from './config.js';
import { ConfigError } from './errors.js';
import { CATALOG_DIR } from './paths.js';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jha-config-'));
  const sqlite = `sqlite:${join(dir, 'db.sqlite')}`;

  it('reads DATABASE_URL as sqlite:<path>, a plain path or postgres://', () => {
    expect(parseDatabaseUrl(undefined)).toEqual({ kind: 'sqlite', path: join(process.cwd(), 'data', 'jha.sqlite') });
    expect(parseDatabaseUrl('sqlite:/tmp/x.sqlite')).toEqual({ kind: 'sqlite', path: '/tmp/x.sqlite' });
    expect(parseDatabaseUrl('/tmp/y.db')).toEqual({ kind: 'sqlite', path: '/tmp/y.db' });
    expect(parseDatabaseUrl('postgres://u@h:5432/d')).toEqual({ kind: 'postgres', url: 'postgres://u@h:5432/d' });
  });

  it('reads TRUST_PROXY as a number of proxy hops (true: one, never every hop)', () => {
    const hops = (v: string | undefined) => loadConfig({ DATABASE_URL: sqlite, ...(v === undefined ? {} : { TRUST_PROXY: v }) }).trustProxy;
    expect([undefined, 'false', '0', 'true', '1', '2', ' 3 '].map(hops)).toEqual([0, 0, 0, 1, 1, 2, 3]);
    expect(configError({ DATABASE_URL: sqlite, TRUST_PROXY: '10.0.0.0/8' }).message).toBe(
      'TRUST_PROXY: "10.0.0.0/8" is not a yes/no value (use true or false).',
    );
    expect(configError({ DATABASE_URL: sqlite, TRUST_PROXY: '11' }).message).toBe('TRUST_PROXY: "11" is not a whole number from 0 to 10.');
  });

  it('reads the idle timeout and the rate limits, with their defaults', () => {
    expect(loadConfig({ DATABASE_URL: sqlite })).toMatchObject({
      sessionIdleMinutes: 30,
      rateLimit: { signedIn: 1200, anonymous: 300, uploads: 30 },
    });
    expect(
      loadConfig({
        DATABASE_URL: sqlite,
        SESSION_IDLE_MINUTES: '15',
        RATE_LIMIT: '0',
        RATE_LIMIT_ANONYMOUS: '60',
        RATE_LIMIT_UPLOADS: '5',
      }),
    ).toMatchObject({ sessionIdleMinutes: 15, rateLimit: { signedIn: 0, anonymous: 60, uploads: 5 } });
    expect(configError({ DATABASE_URL: sqlite, SESSION_IDLE_MINUTES: '0' }).message).toBe(
      'SESSION_IDLE_MINUTES: must be at least 1 (minutes).',
    );
    expect(configError({ DATABASE_URL: sqlite, RATE_LIMIT: 'lots' }).message).toBe(
      'RATE_LIMIT: "lots" is not a whole number from 0 to 1000000.',
    );
  });

  it('defaults: port 8080, host localhost, demo data on SQLite, log level info', () => {
    const c = loadConfig({ DATABASE_URL: sqlite });
    expect(c).toMatchObject({ port: 8080, host: 'localhost', demo: true, logLevel: 'info' });
  });

  it('reads JHA_CATALOG_DIR, an existing folder, by default the shipped catalogs/', () => {
    expect(loadConfig({ DATABASE_URL: sqlite }).catalogDir).toBe(CATALOG_DIR);
    const catalogs = mkdtempSync(join(tmpdir(), 'jha-catalogs-'));
    expect(loadConfig({ DATABASE_URL: sqlite, JHA_CATALOG_DIR: ` ${catalogs} ` }).catalogDir).toBe(catalogs);
    const missing = join(catalogs, 'missing');
    expect(configError({ DATABASE_URL: sqlite, JHA_CATALOG_DIR: missing }).message).toBe(`JHA_CATALOG_DIR: "${missing}" is not a folder.`);
  });

  it('keeps a generated session secret next to the SQLite file, the same on every start', () => {
    const first = loadConfig({ DATABASE_URL: sqlite }).sessionSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ DATABASE_URL: sqlite }).sessionSecret).toBe(first);
    expect(readFileSync(join(dir, 'session-secret'), 'utf8').trim()).toBe(first);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ JHA_DEMO: 'maybe' }, 'JHA_DEMO'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
    [{ DATABASE_URL: 'mysql://root@localhost/db' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgres://' }, 'DATABASE_URL'],
    [{ SMTP_URL: 'mail.example.org:25' }, 'SMTP_URL'],
    [{ SMTP_URL: 'http://mail.example.org' }, 'SMTP_URL'],
    [{ SMTP_URL: 'smtp://' }, 'SMTP_URL'],
    [{ SMTP_URL: 'smtp://mail.example.org:99999' }, 'SMTP_URL'],
    [{ MAIL_FROM: 'JHA Hub' }, 'MAIL_FROM'],
    [{ MAIL_FROM: 'JHA Hub <no-reply>' }, 'MAIL_FROM'],
    [{ PUBLIC_URL: 'jha-hub.example.org' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'ftp://jha-hub.example.org' }, 'PUBLIC_URL'],
  ])('a wrong value (%o) names the variable', (env, variable) => {
    const err = configError({ DATABASE_URL: sqlite, ...env });
    expect(err.details).toEqual({ variable });
    expect(err.message.startsWith(`${variable}:`)).toBe(true);
  });

  it('reads SMTP_URL (optional) and MAIL_FROM (with a default)', () => {
    expect(loadConfig({ DATABASE_URL: sqlite })).toMatchObject({ smtpUrl: null, mailFrom: 'JHA Hub <no-reply@jha-hub.local>' });
    expect(
      loadConfig({ DATABASE_URL: sqlite, SMTP_URL: ' smtp://mail.example.org:2525 ', MAIL_FROM: 'Hub <hub@example.org>' }),
    ).toMatchObject({ smtpUrl: 'smtp://mail.example.org:2525', mailFrom: 'Hub <hub@example.org>' });
    expect(
      loadConfig({ DATABASE_URL: sqlite, SMTP_URL: 'smtps://user:secret@mail.example.org:465', MAIL_FROM: 'hub@example.org' }),
    ).toMatchObject({ smtpUrl: 'smtps://user:secret@mail.example.org:465', mailFrom: 'hub@example.org' });
  });

  it('reads PUBLIC_URL for links in e-mails, by default the local address', () => {
    expect(loadConfig({ DATABASE_URL: sqlite }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ DATABASE_URL: sqlite, HOST: '0.0.0.0', PORT: '9000' }).publicUrl).toBe('http://localhost:9000');
    expect(loadConfig({ DATABASE_URL: sqlite, PUBLIC_URL: 'https://jha-hub.example.org/' }).publicUrl).toBe('https://jha-hub.example.org');
  });

  it('does not repeat the SMTP password in its error message', () => {
    const err = configError({ DATABASE_URL: sqlite, SMTP_URL: 'ftp://user:hunter2@mail.example.org' });
    expect(err.message).toMatch(/^SMTP_URL: unsupported scheme/);
    expect(err.message).not.toContain('hunter2');
  });

  it('requires SESSION_SECRET with PostgreSQL', () => {
    expect(configError({ DATABASE_URL: 'postgres://postgres@127.0.0.1/test' }).message).toMatch(
      /^SESSION_SECRET: is required with PostgreSQL/,
    );
    const ok = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1/test', SESSION_SECRET: 'x'.repeat(32) });
    expect(ok.demo).toBe(false);
  });
});
