// Benchmark: the public read API under load. About 1,000,000 published values (justice.annual
// courts over 20 years, plus migration.monthly and migration.reception so that the migration
// dashboard has data; raw insert, then the real backfillReadModel), the real app (buildApp) on
// 127.0.0.1, and autocannon (its own process, 50 connections, 10 s per target) against the justice
// scoreboard request, the migration dashboard and one indicator; each followed, as baseline, by
// GET /bench/fixed on the same app: a fixed, already serialised JSON body of the size of that
// endpoint's answer (same framework, hooks and access check; no figures). Prints requests/s, p99
// latency, errors, the server's CPU time per request (less sensitive to other load on the machine)
// and the ratio endpoint / fixed requests/s; the figures each endpoint answers are checked against
// hand-written SQL over the raw rows before the load.
// Usage: node bench/api.mjs [values=1000000] [--postgres] [--duration 10] [--connections 50] [--warmup 2] [--keep]
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { PARTNERS, seconds } from './common.mjs';
import {
  BENCH_SECRET,
  benchDatabase,
  buildReadModel,
  CENTRES_PER_PARTNER,
  differences,
  dist,
  MIGRATION_MONTHS,
  parseArgs,
  ratioSql,
  seedJustice,
  seedMigration,
  YEARS,
} from './read-model.mjs';

const { positional, flags } = parseArgs(process.argv.slice(2), ['duration', 'connections', 'warmup']);
const total = Number(positional[0] ?? 1_000_000);
const duration = Number(flags.duration ?? 10);
const connections = Number(flags.connections ?? 50);
const warmup = Number(flags.warmup ?? 2);
const kind = flags.postgres ? 'postgres' : 'sqlite';
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

const { openDatabase } = await import(dist('platform/db/database.js'));
const { buildApp } = await import(dist('app/app.js'));
const { DEFAULT_MAIL_FROM } = await import(dist('platform/config.js'));
const { PUBLIC } = await import(dist('platform/http/access.js'));
const { loadCatalogs } = await import(dist('statistics/catalog.js'));
const { roundTo } = await import(dist('statistics/indicators.js'));
const { CATALOG_DIR } = await import(dist('platform/paths.js'));

/** autocannon in a child process (the server keeps this process's event loop to itself). */
function autocannon(url, seconds) {
  const cpu = process.cpuUsage();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [AUTOCANNON, '-c', String(connections), '-d', String(seconds), '-j', url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').at(-1);
      if (code !== 0 || !line) return reject(new Error(`autocannon failed (${code}): ${err.trim()}`));
      const r = JSON.parse(line);
      // This process's CPU time per request: the server alone (autocannon runs in its own process).
      const used = process.cpuUsage(cpu);
      resolve({
        rps: r.requests.average,
        p99: r.latency.p99,
        errors: r.non2xx + r.errors + r.timeouts,
        requests: r.requests.total,
        cpu: (used.user + used.system) / Math.max(1, r.requests.total),
      });
    });
  });
}

