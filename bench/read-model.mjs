// Shared by the read-path benchmarks (indicator-query, api): a fresh database (SQLite, or
// PostgreSQL with --postgres) migrated by the real `jha migrate`, raw inserts of published
// submissions and their values (justice.annual courts, migration.monthly / migration.reception),
// the read model built through the real code (`backfillReadModel`), and the hand-written SQL over
// the raw rows that the benchmarks take as their baseline.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { CATEGORIES, freshDatabase, INSTANCES, JHA, PARTNERS, ROOT, VARIABLES } from './common.mjs';

export const dist = (p) => pathToFileURL(join(ROOT, 'dist', 'server', p)).href;

export const POSTGRES_ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** When every bench submission was published (before now, so its release is the current one). */
export const PUBLISHED_AT = '2025-01-01T00:00:00.000Z';
export const YEARS = Array.from({ length: 20 }, (_, i) => String(2004 + i));

/** Positional arguments and `--flag` / `--name value` options of the command line. */
export function parseArgs(argv, valued = []) {
  const positional = [];
  const flags = {};
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (!a.startsWith('--')) positional.push(a);
    else if (valued.includes(a.slice(2))) flags[a.slice(2)] = argv[(i += 1)];
    else flags[a.slice(2)] = true;
  }
  return { positional, flags };
}

const PG_BATCH = 20_000;
export const BENCH_SECRET = 'bench-session-secret-that-is-long-enough-0123456789';

