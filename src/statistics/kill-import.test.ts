// The real `jha import values` killed (SIGKILL) while it writes a file of 100,800 values: the import is
// one transaction, so afterwards the database holds all of the file or none of it, SQLite's file is
// intact, and the audit chain verifies. Left to finish, the same import stores every row.
import BetterSqlite3 from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { JHA, jhaEnv, runJha } from '../testing/cli.js';
import { describeEachDatabase, type TestDatabase } from '../testing/databases.js';

const COURTS = 40;
const YEARS = 21;
const VARIABLES = ['cases.pending_start', 'cases.incoming', 'cases.resolved', 'cases.pending_end', 'cases.pending_over_2y'];
const CATEGORIES = ['civil_litigious', 'civil_non_litigious', 'registry_land_business', 'registry_other'];
const MORE_CATEGORIES = ['administrative', 'other_non_criminal', 'criminal_severe', 'criminal_minor'];
const INSTANCES = ['first', 'second', 'highest'];
/** Courts × variables × categories × instances × years: 100,800 rows in 21 submissions. */
const ROWS = COURTS * VARIABLES.length * (CATEGORIES.length + MORE_CATEGORIES.length) * INSTANCES.length * YEARS;
/** How long after the import's first write each run is killed. */
const KILL_AFTER_MS = [0, 1000, 3000];

function valueFile(): string {
  const lines = ['dataset,partner,org_unit,period,variable,case_category,instance,value,comment'];
  for (let year = 2000; year < 2000 + YEARS; year += 1)
    for (let court = 0; court < COURTS; court += 1)
      for (const variable of VARIABLES)
        for (const category of [...CATEGORIES, ...MORE_CATEGORIES])
          for (const instance of INSTANCES)
            lines.push(`justice.annual,AL,AL-K${court},${year},${variable},${category},${instance},${(lines.length % 97) + 1},`);
  return lines.join('\n') + '\n';
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `jha import values FILE` as a child process, with its progress on stderr (JHA_PROGRESS). */
function startImport(t: TestDatabase, file: string) {
  const child = spawn(process.execPath, [JHA, 'import', 'values', file], { env: jhaEnv(t, { JHA_PROGRESS: '1' }) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Run>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done, stderr: () => stderr };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachDatabase('an import killed while it writes', (get, kind) => {
  let dir = '';
  let file = '';
  let before = 0;

  const storedValues = async () =>
    Number(
      (
        await get()
          .db.selectFrom('data_values')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /**
   * Whether the import's transaction is writing: on SQLite another connection cannot take the write
   * lock; on PostgreSQL another backend of the database holds a transaction id (given at its first write).
   */
  async function writing(): Promise<boolean> {
    const t = get();
    if (t.config.kind === 'sqlite') {
      const probe = new BetterSqlite3(t.config.path, { timeout: 0 });
      try {
        probe.exec('begin immediate');
        probe.exec('rollback');
        return false;
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_BUSY') return true;
        throw err;
      } finally {
        probe.close();
      }
    }
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and backend_xid is not null`.execute(t.db);
    return Number(rows[0]!.n) > 0;
  }

  /** Waits until `check` holds, polling every 20 ms; fails after `ms` naming what it waited for. */
  async function until(what: string, check: () => Promise<boolean> | boolean, ms: number): Promise<void> {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
      await pause(20);
    }
  }

  /** The database file is intact (SQLite) and the audit chain verifies. */
  async function intact(): Promise<void> {
    if (get().config.kind === 'sqlite') {
      const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(get().db);
      expect(rows).toEqual([{ integrity_check: 'ok' }]);
    }
    const verify = runJha(get(), ['audit', 'verify']);
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jha-kill-'));
    file = join(dir, 'values.csv');
    const units = ['code,name,partner,kind,parent', ...Array.from({ length: COURTS }, (_, i) => `AL-K${i},Court ${i},AL,court,`)];
    writeFileSync(join(dir, 'units.csv'), units.join('\n') + '\n');
    expect(runJha(get(), ['import', 'org-units', join(dir, 'units.csv')]).stdout).toBe(
      `Org units: ${COURTS} created, 0 updated, 0 unchanged.\n`,
    );
    writeFileSync(file, valueFile());
    before = await storedValues();
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('leaves all of the file or none of it, at each of three points', { timeout: 180_000 }, async () => {
    const outcomes: string[] = [];
    for (const delay of KILL_AFTER_MS) {
      // A backend of a client killed before may still be ending its transaction: wait until none writes.
      await until('the database to be quiet', async () => !(await writing()), 30_000);
      const run = startImport(get(), file);
      // Past the start (migrations, start steps) and the reading: the import has begun, and then its first write.
      await until('the import to begin', () => run.stderr().includes('importing ['), 60_000);
      await until('the first write', writing, 30_000);
      await pause(delay);
      run.child.kill('SIGKILL');
      const ended = await run.done;
      const values = await storedValues();
      expect([before, before + ROWS]).toContain(values);
      outcomes.push(`${delay} ms: ${ended.signal ?? `exit ${ended.code}`}, ${values === before ? 'nothing' : 'all'} stored`);
      await intact();
    }
    console.log(`kill-import (${kind}): ${outcomes.join('; ')}`);
    // At least one kill found the import writing, and then nothing of it was stored.
    // The first kill comes while the import's transaction writes: it is killed, and nothing of it is stored.
    expect(outcomes[0]).toBe(`${KILL_AFTER_MS[0]} ms: SIGKILL, nothing stored`);
  });

  it('stores every row when left to finish', { timeout: 180_000 }, async () => {
    await until('the database to be quiet', async () => !(await writing()), 30_000);
    const already = (await storedValues()) - before;
    const run = await startImport(get(), file).done;
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `Imported: created ${ROWS - already}, changed 0, left ${already} unchanged, in ${YEARS} submissions (${ROWS.toLocaleString('en-GB')} rows).\n`,
    );
    expect(await storedValues()).toBe(before + ROWS);
    await intact();
  });
});
