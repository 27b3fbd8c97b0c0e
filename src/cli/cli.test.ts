// Runs the real `jha` command (the compiled package bin) against SQLite and PostgreSQL.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { isPostgres } from '../platform/db/database.js';
import { JHA, jhaEnv, runJha } from '../testing/cli.js';
import { describeEachDatabase, type TestDatabase } from '../testing/databases.js';
import { SHIPPED_REVIEW_DOMAINS } from '../testing/review-domains.js';

it('prints help for every command', () => {
  for (const args of [
    [],
    ['serve'],
    ['migrate'],
    ['users'],
    ['users', 'add'],
    ['users', 'list'],
    ['users', 'disable'],
    ['tokens', 'create'],
    ['audit', 'verify'],
  ]) {
    const result = spawnSync(process.execPath, [JHA, ...args, '--help'], { encoding: 'utf8' });
    expect(result.status, args.join(' ')).toBe(0);
    expect(result.stdout).toMatch(/^Usage: jha/);
  }
  // One process per command: on a busy two-core machine this takes longer than the default 30 s.
}, 120_000);

it('stops with a message naming the variable when the configuration is wrong', () => {
  const result = spawnSync(process.execPath, [JHA, 'users', 'list'], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: 'mysql://x/y' },
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/^jha: DATABASE_URL: unsupported scheme/);
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startServe(t: TestDatabase): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, [JHA, 'serve'], {
    env: jhaEnv(t, { PORT: String(port), HOST: '127.0.0.1', JHA_DEMO: 'false' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('serving on')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`jha serve exited with ${code}: ${out}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

describeEachDatabase('jha CLI', (get) => {
  it('migrate reports an up-to-date schema', () => {
    const result = runJha(get(), ['migrate']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/up to date/);
  });

  it('users add reads the password from standard input; users list shows the user', () => {
    const added = runJha(
      get(),
      ['users', 'add', '--email', 'cli.coord@example.org', '--role', 'coordinator', '--partner', 'XK', '--password-stdin'],
      'cli-password-123\n',
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/Created coordinator cli\.coord@example\.org for XK/);
    const listed = JSON.parse(runJha(get(), ['users', 'list', '--format', 'json']).stdout);
    expect(listed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: 'cli.coord@example.org', role: 'coordinator', partner: 'XK', disabled: false }),
      ]),
    );
    const expert = runJha(
      get(),
      ['users', 'add', '--email', 'cli.expert@example.org', '--role', 'reviewer', '--domains', 'migration, justice', '--password-stdin'],
      'cli-password-123\n',
    );
    expect(expert.code).toBe(0);
    expect(JSON.parse(runJha(get(), ['users', 'list', '--format', 'json']).stdout)).toEqual(
      expect.arrayContaining([expect.objectContaining({ email: 'cli.expert@example.org', domains: ['justice', 'migration'] })]),
    );
    const table = runJha(get(), ['users', 'list']).stdout;
    expect(table).toMatch(/cli\.coord@example\.org\s+cli\.coord\s+coordinator\s+XK\s+active/);
  });

  it('users add fails with a clear message on bad input and creates nothing', () => {
    const noPartner = runJha(
      get(),
      ['users', 'add', '--email', 'x@example.org', '--role', 'coordinator', '--password-stdin'],
      'cli-password-123',
    );
    expect(noPartner.code).toBe(1);
    expect(noPartner.stderr).toMatch(/partner: a coordinator must be bound/);
    const badRole = runJha(get(), ['users', 'add', '--email', 'x@example.org', '--role', 'boss', '--password-stdin'], 'cli-password-123');
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toMatch(/boss/);
    const badDomain = runJha(
      get(),
      ['users', 'add', '--email', 'x@example.org', '--role', 'reviewer', '--domains', 'justice,sport', '--password-stdin'],
      'cli-password-123',
    );
    expect(badDomain.code).toBe(1);
    expect(badDomain.stderr).toContain(`domains: "sport" is not a domain (${SHIPPED_REVIEW_DOMAINS.join(', ')})`);
    const noStdin = runJha(get(), ['users', 'add', '--email', 'x@example.org', '--role', 'reviewer']);
    expect(noStdin.code).toBe(2);
    expect(
      JSON.parse(runJha(get(), ['users', 'list', '--format', 'json']).stdout).some((u: { email: string }) => u.email === 'x@example.org'),
    ).toBe(false);
  });

  it('tokens create prints a token once that works against a server; users disable stops it', async () => {
    runJha(get(), ['users', 'add', '--email', 'machine@example.org', '--role', 'commission', '--password-stdin'], 'machine-password-1');
    const created = runJha(get(), ['tokens', 'create', '--email', 'machine@example.org']);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^jha_[A-Za-z0-9_-]{40,}$/);
    const server = await startServe(get());
    try {
      const me = await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
      expect((await me.json()).user.email).toBe('machine@example.org');
      expect(runJha(get(), ['users', 'disable', '--email', 'machine@example.org']).code).toBe(0);
      expect((await fetch(`${server.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    } finally {
      server.stop();
    }
    // Four processes and a server start: more than the default 30 s on a busy two-core machine.
  }, 120_000);

  it('two server processes share sessions: a sign-in through one is accepted by the other', async () => {
    runJha(get(), ['users', 'add', '--email', 'two@example.org', '--role', 'reviewer', '--password-stdin'], 'two-servers-pass');
    const [a, b] = [await startServe(get()), await startServe(get())];
    try {
      const login = await fetch(`${a.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'two@example.org', password: 'two-servers-pass' }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers
        .getSetCookie()
        .find((c) => c.startsWith('jha_session='))!
        .split(';')[0]!;
      const me = await fetch(`${b.url}/api/v1/me`, { headers: { cookie } });
      expect(me.status).toBe(200);
      expect((await me.json()).user.email).toBe('two@example.org');
    } finally {
      a.stop();
      b.stop();
    }
  });

  it('audit verify exits 0 on an intact trail and 1 naming an entry edited in the database', async () => {
    const intact = runJha(get(), ['audit', 'verify']);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/Audit trail intact: \d+ entries checked/);
    const db = get().db;
    if (isPostgres(db)) {
      await sql.raw('alter table audit_log disable trigger audit_log_no_update').execute(db);
    } else {
      await sql.raw('drop trigger audit_log_no_update').execute(db);
    }
    await sql.raw(`update audit_log set actor_label = 'someone else' where seq = 2`).execute(db);
    const broken = runJha(get(), ['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^Audit trail broken at entry 2: entry 2 was altered/);
  });
});

describeEachDatabase('jha statistics commands', (get) => {
  const dir = mkdtempSync(join(tmpdir(), 'jha-cli-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const HEADER = 'dataset,partner,org_unit,period,variable,case_category,instance,value,comment';

  it('imports org units, then values with a dry run first', () => {
    const units = runJha(get(), [
      'import',
      'org-units',
      file('units.csv', 'code,name,partner,kind,parent\nME-C1,Basic Court Podgorica,ME,court,\nME-C2,Basic Court Bar,ME,court,\n'),
    ]);
    expect(units.stdout).toBe('Org units: 2 created, 0 updated, 0 unchanged.\n');
    const csv = file(
      'values.csv',
      [
        HEADER,
        'justice.annual,ME,,2022,cases.pending_end,,,800,',
        'justice.annual,ME,,2023,cases.pending_start,,,1000,',
        'justice.annual,ME,,2023,cases.incoming,,,400,',
        'justice.annual,ME,,2023,cases.resolved,,,300,',
        'justice.annual,ME,,2023,cases.pending_end,,,1100,',
        'justice.annual,ME,ME-C1,2023,cases.incoming,criminal_minor,first,NA,not yet counted',
      ].join('\n'),
    );
    const dry = runJha(get(), ['import', 'values', csv, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^Dry run, nothing written: would create 6, change 0, leave 0 unchanged, in 2 submissions \(6 rows\)/);
    expect(runJha(get(), ['import', 'values', csv]).stdout).toMatch(/^Imported: created 6, changed 0/);
  });

  it('exits 1 with every bad row on a bad file, and writes nothing', () => {
    const bad = runJha(get(), [
      'import',
      'values',
      file('bad.csv', `${HEADER}\njustice.annual,ME,,2023,cases.incoming,,,lots,\njustice.annual,ZZ,,2023,cases.incoming,,,1,\n`),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/row 2, value: "lots" is not a number/);
    expect(bad.stderr).toMatch(/row 3, partner: "ZZ" is not a known partner code/);
    expect(runJha(get(), ['import', 'values', file('bad.txt', 'x')]).stderr).toMatch(/not a \.csv, \.json or \.xlsx file/);
  });

  it('validates a submission as text and as JSON, exiting 0 when rules fire', () => {
    const json = runJha(get(), ['validate', '--dataset', 'justice.annual', '--partner', 'ME', '--period', '2023', '--format', 'json']);
    expect(json.code).toBe(0);
    const findings = JSON.parse(json.stdout);
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rule: 'justice.carry_over',
          severity: 'warning',
          partner: 'ME',
          orgUnit: null,
          period: '2023',
          values: expect.objectContaining({ left: 1000, right: 800 }),
        }),
      ]),
    );
    const text = runJha(get(), ['validate', '--dataset', 'justice.annual', '--partner', 'ME', '--period', '2023']);
    expect(text.stdout).toMatch(/^WARNING justice\.carry_over {2}ME 2023 {2}Pending at 1 January/m);
    const wrong = runJha(get(), ['validate', '--dataset', 'justice.annual', '--partner', 'ME', '--period', '2023-01']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/period: 2023-01 is monthly/);
  });

  it('computes indicators as CSV with the indicator’s rounding and empty missing cells', () => {
    const csv = runJha(get(), ['indicators', '--indicator', 'justice.clearance_rate', '--partner', 'ME', '--from', '2022', '--to', '2023']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.trim().split('\n')).toEqual([
      'indicator,partner,org_unit,period,case_category,instance,value,status',
      'justice.clearance_rate,ME,,2022,,,,',
      'justice.clearance_rate,ME,,2023,,,75,draft',
      // One partner is no region: below the coverage (4 of 6) the region and median cells stay empty.
      'justice.clearance_rate,WB6,,2023,,,,draft',
      'justice.clearance_rate,WB6_MEDIAN,,2023,,,,draft',
    ]);
    const dt = runJha(get(), [
      'indicators',
      '--indicator',
      'justice.disposition_time',
      '--partner',
      'ME',
      '--period',
      '2023',
      '--format',
      'json',
    ]);
    expect(JSON.parse(dt.stdout).values[0]).toMatchObject({ value: 1338, status: 'draft', partialUnits: null });
    expect(runJha(get(), ['indicators', '--indicator', 'justice.nothing']).stderr).toMatch(/Indicator justice\.nothing does not exist/);
  });

  it('exports values as CSV, JSON and XLSX', () => {
    const csv = runJha(get(), [
      'export',
      'values',
      '--dataset',
      'justice.annual',
      '--partner',
      'ME',
      '--period',
      '2023',
      '--format',
      'csv',
    ]);
    expect(csv.stdout.split('\n')[0]).toBe(`${HEADER},obs_status,status`);
    expect(csv.stdout).toContain('justice.annual,ME,ME-C1,2023,cases.incoming,criminal_minor,first,NA,not yet counted');
    const json = JSON.parse(
      runJha(get(), ['export', 'values', '--dataset', 'justice.annual', '--partner', 'ME', '--format', 'json']).stdout,
    );
    expect(json.values).toHaveLength(6);
    const xlsx = spawnSync(process.execPath, [JHA, 'export', 'values', '--dataset', 'justice.annual', '--format', 'xlsx'], {
      env: jhaEnv(get()),
    });
    expect(xlsx.status).toBe(0);
    expect(xlsx.stdout.subarray(0, 2).toString()).toBe('PK');
  });
});
