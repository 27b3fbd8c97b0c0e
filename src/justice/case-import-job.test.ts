import { ORG_UNIT_KINDS } from '../testing/factories.js';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { cliActor } from '../platform/audit/actor.js';
import { importOrgUnits } from '../platform/partners/org-units.service.js';
import { PROJECT_ROOT } from '../platform/paths.js';
import { runDueJobs } from '../platform/jobs/jobs.service.js';
import { createContext, jobHandlers } from '../app/context.js';
import { startServer } from '../app/server.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { workerIsDead } from './case-import-job.service.js';
import { CASE_IMPORT_JOB, createCaseImport } from './case-import.service.js';
import { findRun, takeQueuedRun } from './justice.repository.js';

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const OPERATOR = { kind: 'operator', label: 'cli' } as const;

/** A real process, killed: its pid is one no process has any more. */
async function killedProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('spawn', resolve));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  return child.pid!;
}

/** An upload as the HTTP route leaves it: the example case file in a temporary folder of its own. */
function uploadedFile(): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'jha-upload-'));
  const path = join(dir, 'cases.csv');
  writeFileSync(path, readFileSync(join(PROJECT_ROOT, 'examples', 'cases-AL.csv')));
  return { dir, path };
}

describeEachDatabase('case import as a job', (get) => {
  beforeAll(async () => {
    await importOrgUnits(get().db, cliActor(), readFileSync(join(PROJECT_ROOT, 'demo', 'org-units.csv'), 'utf8'), ORG_UNIT_KINDS);
  });

  async function queue(): Promise<{ id: string; dir: string }> {
    const upload = uploadedFile();
    const request = { partner: 'AL', file: upload.path, fileName: 'cases.csv', format: 'csv' as const };
    return { id: await createCaseImport(get().db, OPERATOR, cliActor(), request, upload), dir: upload.dir };
  }

  it('a run whose worker was killed is interrupted at the next start and its file removed; a queued run is carried out', async () => {
    const dead = await queue();
    expect(await takeQueuedRun(get().db, dead.id, `${hostname()}:${await killedProcess()}`)).toBe(true);
    const waiting = await queue();
    const server = await startServer(testConfig(get().config));
    try {
      await expect.poll(async () => (await findRun(get().db, waiting.id))?.status, { timeout: 20_000 }).toBe('completed');
    } finally {
      await server.close();
    }
    const run = await findRun(get().db, dead.id);
    expect(run).toMatchObject({ status: 'interrupted', phase: 'interrupted', progress: 0 });
    expect(run!.message).toMatch(/^The import was interrupted: the server running it stopped before it finished/);
    expect(existsSync(dead.dir)).toBe(false);
    expect(existsSync(waiting.dir)).toBe(false);
  });

  it('a job handed out again after its worker died finds the run taken and marks it interrupted', async () => {
    const run = await queue();
    expect(await takeQueuedRun(get().db, run.id, `elsewhere.example:4242`)).toBe(true);
    const handlers = jobHandlers(createContext({ config: testConfig(get().config) }));
    const outcomes = await runDueJobs(
      { db: get().db, config: testConfig(get().config), log: silent },
      {
        [CASE_IMPORT_JOB]: handlers[CASE_IMPORT_JOB]!,
      },
    );
    expect(outcomes.map((o) => o.outcome)).toEqual(['done']);
    expect((await findRun(get().db, run.id))?.status).toBe('interrupted');
    expect(existsSync(run.dir)).toBe(false);
  });

  it('tells a dead worker from a live one', async () => {
    expect(workerIsDead(`${hostname()}:${await killedProcess()}`)).toBe(true);
    expect(workerIsDead(`${hostname()}:${process.pid}`)).toBe(true);
    expect(workerIsDead(`${hostname()}:${process.ppid}`)).toBe(false);
    expect(workerIsDead('another-host.example:1')).toBe(false);
    expect(workerIsDead(null)).toBe(true);
  });
});
