// Benchmark: an indicator query (clearance rate for one year, every partner, the region and the
// median) over 10,000,000 stored values, through the engine that serves the API, against the
// equivalent hand-written SQL (sum of resolved over sum of incoming per partner). Prints p50 and
// p95 of each and their ratio. Usage: node bench/indicator-query.mjs [values=10000000] [runs=20]
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CATEGORIES, freshDatabase, INSTANCES, PARTNERS, percentile, ROOT, seconds, VARIABLES } from './common.mjs';

const target = Number(process.argv[2] ?? 10_000_000);
const runs = Number(process.argv[3] ?? 20);
const dist = (p) => pathToFileURL(join(ROOT, 'dist', 'server', p)).href;
const { openDatabase } = await import(dist('platform/db/database.js'));
const { loadCatalogs } = await import(dist('statistics/catalog.js'));
const { indicatorValues } = await import(dist('statistics/indicators.service.js'));
const { CATALOG_DIR } = await import(dist('platform/paths.js'));

const years = Array.from({ length: 20 }, (_, i) => String(2004 + i));
const perCourtYear = VARIABLES.length * CATEGORIES.length * INSTANCES.length;
const courts = Math.ceil(target / (PARTNERS.length * years.length * perCourtYear));

const { path } = freshDatabase('indicators');
const raw = new Database(path);
raw.pragma('journal_mode = WAL');
let start = process.hrtime.bigint();
const now = new Date().toISOString();
const unit = raw.prepare(
  `insert into org_units (code, name, partner_code, kind, parent_code, created_at) values (?, ?, ?, 'court', null, ?)`,
);
const sub = raw.prepare(
  `insert into submissions (id, dataset, partner_code, period, status, version, created_at, updated_at) values (?, 'justice.annual', ?, ?, 'published', 1, ?, ?)`,
);
const val = raw.prepare(
  'insert into data_values (submission_id, variable, org_unit, coords, value_num, value_code, comment, updated_at) values (?, ?, ?, ?, ?, null, null, ?)',
);
let n = 0;
raw.transaction(() => {
  for (const p of PARTNERS) for (let c = 0; c < courts; c += 1) unit.run(`${p}-C${c}`, `Court ${c}`, p, now);
})();
for (const p of PARTNERS) {
  for (const y of years) {
    raw.transaction(() => {
      sub.run(`${p}-${y}`, p, y, now, now);
      for (let c = 0; c < courts && n < target; c += 1)
        for (const v of VARIABLES)
          for (const cat of CATEGORIES)
            for (const inst of INSTANCES) {
              if (n >= target) break;
              val.run(`${p}-${y}`, v, `${p}-C${c}`, `case_category=${cat};instance=${inst}`, 10 + ((n * 7919) % 500), now);
              n += 1;
            }
    })();
  }
}
raw.exec('analyze');
console.log(
  `stored ${n} values in ${seconds(start).toFixed(0)} s (${PARTNERS.length} partners × ${years.length} years × ${courts} courts × ${perCourtYear} cells)`,
);

const period = '2020';
const handSql = raw.prepare(`
  select s.partner_code as partner,
         100.0 * sum(case when v.variable = 'cases.resolved' then v.value_num end) / sum(case when v.variable = 'cases.incoming' then v.value_num end) as value
  from data_values v join submissions s on s.id = v.submission_id
  where s.dataset = 'justice.annual' and s.period = ? and s.status = 'published' and v.variable in ('cases.resolved', 'cases.incoming')
  group by s.partner_code`);
const db = openDatabase({ kind: 'sqlite', path });
const catalog = loadCatalogs(CATALOG_DIR);

const engine = [];
const baseline = [];
let check = null;
for (let i = 0; i < runs + 2; i += 1) {
  start = process.hrtime.bigint();
  const answer = await indicatorValues(db, catalog, { kind: 'public' }, { code: 'justice.clearance_rate', period });
  const e = seconds(start);
  start = process.hrtime.bigint();
  const rows = handSql.all(period);
  const b = seconds(start);
  if (i >= 2) {
    engine.push(e);
    baseline.push(b);
  } // the first two runs warm caches
  check = { engine: answer.values.map((v) => v.value), sql: rows.map((r) => Math.round(r.value * 100) / 100) };
}
await db.destroy();
raw.close();
if (JSON.stringify(check.engine) !== JSON.stringify(check.sql)) console.log(`RESULTS DIFFER: engine ${check.engine} vs SQL ${check.sql}`);
const ms = (x) => `${(x * 1000).toFixed(1)} ms`;
console.log(`engine (API path): p50 ${ms(percentile(engine, 50))}, p95 ${ms(percentile(engine, 95))}`);
console.log(`hand-written SQL:  p50 ${ms(percentile(baseline, 50))}, p95 ${ms(percentile(baseline, 95))}`);
console.log(
  `ratio engine / SQL: p50 ${(percentile(engine, 50) / percentile(baseline, 50)).toFixed(1)}, p95 ${(percentile(engine, 95) / percentile(baseline, 95)).toFixed(1)}`,
);
