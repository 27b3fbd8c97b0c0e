// Benchmark: `jha import cases` end to end (process start included) on a synthetic case export
// (default 5,000,000 cases, 200 courts, 15 years) against DuckDB's plain `select count(*)` over the
// same file, timed in the same run. Then checks what the import stored against an independent DuckDB
// query over the file (the CEPEJ definitions written out on the dates, per court and for the partner),
// prints MATCH or MISMATCH and exits 1 on a mismatch.
// Usage: npm run bench:case-import -- [--cases N] [--courts N] [--years N]
import { DuckDBInstance } from '@duckdb/node-api';
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { createWriteStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, freshDatabase, INSTANCES, JHA, seconds, VARIABLES } from './common.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const cases = arg('cases', 5_000_000);
const courts = arg('courts', 200);
const years = arg('years', 15);
const firstYear = 2024 - years;

const { dir, path, env } = freshDatabase('cases');
const units = createWriteStream(join(dir, 'courts.csv'));
units.write('code,name,partner,kind,parent\n');
for (let c = 0; c < courts; c += 1) units.write(`RS-B${c},Bench court ${c},RS,court,\n`);
await new Promise((r) => units.end(r));
execFileSync(process.execPath, [JHA, 'import', 'org-units', join(dir, 'courts.csv')], { env, stdio: 'ignore' });

// A deterministic pseudo-random export: filing spread over the years, about 70 % closed after 0–900 days.
const file = join(dir, 'cases.csv');
const out = createWriteStream(file);
out.write('case_id,court,case_type,instance,filed_on,closed_on\n');
const day0 = Date.UTC(firstYear, 0, 1);
const span = years * 365;
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
for (let i = 0; i < cases; i += 1) {
  const filed = day0 + Math.floor(rand() * span) * 86_400_000;
  const closed = rand() < 0.7 ? filed + Math.floor(rand() * 900) * 86_400_000 : null;
  const line = `C${i},RS-B${i % courts},${CATEGORIES[i % CATEGORIES.length]},${INSTANCES[i % 3 === 0 ? 1 : 0]},${iso(filed)},${closed && closed < Date.UTC(2024, 0, 1) ? iso(closed) : ''}\n`;
  if (!out.write(line)) await new Promise((r) => out.once('drain', r));
}
await new Promise((r) => out.end(r));

/** Wall time of a child process, in seconds. */
function timed(args) {
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, [JHA, ...args], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  return seconds(start);
}

const startSeconds = Math.min(...[1, 2, 3].map(() => timed(['--version'])));
const jhaSeconds = timed(['import', 'cases', file, '--partner', 'RS', '--years', `${firstYear}-2023`]);

const duck = await DuckDBInstance.create(':memory:');
const connection = await duck.connect();
const start = process.hrtime.bigint();
const counted = (
  await connection.runAndReadAll(`select count(*)::integer as n from read_csv('${file}', header = true)`)
).getRowObjectsJS()[0].n;
const scanSeconds = seconds(start);
if (counted !== cases) console.log(`COUNT MISMATCH: duckdb counted ${counted}`);

// The figures the import stores, written independently of its code: straight from each case's dates,
// for every year, per court × category × instance and for the partner (the sum over its courts).
const expected = (
  await connection.runAndReadAll(`
    with c as (select court, case_type as category, instance, filed_on, closed_on from read_csv('${file}', header = true,
      types = {'filed_on': 'DATE', 'closed_on': 'DATE', 'case_id': 'VARCHAR', 'court': 'VARCHAR', 'case_type': 'VARCHAR', 'instance': 'VARCHAR'})),
    y as (select unnest(range(${firstYear}, 2024)) as y),
    per_court as (
      select y.y as year, court, category, instance,
        count(*) filter (where filed_on < make_date(y.y, 1, 1) and (closed_on is null or closed_on >= make_date(y.y, 1, 1))) as pending_start,
        count(*) filter (where filed_on between make_date(y.y, 1, 1) and make_date(y.y, 12, 31)) as incoming,
        count(*) filter (where closed_on between make_date(y.y, 1, 1) and make_date(y.y, 12, 31)) as resolved,
        count(*) filter (where filed_on <= make_date(y.y, 12, 31) and (closed_on is null or closed_on > make_date(y.y, 12, 31))) as pending_end,
        count(*) filter (where filed_on <= make_date(y.y - 2, 12, 31) and (closed_on is null or closed_on > make_date(y.y, 12, 31))) as pending_over_2y
      from c, y group by all),
    active as (select * from per_court where pending_start + incoming + resolved + pending_end > 0),
    both_levels as (
      select year, court as org_unit, category, instance, pending_start, incoming, resolved, pending_end, pending_over_2y from active
      union all
      select year, '', category, instance, sum(pending_start), sum(incoming), sum(resolved), sum(pending_end), sum(pending_over_2y)
      from active group by all)
    select year::varchar as period, org_unit, 'case_category=' || category || ';instance=' || instance as coords,
      'cases.' || v.name as variable, v.value::double as value
    from both_levels, unnest([{'name': 'pending_start', 'value': pending_start}, {'name': 'incoming', 'value': incoming},
      {'name': 'resolved', 'value': resolved}, {'name': 'pending_end', 'value': pending_end},
      {'name': 'pending_over_2y', 'value': pending_over_2y}]) as t(v)`)
).getRowObjectsJS();
connection.closeSync();
duck.closeSync();

const sqlite = new Database(path, { readonly: true });
const stored = sqlite
  .prepare(
    `select s.period, v.org_unit, v.coords, v.variable, v.value_num as value from data_values v join submissions s on s.id = v.submission_id
     where s.dataset = 'justice.annual' and s.partner_code = 'RS' and v.variable in (${VARIABLES.map(() => '?').join(', ')})`,
  )
  .all(...VARIABLES);
sqlite.close();
rmSync(dir, { recursive: true, force: true });
const keyed = (rows) => new Map(rows.map((r) => [`${r.period}|${r.org_unit}|${r.coords}|${r.variable}`, Number(r.value)]));
const want = keyed(expected);
const have = keyed(stored);
const wrong = [...new Set([...want.keys(), ...have.keys()])].filter((k) => want.get(k) !== have.get(k));

const ratio = jhaSeconds / scanSeconds;
console.log(
  `case-import: ${cases} cases, jha import cases ${jhaSeconds.toFixed(2)} s (process start included; jha --version alone ` +
    `${startSeconds.toFixed(2)} s), duckdb count(*) ${scanSeconds.toFixed(2)} s`,
);
console.log(`case-import: RATIO ${ratio.toFixed(2)} (target ≤ 1.5)`);
if (wrong.length === 0) {
  console.log(`case-import: MATCH — ${have.size} stored values equal the independent DuckDB counts`);
} else {
  console.log(`case-import: MISMATCH — ${wrong.length} of ${want.size} expected values differ, e.g.`);
  for (const k of wrong.slice(0, 5)) console.log(`  ${k}: expected ${want.get(k) ?? 'none'}, stored ${have.get(k) ?? 'none'}`);
  process.exitCode = 1;
}
