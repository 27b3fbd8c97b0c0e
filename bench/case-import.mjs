// Benchmark: `jha import cases` end to end on a synthetic case export (default 5,000,000 cases,
// 200 courts, 15 years) against DuckDB's plain `select count(*)` over the same file, timed in the
// same run. Usage: npm run bench:case-import -- [--cases N] [--courts N] [--years N]
import { DuckDBInstance } from '@duckdb/node-api';
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, freshDatabase, INSTANCES, JHA, seconds } from './common.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const cases = arg('cases', 5_000_000);
const courts = arg('courts', 200);
const years = arg('years', 15);
const firstYear = 2024 - years;

const { dir, env } = freshDatabase('cases');
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

let start = process.hrtime.bigint();
execFileSync(process.execPath, [JHA, 'import', 'cases', file, '--partner', 'RS', '--years', `${firstYear}-2023`], {
  env,
  stdio: ['ignore', 'inherit', 'inherit'],
});
const jhaSeconds = seconds(start);

const duck = await DuckDBInstance.create(':memory:');
const connection = await duck.connect();
start = process.hrtime.bigint();
const counted = (
  await connection.runAndReadAll(`select count(*)::integer as n from read_csv('${file}', header = true)`)
).getRowObjectsJS()[0].n;
const scanSeconds = seconds(start);
connection.closeSync();
duck.closeSync();
if (counted !== cases) console.log(`COUNT MISMATCH: duckdb counted ${counted}`);
console.log(
  `case-import: ${cases} cases, jha ${jhaSeconds.toFixed(1)} s, duckdb scan ${scanSeconds.toFixed(1)} s, ratio ${(jhaSeconds / scanSeconds).toFixed(2)}`,
);
