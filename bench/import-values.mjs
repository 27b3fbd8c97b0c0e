// Benchmark: importing values through `jha import values` (process start, CSV parsing, checks
// against the catalogue, one transaction, audit, validation of every submission, partner cells)
// against a plain insert of the same rows into the same, migrated table (the floor any import
// pays): on SQLite one prepared better-sqlite3 INSERT per row, on PostgreSQL (--postgres, a fresh
// database on the local server) multi-row INSERTs with parameters through pg, both in one
// transaction. Afterwards the stored values are counted and a sample compared with the file.
// Prints the peak memory (RSS) of the `jha` process.
// Usage: node bench/import-values.mjs [values=1000000] [--postgres] [--findings]
import Database from 'better-sqlite3';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { CATEGORIES, freshDatabase, INSTANCES, JHA, PARTNERS, seconds, VARIABLES } from './common.mjs';

const postgres = process.argv.includes('--postgres');
const findings = process.argv.includes('--findings');
const target = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const years = ['2019', '2020', '2021', '2022', '2023'];
const perCourtYear = VARIABLES.length * CATEGORIES.length * INSTANCES.length;
const courtsPerPartner = Math.ceil(target / (PARTNERS.length * years.length * perCourtYear));
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A court's figure of one year, consistent as a court's real figures mostly are: pending at the
 * end = pending at the start + incoming − resolved, the next year starting where this one ended,
 * cases over two years a quarter of those pending. With --findings, figures at random instead
 * (every court breaks the stock-flow rule: about half a million findings to store for 1M values).
 */
function figure(n, court, y, v, cat, inst) {
  if (findings) return 10 + ((n * 7919) % 500);
  const base = 100 + ((court * 7919 + CATEGORIES.indexOf(cat) * 104729 + INSTANCES.indexOf(inst) * 1299709) % 400);
  const start = 2 * base + 5 * years.indexOf(y);
  const incoming = 3 * base;
  const resolved = incoming - 5;
  switch (v) {
    case 'cases.pending_start':
      return start;
    case 'cases.incoming':
      return incoming;
    case 'cases.resolved':
      return resolved;
    case 'cases.pending_end':
      return start + incoming - resolved;
    default:
      return Math.floor((start + incoming - resolved) / 4);
  }
}

/** The benchmark's cells in file order: [partner, org unit, year, variable, coords, value]. */
function* cells() {
  let n = 0;
  for (const p of PARTNERS)
    for (const y of years)
      for (let c = 0; c < courtsPerPartner; c += 1)
        for (const v of VARIABLES)
          for (const cat of CATEGORIES)
            for (const inst of INSTANCES) {
              if (n >= target) return;
              yield [p, `${p}-C${c}`, y, v, `case_category=${cat};instance=${inst}`, figure(n, c, y, v, cat, inst), cat, inst];
              n += 1;
            }
}

async function writeFiles(dir) {
  const units = createWriteStream(join(dir, 'courts.csv'));
  units.write('code,name,partner,kind,parent\n');
  for (const p of PARTNERS) for (let c = 0; c < courtsPerPartner; c += 1) units.write(`${p}-C${c},Court ${c},${p},court,\n`);
  await new Promise((r) => units.end(r));
  const values = createWriteStream(join(dir, 'values.csv'));
  values.write('dataset,partner,org_unit,period,variable,case_category,instance,value,comment\n');
  for (const [p, ou, y, v, , value, cat, inst] of cells())
    if (!values.write(`justice.annual,${p},${ou},${y},${v},${cat},${inst},${value},\n`)) await new Promise((r) => values.once('drain', r));
  await new Promise((r) => values.end(r));
}

/** A database for one run: a migrated SQLite file, or a fresh PostgreSQL database migrated by `jha migrate`. */
async function database(name) {
  if (!postgres) return freshDatabase(name);
  const local = freshDatabase(name);
  const db = `jha_bench_${name}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${db}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${db}`;
  const env = { ...local.env, DATABASE_URL: url.toString(), SESSION_SECRET: 'bench-session-secret-bench-session-secret' };
  execFileSync(process.execPath, [JHA, 'migrate'], { env, stdio: 'ignore' });
  return { ...local, env, url: url.toString(), name: db };
}

async function dropDatabase(name) {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.end();
}

