// Benchmark: importing 1,000,000 values through `jha import values` (CSV parsing, checks against
// the catalogue, one transaction, audit, validation of every submission) against a plain
// better-sqlite3 insert of the same rows into the same table (the floor any import pays).
// Usage: node bench/import-values.mjs [values=1000000]
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, freshDatabase, INSTANCES, JHA, PARTNERS, seconds, VARIABLES } from './common.mjs';

const target = Number(process.argv[2] ?? 1_000_000);
const years = ['2019', '2020', '2021', '2022', '2023'];
const perCourtYear = VARIABLES.length * CATEGORIES.length * INSTANCES.length;
const courtsPerPartner = Math.ceil(target / (PARTNERS.length * years.length * perCourtYear));

async function writeFiles(dir) {
  const units = createWriteStream(join(dir, 'courts.csv'));
  units.write('code,name,partner,kind,parent\n');
  for (const p of PARTNERS) for (let c = 0; c < courtsPerPartner; c += 1) units.write(`${p}-C${c},Court ${c},${p},court,\n`);
  await new Promise((r) => units.end(r));
  const rows = [];
  const values = createWriteStream(join(dir, 'values.csv'));
  values.write('dataset,partner,org_unit,period,variable,case_category,instance,value,comment\n');
  let n = 0;
  outer: for (const p of PARTNERS)
    for (const y of years)
      for (let c = 0; c < courtsPerPartner; c += 1)
        for (const v of VARIABLES)
          for (const cat of CATEGORIES)
            for (const inst of INSTANCES) {
              if (n >= target) break outer;
              const value = 10 + ((n * 7919) % 500);
              rows.push([p, `${p}-C${c}`, y, v, `case_category=${cat};instance=${inst}`, value]);
              if (!values.write(`justice.annual,${p},${p}-C${c},${y},${v},${cat},${inst},${value},\n`))
                await new Promise((r) => values.once('drain', r));
              n += 1;
            }
  await new Promise((r) => values.end(r));
  return rows;
}

const app = freshDatabase('import');
const rows = await writeFiles(app.dir);
execFileSync(process.execPath, [JHA, 'import', 'org-units', join(app.dir, 'courts.csv')], { env: app.env, stdio: 'ignore' });

let start = process.hrtime.bigint();
execFileSync(process.execPath, ['--max-old-space-size=8192', JHA, 'import', 'values', join(app.dir, 'values.csv')], {
  env: app.env,
  stdio: ['ignore', 'inherit', 'inherit'],
});
const jhaSeconds = seconds(start);

// Baseline: the same rows, one prepared INSERT per row in one transaction, into a migrated copy.
const base = freshDatabase('baseline');
const db = new Database(base.path);
db.pragma('journal_mode = WAL');
start = process.hrtime.bigint();
const submissions = new Map();
const insertSubmission = db.prepare(
  `insert into submissions (id, dataset, partner_code, period, status, version, created_at, updated_at) values (?, 'justice.annual', ?, ?, 'draft', 1, ?, ?)`,
);
const insertValue = db.prepare(
  'insert into data_values (submission_id, variable, org_unit, coords, value_num, value_code, comment, updated_at) values (?, ?, ?, ?, ?, null, null, ?)',
);
db.transaction(() => {
  const now = new Date().toISOString();
  for (const [p, ou, y, v, coords, value] of rows) {
    let id = submissions.get(`${p}|${y}`);
    if (!id) {
      id = `${p}-${y}`;
      insertSubmission.run(id, p, y, now, now);
      submissions.set(`${p}|${y}`, id);
    }
    insertValue.run(id, v, ou, coords, value, now);
  }
})();
const baseSeconds = seconds(start);
db.close();

console.log(
  `values: ${rows.length} (${PARTNERS.length} partners × ${years.length} years × ${courtsPerPartner} courts × ${perCourtYear} cells)`,
);
console.log(
  `jha import values: ${jhaSeconds.toFixed(1)} s (${Math.round(rows.length / jhaSeconds)} values/s, process start and CSV parsing included)`,
);
console.log(`plain better-sqlite3 insert: ${baseSeconds.toFixed(1)} s (${Math.round(rows.length / baseSeconds)} values/s)`);
console.log(`ratio jha / baseline: ${(jhaSeconds / baseSeconds).toFixed(2)}`);