async function pgAdmin(statement) {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, migrated database (partners loaded) with a raw connection for inserts and the
 * hand-written SQL: `query(sql, params)` takes `?` placeholders on both kinds.
 */
export async function benchDatabase(kind, name) {
  if (kind === 'sqlite') {
    const { dir, path } = freshDatabase(name);
    const raw = new Database(path);
    raw.pragma('journal_mode = WAL');
    const statements = new Map();
    const prepared = (text) => {
      let s = statements.get(text);
      if (!s) statements.set(text, (s = raw.prepare(text)));
      return s;
    };
    const insertMany = (text, rows) => {
      const s = prepared(text);
      raw.transaction(() => {
        for (const r of rows) s.run(...r);
      })();
    };
    return {
      kind,
      label: `SQLite ${raw.prepare('select sqlite_version() as v').get().v}`,
      config: { kind: 'sqlite', path },
      query: async (text, params = []) => prepared(text).all(...params),
      insertUnits: async (rows) =>
        insertMany(`insert into org_units (code, name, partner_code, kind, parent_code, created_at) values (?, ?, ?, ?, null, ?)`, rows),
      insertSubmissions: async (rows) =>
        insertMany(
          `insert into submissions (id, dataset, partner_code, period, status, version, created_at, updated_at, published_at, org_units_complete, releases)
           values (?, ?, ?, ?, 'published', 1, ?, ?, ?, 1, 0)`,
          rows,
        ),
      insertValues: async (rows) =>
        insertMany(
          `insert into data_values (submission_id, variable, org_unit, coords, value_num, comment, updated_at, value_code, obs_status) values (?, ?, ?, ?, ?, ?, ?, null, null)`,
          rows,
        ),
      analyze: async () => raw.exec('analyze'),
      size: async () => {
        raw.pragma('wal_checkpoint(TRUNCATE)');
        return raw.prepare('select page_count * page_size as bytes from pragma_page_count(), pragma_page_size()').get().bytes;
      },
      close: async () => raw.close(),
      dispose: async () => {
        raw.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const database = `jha_bench_${process.pid}`;
  await pgAdmin(`drop database if exists ${database} with (force)`);
  await pgAdmin(`create database ${database}`);
  const u = new URL(POSTGRES_ADMIN_URL);
  u.pathname = `/${database}`;
  const url = u.toString();
  // PostgreSQL requires a session secret (shared by every instance); the benchmark signs no session.
  const env = { ...process.env, DATABASE_URL: url, JHA_DEMO: 'false', LOG_LEVEL: 'silent', SESSION_SECRET: BENCH_SECRET };
  try {
    execFileSync(process.execPath, [JHA, 'migrate'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (err) {
    await pgAdmin(`drop database if exists ${database} with (force)`);
    throw err;
  }
  const raw = new pg.Client({ connectionString: url });
  await raw.connect();
  // A benchmark's seed needs no durability of each commit.
  await raw.query('set synchronous_commit = off');
  const placeholders = (text) => {
    let i = 0;
    return text.replace(/\?/g, () => `$${(i += 1)}`);
  };
  const texts = new Map();
  const query = async (text, params = []) => {
    let t = texts.get(text);
    if (!t) texts.set(text, (t = placeholders(text)));
    return (await raw.query(t, params)).rows;
  };
  // Multi-row INSERTs: one statement per batch, the columns as arrays (unnest), in one transaction per call.
  const insertColumns = async (text, types, rows) => {
    await raw.query('begin');
    for (let i = 0; i < rows.length; i += PG_BATCH) {
      const batch = rows.slice(i, i + PG_BATCH);
      await raw.query(
        text,
        types.map((_, c) => batch.map((r) => r[c])),
      );
    }
    await raw.query('commit');
  };
  const unnest = (types) => `select * from unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`;
  const unitTypes = ['text', 'text', 'text', 'text', 'text'];
  const subTypes = ['text', 'text', 'text', 'text', 'text', 'text', 'text'];
  const valueTypes = ['text', 'text', 'text', 'text', 'float8', 'text', 'text'];
  return {
    kind,
    label: `PostgreSQL ${(await raw.query('show server_version')).rows[0].server_version.split(' ')[0]}`,
    config: { kind: 'postgres', url },
    query,
    insertUnits: (rows) =>
      insertColumns(`insert into org_units (code, name, partner_code, kind, created_at) ${unnest(unitTypes)}`, unitTypes, rows),
    insertSubmissions: (rows) =>
      insertColumns(
        `insert into submissions (id, dataset, partner_code, period, created_at, updated_at, published_at, status, version, org_units_complete, releases)
         select *, 'published', 1, 1, 0 from unnest(${subTypes.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`,
        subTypes,
        rows,
      ),
    insertValues: (rows) =>
      insertColumns(
        `insert into data_values (submission_id, variable, org_unit, coords, value_num, comment, updated_at) ${unnest(valueTypes)}`,
        valueTypes,
        rows,
      ),
    analyze: async () => {
      await raw.query('vacuum analyze');
    },
    size: async () => Number((await raw.query('select pg_database_size(current_database()) as bytes')).rows[0].bytes),
    close: () => raw.end(),
    dispose: async () => {
      await raw.end();
      await pgAdmin(`drop database if exists ${database} with (force)`);
    },
  };
}

/**
 * justice.annual: every partner × `years` × as many courts as `target` values need, each court
 * with the five case counts per case category × instance. Exactly `target` values (the last
 * submission cut short), or with `whole` the nearest number of whole courts.
 */
export async function seedJustice(store, target, { years = YEARS, whole = false } = {}) {
  const now = new Date().toISOString();
  const perCourtYear = VARIABLES.length * CATEGORIES.length * INSTANCES.length;
  const perCourt = PARTNERS.length * years.length * perCourtYear;
  const courts = whole ? Math.max(1, Math.round(target / perCourt)) : Math.ceil(target / perCourt);
  if (whole) target = courts * perCourt;
  const units = [];
  for (const p of PARTNERS) for (let c = 0; c < courts; c += 1) units.push([`${p}-C${c}`, `Court ${c}`, p, 'court', now]);
  await store.insertUnits(units);
  const coords = CATEGORIES.flatMap((cat) => INSTANCES.map((inst) => `case_category=${cat};instance=${inst}`));
  let n = 0;
  for (const p of PARTNERS) {
    for (const y of years) {
      const id = `justice.annual|${p}|${y}`;
      await store.insertSubmissions([[id, 'justice.annual', p, y, now, now, PUBLISHED_AT]]);
      const rows = [];
      for (let c = 0; c < courts && n < target; c += 1)
        for (const v of VARIABLES)
          for (const k of coords) {
            if (n >= target) break;
            rows.push([id, v, `${p}-C${c}`, k, 10 + ((n * 7919) % 500), null, now]);
            n += 1;
          }
      await store.insertValues(rows);
    }
  }
  return { values: n, courts, perCourtYear };
}

export const MIGRATION_MONTHS = Array.from(
  { length: 24 },
  (_, i) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
);
const CITIZENSHIPS = ['AF', 'BD', 'BI', 'CU', 'DZ', 'EG', 'IN', 'IQ', 'IR', 'LY', 'MA', 'NP', 'PK', 'PS', 'SY', 'TN', 'TR', 'other'];
const SEXES = ['female', 'male', 'unknown'];
const OUTCOMES = ['refugee_status', 'subsidiary_protection', 'humanitarian', 'rejected'];
export const CENTRES_PER_PARTNER = 5;

/**
 * migration.monthly (partner level: arrivals by citizenship × sex, registrations, intentions and
 * applications by citizenship, decisions by outcome, pending, returns; a source comment) and
 * migration.reception (reception centres with capacity and accommodated by sex, and people
 * sleeping outside at partner level), every partner × `months`.
 */
export async function seedMigration(store, months = MIGRATION_MONTHS) {
  const now = new Date().toISOString();
  const units = [];
  for (const p of PARTNERS)
    for (let c = 0; c < CENTRES_PER_PARTNER; c += 1) units.push([`${p}-RC${c}`, `Reception centre ${c}`, p, 'reception_centre', now]);
  await store.insertUnits(units);
  let n = 0;
  let count = 0;
  const num = (lo, span) => lo + ((n++ * 7919) % span);
  for (const p of PARTNERS) {
    for (const m of months) {
      const monthly = `migration.monthly|${p}|${m}`;
      const reception = `migration.reception|${p}|${m}`;
      await store.insertSubmissions([
        [monthly, 'migration.monthly', p, m, now, now, PUBLISHED_AT],
        [reception, 'migration.reception', p, m, now, now, PUBLISHED_AT],
      ]);
      const rows = [];
      for (const c of CITIZENSHIPS)
        for (const s of SEXES) rows.push([monthly, 'arrivals.detected', '', `citizenship=${c};sex=${s}`, num(5, 300), null, now]);
      for (const v of ['arrivals.registered', 'asylum.intentions', 'asylum.applications'])
        for (const c of CITIZENSHIPS) rows.push([monthly, v, '', `citizenship=${c}`, num(1, 100), null, now]);
      for (const o of OUTCOMES) rows.push([monthly, 'asylum.decisions', '', `outcome=${o}`, num(0, 40), null, now]);
      rows.push([monthly, 'asylum.pending', '', '', num(50, 500), 'Ministry of Interior, monthly exchange template', now]);
      rows.push([monthly, 'enforcement.returned', '', '', num(0, 80), null, now]);
      for (let c = 0; c < CENTRES_PER_PARTNER; c += 1) {
        const unit = `${p}-RC${c}`;
        rows.push([reception, 'reception.capacity', unit, '', 400 + c * 50, null, now]);
        for (const s of SEXES) rows.push([reception, 'reception.accommodated', unit, `sex=${s}`, num(20, 100), null, now]);
      }
      rows.push([reception, 'reception.sleeping_outside', '', '', num(0, 60), null, now]);
      await store.insertValues(rows);
      count += rows.length;
    }
  }
  return { values: count, submissions: PARTNERS.length * months.length * 2 };
}

/**
 * A ratio indicator by hand over the raw rows of published submissions: factor × Σ numerator /
 * Σ denominator per partner and period of `dataset`, periods between `from` and `to`.
 */
export function ratioSql(numerator, denominator, factor, dataset = 'justice.annual') {
  const text = `
    select s.partner_code as partner, s.period as period,
           sum(case when v.variable = ? then v.value_num end) * 1.0 / sum(case when v.variable = ? then v.value_num end) * ${Number(factor)} as value
    from data_values v join submissions s on s.id = v.submission_id
    where s.dataset = '${dataset}' and s.status = 'published' and s.period >= ? and s.period <= ? and v.variable in (?, ?)
    group by s.partner_code, s.period`;
  return (store, from, to) => store.query(text, [numerator, denominator, from, to, numerator, denominator]);
}

/**
 * Compares the engine's partner values with the SQL's (rounded like the engine) by partner and
 * period; returns the differences (empty when identical).
 */
export function differences(answer, rows, roundTo, decimals) {
  const engine = new Map(answer.values.filter((v) => v.orgUnit === null).map((v) => [`${v.partner}|${v.period}`, v.value]));
  const sql = new Map(rows.map((r) => [`${r.partner}|${r.period}`, roundTo(r.value === null ? null : Number(r.value), decimals)]));
  const out = [];
  for (const k of [...new Set([...engine.keys(), ...sql.keys()])].sort())
    if (engine.get(k) !== sql.get(k)) out.push(`${k}: engine ${engine.get(k)} vs SQL ${sql.get(k)}`);
  return out;
}

export async function buildReadModel(db, store) {
  const { backfillReadModel } = await import(dist('statistics/read-model.service.js'));
  const { SYSTEM_ACTOR } = await import(dist('platform/audit/actor.js'));
  // The backfill writes an audit entry: keyed like the entries `jha migrate` wrote with the same secret.
  const { installAuditKey } = await import(dist('platform/audit/audit-key.js'));
  installAuditKey({ sessionSecret: BENCH_SECRET });
  const start = process.hrtime.bigint();
  const done = await backfillReadModel(db, SYSTEM_ACTOR);
  const took = Number(process.hrtime.bigint() - start) / 1e9;
  await store.analyze();
  return { ...done, seconds: took };
}