/** Runs `jha import values` under /usr/bin/time (when present) for its peak RSS; returns the seconds and kilobytes. */
function runImport(app) {
  const file = join(app.dir, 'values.csv');
  const args = [JHA, 'import', 'values', file, ...(target > 1_000_000 ? ['--max-rows', String(target)] : [])];
  const time = existsSync('/usr/bin/time');
  const start = process.hrtime.bigint();
  const run = time
    ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { env: app.env, encoding: 'utf8' })
    : spawnSync(process.execPath, args, { env: app.env, encoding: 'utf8' });
  const took = seconds(start);
  process.stdout.write(run.stdout);
  if (run.status !== 0) throw new Error(`jha import values failed: ${run.stderr}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr ?? '');
  return { seconds: took, rssKb: rss ? Number(rss[1]) : null };
}

/** A sample of the file's cells (every 997th), to compare with what is stored. */
function sample() {
  const out = [];
  let i = 0;
  for (const c of cells()) if (i++ % 997 === 0) out.push(c);
  return out;
}

const CHECK_SQL = `select count(*) as n from data_values v join submissions s on s.id = v.submission_id
  where s.dataset = 'justice.annual' and s.partner_code = $1 and s.period = $2 and v.org_unit = $3 and v.variable = $4
  and v.coords = $5 and v.value_num = $6`;

async function check(app, label) {
  const expected = sample();
  let count;
  let stored = 0;
  let matching = 0;
  if (postgres) {
    const client = new pg.Client({ connectionString: app.url });
    await client.connect();
    count = Number((await client.query('select count(*) as n from data_values')).rows[0].n);
    stored = Number((await client.query('select count(*) as n from validation_findings')).rows[0].n);
    for (const [p, ou, y, v, coords, value] of expected)
      matching += Number((await client.query(CHECK_SQL, [p, y, ou, v, coords, value])).rows[0].n);
    await client.end();
  } else {
    const db = new Database(app.path, { readonly: true });
    count = db.prepare('select count(*) as n from data_values').get().n;
    stored = db.prepare('select count(*) as n from validation_findings').get().n;
    const one = db.prepare(CHECK_SQL.replace(/\$\d/g, '?'));
    for (const [p, ou, y, v, coords, value] of expected) matching += one.get(p, y, ou, v, coords, value).n;
    db.close();
  }
  const ok = count === target && matching === expected.length;
  console.log(
    `check ${label}: ${count} values stored, ${matching}/${expected.length} sampled values equal, ${stored} findings — ${ok ? 'OK' : 'MISMATCH'}`,
  );
  if (!ok) process.exitCode = 1;
}

/** The plain insert: submissions, then every row, in one transaction. */
async function baseline(base) {
  const now = new Date().toISOString();
  const ids = new Map();
  const idOf = (p, y) => {
    let id = ids.get(`${p}|${y}`);
    if (!id) ids.set(`${p}|${y}`, (id = `${p}-${y}`));
    return id;
  };
  const submissions = PARTNERS.flatMap((p) => years.map((y) => [idOf(p, y), p, y]));
  const submissionSql = `insert into submissions (id, dataset, partner_code, period, status, version, created_at, updated_at) values ($1, 'justice.annual', $2, $3, 'draft', 1, $4, $4)`;
  const start = process.hrtime.bigint();
  if (!postgres) {
    const db = new Database(base.path);
    db.pragma('journal_mode = WAL');
    const insertSubmission = db.prepare(submissionSql.replace(/\$4/g, '?').replace(/\$\d/g, '?'));
    const insertValue = db.prepare(
      'insert into data_values (submission_id, variable, org_unit, coords, value_num, value_code, comment, updated_at) values (?, ?, ?, ?, ?, null, null, ?)',
    );
    db.transaction(() => {
      for (const [id, p, y] of submissions) insertSubmission.run(id, p, y, now, now);
      for (const [p, ou, y, v, coords, value] of cells()) insertValue.run(idOf(p, y), v, ou, coords, value, now);
    })();
    db.close();
    return seconds(start);
  }
  const client = new pg.Client({ connectionString: base.url });
  await client.connect();
  await client.query('begin');
  for (const [id, p, y] of submissions) await client.query(submissionSql, [id, p, y, now]);
  const ROWS = 1000;
  const statement = (n) =>
    'insert into data_values (submission_id, variable, org_unit, coords, value_num, value_code, comment, updated_at) values ' +
    Array.from(
      { length: n },
      (_, i) => `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, null, null, $${i * 6 + 6})`,
    ).join(', ');
  const full = statement(ROWS);
  let params = [];
  for (const [p, ou, y, v, coords, value] of cells()) {
    params.push(idOf(p, y), v, ou, coords, value, now);
    if (params.length === ROWS * 6) {
      await client.query(full, params);
      params = [];
    }
  }
  if (params.length > 0) await client.query(statement(params.length / 6), params);
  await client.query('commit');
  await client.end();
  return seconds(start);
}

const app = await database('import');
await writeFiles(app.dir);
execFileSync(process.execPath, [JHA, 'import', 'org-units', join(app.dir, 'courts.csv')], { env: app.env, stdio: 'ignore' });
const jha = runImport(app);
await check(app, 'jha');

const base = await database('baseline');
const baseSeconds = await baseline(base);
await check(base, 'baseline');

const kind = postgres ? 'PostgreSQL' : 'SQLite';
console.log(
  `values: ${target} (${PARTNERS.length} partners × ${years.length} years × ${courtsPerPartner} courts × ${perCourtYear} cells), ${kind}`,
);
console.log(
  `jha import values: ${jha.seconds.toFixed(1)} s (${Math.round(target / jha.seconds)} values/s, process start and CSV parsing included)` +
    (jha.rssKb ? `, peak RSS ${Math.round(jha.rssKb / 1024)} MB` : ''),
);
console.log(
  `plain ${postgres ? 'pg multi-row INSERT' : 'better-sqlite3 insert'}: ${baseSeconds.toFixed(1)} s (${Math.round(target / baseSeconds)} values/s)`,
);
console.log(`ratio jha / baseline (${kind}, ${target} values): ${(jha.seconds / baseSeconds).toFixed(2)}`);
for (const d of [app, base]) {
  rmSync(d.dir, { recursive: true, force: true });
  if (postgres) await dropDatabase(d.name);
}
