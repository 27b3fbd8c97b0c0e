// Test databases: every database test runs once on SQLite and once on PostgreSQL, each test file
// on a fresh database of its own. PostgreSQL is found at TEST_POSTGRES_URL (default: the local
// server); when CI is set and it cannot be reached, the tests fail instead of being skipped.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/audit/actor.js';
import { DEFAULT_MAIL_FROM, DEFAULT_SESSION_IDLE_MINUTES, type Config, type DatabaseConfig } from '../platform/config.js';
import { migrateToLatest, openDatabase, type Db } from '../platform/db/database.js';
import { allMigrations } from '../app/context.js';
import { loadShippedPartners, syncPartners } from '../platform/partners/partners.service.js';

export type DialectName = 'sqlite' | 'postgres';
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function probePostgres(): Promise<string | null> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await client.end().catch(() => {});
  }
}

const postgresProblem = await probePostgres();
if (postgresProblem && process.env.CI) {
  throw new Error(`PostgreSQL at ${POSTGRES_ADMIN_URL} is required in CI and cannot be reached: ${postgresProblem}`);
}
if (postgresProblem) console.warn(`PostgreSQL tests skipped (${POSTGRES_ADMIN_URL}: ${postgresProblem})`);

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface TestDatabase {
  kind: DialectName;
  config: DatabaseConfig;
  db: Db;
  /** Opens another, independent connection to the same database (a second server process). */
  openAnother(): Db;
  dispose(): Promise<void>;
}

/** A database with its extra connections, all closed by dispose() before `cleanup` runs. */
function tracked(kind: DialectName, config: DatabaseConfig, cleanup: () => Promise<void>): TestDatabase {
  const db = openDatabase(config);
  const others: Db[] = [];
  return {
    kind,
    config,
    db,
    openAnother: () => {
      const other = openDatabase(config);
      others.push(other);
      return other;
    },
    dispose: async () => {
      for (const o of others) await o.destroy();
      await db.destroy();
      await cleanup();
    },
  };
}

/** Creates an empty database of the kind (nothing migrated). */
export async function createEmptyDatabase(kind: DialectName): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'jha-test-'));
    return tracked(kind, { kind: 'sqlite', path: join(dir, 'test.sqlite') }, async () => rmSync(dir, { recursive: true, force: true }));
  }
  const name = `jha_test_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  await admin(`create database ${name}`);
  return tracked(kind, { kind: 'postgres', url: withDatabase(POSTGRES_ADMIN_URL, name) }, () =>
    admin(`drop database if exists ${name} with (force)`),
  );
}

/** A fresh database, migrated and with the shipped partners loaded. */
export async function createTestDatabase(kind: DialectName): Promise<TestDatabase> {
  const t = await createEmptyDatabase(kind);
  await migrateToLatest(t.db, allMigrations());
  await syncPartners(t.db, loadShippedPartners(), SYSTEM_ACTOR);
  return t;
}

export function testConfig(database: DatabaseConfig, overrides: Partial<Config> = {}): Config {
  return {
    database,
    port: 0,
    host: '127.0.0.1',
    sessionSecret: 'test-secret-that-is-long-enough-for-cookies-0123456789',
    demo: false,
    logLevel: 'silent',
    trustProxy: 0,
    sessionIdleMinutes: DEFAULT_SESSION_IDLE_MINUTES,
    // Tests of the limit itself switch it on; the others make requests in bursts.
    rateLimit: { signedIn: 0, anonymous: 0, uploads: 0 },
    smtpUrl: null,
    mailFrom: DEFAULT_MAIL_FROM,
    publicUrl: 'http://localhost:8080',
    ...overrides,
  };
}

/**
 * Declares the suite once per database kind; `get()` returns the suite's database inside tests.
 * The PostgreSQL run is skipped only outside CI when no server is reachable.
 */
export function describeEachDatabase(name: string, body: (get: () => TestDatabase, kind: DialectName) => void): void {
  for (const kind of ['sqlite', 'postgres'] as const) {
    const skip = kind === 'postgres' && postgresProblem !== null;
    describe.skipIf(skip)(`${name} [${kind}]`, () => {
      let current: TestDatabase | undefined;
      beforeAll(async () => {
        current = await createTestDatabase(kind);
      });
      afterAll(async () => {
        await current?.dispose();
      });
      body(() => {
        if (!current) throw new Error('test database not ready');
        return current;
      }, kind);
    });
  }
}
