import BetterSqlite3 from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { allMigrations } from '../app/context.js';
import { PROJECT_ROOT } from '../platform/paths.js';
import { JHA } from '../testing/cli.js';

function jha(database: string, args: string[]) {
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite:${database}`,
    SESSION_SECRET: 'cli-test-secret-cli-test-secret-cli',
    LOG_LEVEL: 'silent',
  };
  const result = spawnSync(process.execPath, [JHA, ...args], { encoding: 'utf8', env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'jha-cli-cases-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('`jha import cases` migrates a new database itself, as fully as `jha migrate`, and loads the partners', () => {
  const database = join(dir, 'new.sqlite');
  const run = jha(database, ['import', 'cases', join(PROJECT_ROOT, 'examples', 'cases-AL.csv'), '--partner', 'AL']);
  // AL is known (the partner catalogue was loaded), its courts are not yet: every row is rejected.
  expect(run.stderr).toMatch(/No case could be imported: all 304 row\(s\) were rejected .*unknown_court 302/);
  expect(run.code).toBe(1);
  const sqlite = new BetterSqlite3(database, { readonly: true });
  const applied = sqlite.prepare('select name from kysely_migration order by name').all() as { name: string }[];
  const runs = sqlite.prepare('select status from case_import_runs').all();
  sqlite.close();
  expect(applied.map((m) => m.name)).toEqual(Object.keys(allMigrations()).sort());
  expect(runs).toEqual([{ status: 'failed' }]);
  expect(jha(database, ['migrate']).stdout).toBe('The database schema is up to date.\n');
});

it('`jha --version` prints the version of the package', () => {
  const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
  expect(jha(join(dir, 'never-opened.sqlite'), ['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
});
