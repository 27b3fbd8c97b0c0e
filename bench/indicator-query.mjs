// Benchmark: indicator queries over 10,000,000 stored values through the engine that serves the
// API (the public viewer: partner cells of the releases, bench/read-model.mjs builds them with the
// real backfillReadModel after a raw insert), against hand-written SQL over the raw rows (sum of
// resolved over sum of incoming per partner and period). Two queries: (a) one year, every partner
// (period=2020), (b) a 20-year series, every partner (from=2004&to=2023). Prints p50 and p95 of
// each and their ratio, and checks that both give the same figures.
// Usage: node bench/indicator-query.mjs [values=10000000] [runs=20] [--postgres] [--keep]
import { PARTNERS, percentile, seconds } from './common.mjs';
import { benchDatabase, buildReadModel, differences, dist, parseArgs, ratioSql, seedJustice, YEARS } from './read-model.mjs';

const { positional, flags } = parseArgs(process.argv.slice(2));
const target = Number(positional[0] ?? 10_000_000);
const runs = Number(positional[1] ?? 20);
const kind = flags.postgres ? 'postgres' : 'sqlite';
const { openDatabase } = await import(dist('platform/db/database.js'));
const { loadCatalogs } = await import(dist('statistics/catalog.js'));
const { indicatorValues } = await import(dist('statistics/indicators.service.js'));
const { roundTo } = await import(dist('statistics/indicators.js'));
const { CATALOG_DIR } = await import(dist('platform/paths.js'));

const catalog = loadCatalogs(CATALOG_DIR);
const indicator = catalog.indicators.get('justice.clearance_rate');
const store = await benchDatabase(kind, 'indicators');
let failed = false;
try {
  console.log(`indicator-query on ${store.label}: ${target} values, ${runs} runs per query`);
  let start = process.hrtime.bigint();
  const seeded = await seedJustice(store, target);
  await store.analyze();
  console.log(
    `stored ${seeded.values} values in ${seconds(start).toFixed(0)} s (${PARTNERS.length} partners × ${YEARS.length} years × ${seeded.courts} courts × ${seeded.perCourtYear} cells)`,
  );
  const db = openDatabase(store.config);
  const built = await buildReadModel(db, store);
  const bytes = await store.size();
  const size = bytes > 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  console.log(
    `read model (backfillReadModel: partner cells of ${built.cells} submissions, ${built.releases} releases with their values and cells) in ${built.seconds.toFixed(0)} s; database ${size}`,
  );

  const clearance = ratioSql('cases.resolved', 'cases.incoming', indicator.factor);
  const viewer = { kind: 'public' };
  const queries = [
    {
      name: 'year',
      label: 'one year, every partner (period=2020)',
      q: { period: '2020' },
      from: '2020',
      to: '2020',
      partners: 6,
      periods: 1,
    },
    {
      name: 'series',
      label: '20-year series, every partner (from=2004&to=2023)',
      q: { from: YEARS[0], to: YEARS.at(-1) },
      from: YEARS[0],
      to: YEARS.at(-1),
      partners: 6,
      periods: YEARS.length,
    },
  ];
  const ms = (x) => `${(x * 1000).toFixed(1)} ms`;
  const summary = [];
  for (const query of queries) {
    const engine = [];
    const baseline = [];
    let answer;
    let rows;
    for (let i = 0; i < runs + 2; i += 1) {
      start = process.hrtime.bigint();
      answer = await indicatorValues(db, catalog, viewer, { code: indicator.code, ...query.q });
      const e = seconds(start);
      start = process.hrtime.bigint();
      rows = await clearance(store, query.from, query.to);
      const b = seconds(start);
      // The first two runs warm caches.
      if (i >= 2) {
        engine.push(e);
        baseline.push(b);
      }
    }
    const diff = differences(answer, rows, roundTo, indicator.decimals);
    const expected = query.partners * query.periods;
    if (diff.length > 0 || answer.values.length !== expected || rows.length !== expected) {
      failed = true;
      console.log(
        `RESULTS DIFFER (${query.name}): engine ${answer.values.length} values, SQL ${rows.length} rows, expected ${expected}; ${diff.slice(0, 5).join('; ')}`,
      );
    }
    const ratio = percentile(engine, 95) / percentile(baseline, 95);
    console.log(`${query.label}: ${answer.values.length} values, identical: ${diff.length === 0 ? 'yes' : 'NO'}`);
    console.log(`  engine (API path): p50 ${ms(percentile(engine, 50))}, p95 ${ms(percentile(engine, 95))}`);
    console.log(`  hand-written SQL:  p50 ${ms(percentile(baseline, 50))}, p95 ${ms(percentile(baseline, 95))}`);
    console.log(
      `  ratio engine / SQL: p50 ${(percentile(engine, 50) / percentile(baseline, 50)).toFixed(3)}, p95 ${ratio.toFixed(3)} (target p95 ≤ 0.5)`,
    );
    summary.push(`${query.name} p95 ratio ${ratio.toFixed(3)}`);
  }
  await db.destroy();
  console.log(`indicator-query: ${summary.join(', ')}`);
} finally {
  if (flags.keep) {
    await store.close();
    console.error(`kept the database: ${JSON.stringify(store.config)}`);
  } else await store.dispose();
}
if (failed) process.exit(1);