const catalog = loadCatalogs(CATALOG_DIR);
const ind = (code) => catalog.indicators.get(code);
const store = await benchDatabase(kind, 'api');
let failed = false;
let app;
let db;
try {
  console.log(`api on ${store.label}: about ${total} values, autocannon ${connections} connections × ${duration} s per target`);
  let start = process.hrtime.bigint();
  const migration = await seedMigration(store);
  const justice = await seedJustice(store, total - migration.values, { whole: true });
  await store.analyze();
  console.log(
    `stored ${justice.values + migration.values} values in ${seconds(start).toFixed(0)} s (justice.annual: ${justice.values}, ${PARTNERS.length} partners × ${YEARS.length} years × ${justice.courts} courts; migration: ${migration.values} in ${migration.submissions} submissions)`,
  );
  db = openDatabase(store.config);
  const built = await buildReadModel(db, store);
  console.log(
    `read model (backfillReadModel: ${built.cells} submissions' cells, ${built.releases} releases) in ${built.seconds.toFixed(0)} s`,
  );

  const config = {
    database: store.config,
    port: 0,
    host: '127.0.0.1',
    sessionSecret: BENCH_SECRET,
    demo: false,
    logLevel: 'silent',
    trustProxy: 0,
    sessionIdleMinutes: 30,
    // The benchmark measures the read path: 50 clients from one address would be rate limited.
    rateLimit: { signedIn: 0, anonymous: 0, uploads: 0 },
    smtpUrl: null,
    mailFrom: DEFAULT_MAIL_FROM,
    publicUrl: 'http://127.0.0.1',
  };
  app = await buildApp({ config, db, logger: false });
  // The baseline: the same app, a body already serialised, of the size of the endpoint's answer.
  let fixedBody = '{}';
  app.get('/bench/fixed', { config: { access: PUBLIC }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(fixedBody),
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address();
  const base = `http://127.0.0.1:${port}`;

  const lastMonth = MIGRATION_MONTHS.at(-1);
  const endpoints = [
    {
      name: 'scoreboard',
      path: '/api/v1/indicators/justice.clearance_rate/values',
      check: async (a) => {
        const rows = await ratioSql('cases.resolved', 'cases.incoming', ind('justice.clearance_rate').factor)(
          store,
          YEARS[0],
          YEARS.at(-1),
        );
        const problems = differences(a, rows, roundTo, ind('justice.clearance_rate').decimals);
        if (a.periods.length !== YEARS.length) problems.push(`${a.periods.length} periods, expected ${YEARS.length}`);
        if (a.values.length !== PARTNERS.length * YEARS.length)
          problems.push(`${a.values.length} values, expected ${PARTNERS.length * YEARS.length}`);
        if (a.values.some((v) => v.value === null)) problems.push('a value is null');
        return { problems, figures: `${new Set(a.values.map((v) => v.partner)).size} partners × ${a.periods.length} years` };
      },
    },
    {
      name: 'migration dashboard',
      path: '/api/v1/migration/dashboard',
      check: async (a) => {
        const rows = await store.query(
          `select s.partner_code as partner, sum(v.value_num) as value from data_values v join submissions s on s.id = v.submission_id
           where s.dataset = 'migration.monthly' and s.status = 'published' and s.period = ? and v.variable = 'arrivals.detected' group by s.partner_code`,
          [lastMonth],
        );
        const sql = new Map(rows.map((r) => [r.partner, roundTo(Number(r.value), 0)]));
        const problems = [];
        if (a.period !== lastMonth) problems.push(`period ${a.period}, expected ${lastMonth}`);
        if (a.partners.length !== PARTNERS.length) problems.push(`${a.partners.length} partners, expected ${PARTNERS.length}`);
        for (const p of a.partners)
          if (p.arrivals !== sql.get(p.partner)) problems.push(`${p.partner} arrivals: API ${p.arrivals} vs SQL ${sql.get(p.partner)}`);
        const regionSum = [...sql.values()].reduce((x, y) => x + y, 0);
        if (a.region.arrivals !== regionSum) problems.push(`region arrivals: API ${a.region.arrivals} vs SQL ${regionSum}`);
        if (a.centres.length !== PARTNERS.length * CENTRES_PER_PARTNER)
          problems.push(`${a.centres.length} centres, expected ${PARTNERS.length * CENTRES_PER_PARTNER}`);
        if (a.series.length !== 3 || a.series.some((s) => s.values.length !== PARTNERS.length * 12))
          problems.push('series: not 3 × 72 values');
        if (a.citizenships.length !== 10) problems.push(`${a.citizenships.length} citizenships, expected 10`);
        return {
          problems,
          figures: `${a.partners.length} partners, ${a.centres.length} centres, ${a.series.length} series × ${a.series[0]?.values.length} values, ${a.citizenships.length} citizenships`,
        };
      },
    },
    {
      name: 'disposition time 2020',
      path: '/api/v1/indicators/justice.disposition_time/values?period=2020',
      check: async (a) => {
        const rows = await ratioSql('cases.pending_end', 'cases.resolved', ind('justice.disposition_time').factor)(store, '2020', '2020');
        const problems = differences(a, rows, roundTo, ind('justice.disposition_time').decimals);
        if (a.values.length !== PARTNERS.length) problems.push(`${a.values.length} values, expected ${PARTNERS.length}`);
        if (a.values.some((v) => v.value === null)) problems.push('a value is null');
        return { problems, figures: `${a.values.length} partners` };
      },
    },
  ];

  // Each endpoint answers 200 with the figures of the raw rows before any load.
  for (const e of endpoints) {
    start = process.hrtime.bigint();
    const res = await fetch(base + e.path);
    const body = await res.text();
    e.firstMs = seconds(start) * 1000;
    e.bytes = Buffer.byteLength(body);
    const { problems, figures } =
      res.status === 200 ? await e.check(JSON.parse(body)) : { problems: [`status ${res.status}`], figures: '' };
    e.figures = figures;
    if (problems.length) {
      failed = true;
      console.log(`CHECK FAILED ${e.name} (${e.path}): ${problems.slice(0, 5).join('; ')}`);
    } else console.log(`checked ${e.name}: 200, ${figures}, ${e.bytes} bytes, first answer in ${e.firstMs.toFixed(0)} ms`);
  }
  if (failed) throw new Error('an endpoint did not answer the expected figures');

  let minRatio = Infinity;
  let errors = 0;
  const f0 = (x) => x.toFixed(0);
  for (const e of endpoints) {
    const pad = e.bytes - '{"fixed":""}'.length;
    fixedBody = `{"fixed":"${'x'.repeat(Math.max(0, pad))}"}`;
    const fixedUrl = `${base}/bench/fixed`;
    if (warmup > 0) {
      await autocannon(base + e.path, warmup);
      await autocannon(fixedUrl, warmup);
    }
    const endpoint = await autocannon(base + e.path, duration);
    const fixed = await autocannon(fixedUrl, duration);
    const ratio = endpoint.rps / fixed.rps;
    minRatio = Math.min(minRatio, ratio);
    errors += endpoint.errors + fixed.errors;
    console.log(`${e.name}: GET ${e.path} (${e.bytes} bytes)`);
    const line = (r) =>
      `${f0(r.rps)} req/s, p99 ${r.p99} ms, errors ${r.errors} (${r.requests} requests; server CPU ${f0(r.cpu)} µs/request)`;
    console.log(`  endpoint: ${line(endpoint)}`);
    console.log(`  fixed:    ${line(fixed)}`);
    console.log(
      `  ratio endpoint / fixed requests/s: ${ratio.toFixed(2)} (target ≥ 0.5); server CPU per request fixed / endpoint: ${(fixed.cpu / endpoint.cpu).toFixed(2)}`,
    );
  }
  console.log(`api: min ratio ${minRatio.toFixed(2)}, errors ${errors}`);
} catch (err) {
  failed = true;
  console.log(err instanceof Error ? err.message : String(err));
} finally {
  await app?.close();
  await db?.destroy();
  if (flags.keep) {
    await store.close();
    console.error(`kept the database: ${JSON.stringify(store.config)}`);
  } else await store.dispose();
}
if (failed) process.exit(1);
