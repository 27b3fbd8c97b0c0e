// Case-level files → CEPEJ counts, computed by DuckDB (CSV or Parquet, one row per case).
// DuckDB works in memory with a limit, spilling to a temporary folder, so files larger than
// memory still import; nothing of it is kept afterwards. Definitions for reference year Y (CEPEJ evaluation method):
//   pending_start: filed before Y-01-01 and (open or closed on/after Y-01-01)
//   incoming: filed within Y;  resolved: closed within Y
//   pending_end: filed on/before Y-12-31 and (open or closed after Y-12-31)
//   pending_over_2y: in pending_end and filed on/before (Y-2)-12-31
// so pending_start + incoming − resolved = pending_end holds by construction.
//
// One parallel pass over the file checks every row and counts: a single aggregate with two grouping
// sets, the valid cases by court × category × instance × filing and closing year (a few thousand
// rows) and the case ids seen more than once (hashed). Line numbers cost an ordered pass, so only a
// file with rejected rows or repeated ids gets a second one, which keeps the rows needed: the first
// rejected ones, and every row of a repeated id (the first of them is the case, the others are
// duplicates).
import { clientMessage } from '../platform/client-message.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '../platform/errors.js';
import { openDuckDb, type DuckDb } from './duckdb.js';
import type { CaseMapping } from './mapping.js';

export const REJECT_REASONS = [
  'missing_case_id',
  'missing_filing_date',
  'unreadable_filing_date',
  'unreadable_closing_date',
  'closed_before_filed',
  'unknown_court',
  'unknown_case_type',
  'unknown_instance',
  'duplicate_case_id',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];
export const REJECTED_SAMPLE = 1000;

export interface CaseCount {
  court: string;
  category: string;
  instance: string;
  year: number;
  pending_start: number;
  incoming: number;
  resolved: number;
  pending_end: number;
  pending_over_2y: number;
}

export interface CaseCountResult {
  rows: number;
  imported: number;
  rejected: number;
  rejectedByReason: Partial<Record<RejectReason, number>>;
  /** The first rejected rows: line in the file (header = line 1), reason and the raw fields. */
  rejectedSample: {
    line: number;
    reason: RejectReason;
    case_id: string | null;
    court: string | null;
    case_type: string | null;
    instance: string | null;
    filed_on: string | null;
    closed_on: string | null;
  }[];
  years: number[];
  counts: CaseCount[];
}

export interface CaseCountInput {
  file: string;
  format: 'csv' | 'parquet';
  mapping: CaseMapping;
  /** Codes of the partner's courts. */
  courts: string[];
  /** Catalogue codes, used when the mapping has no translation table. */
  categories: string[];
  instances: string[];
  /** Years to count; by default from the first filing year to the last filing or closing year. */
  years?: number[];
  onPhase?: (phase: string, progress: number) => void;
}

/** DuckDB's memory for one import; beyond it, aggregates spill to the temporary folder. */
const MEMORY_LIMIT = '1GB';
/** At most 4 threads, so that each keeps a useful share of the memory limit. */
const THREADS = Math.max(1, Math.min(availableParallelism(), 4));

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
const DUPLICATE = REJECT_REASONS.indexOf('duplicate_case_id') + 1;
/** REJECT_REASONS as a DuckDB list: REASON_LIST[i] is the reason of index i (1-based). */
const REASON_LIST = `[${REJECT_REASONS.map(literal).join(', ')}]`;

/**
 * The helpers every row goes through. `clean` is the field as text, trimmed, '' as null; it trims
 * only when an end may hold a space (trim is the dearest step of a row, and only an ASCII space or
 * a non-ASCII character can be one). `date_of` reads a date in the mapping's format or as ISO; for the
 * ISO default, a plain YYYY-MM-DD value is cast directly, which gives the same date.
 */
function macros(dateFormat: string): string {
  const rule = `coalesce(try_cast(try_strptime(x, ${literal(dateFormat)}) as date), try_cast(x as date))`;
  const day = dateFormat === '%Y-%m-%d' ? `coalesce(case when x like '____-__-__' then try_cast(x as date) end, ${rule})` : rule;
  return `create macro clean(x) as case when ascii(x) = 32 or suffix(x, ' ') or strlen(x) <> length(x) then nullif(trim(x), '') else nullif(x, '') end;
    create macro date_of(x) as ${day};`;
}

/** A row's own reason (1-based index in REJECT_REASONS): its id and dates; 0 when they are fine. */
const OWN_REASON = `case
    when case_id is null then 1
    when filed_raw is null then 2
    when filed_on is null then 3
    when closed_raw is not null and closed_on is null then 4
    when closed_on < filed_on then 5
    else 0
  end`;

/** The reason after the catalogue lookups: its own first, then court, case type, instance; 0: valid. */
const REASON = `case when own > 0 then own when co.k is null then 6 when t.v is null then 7 when i.v is null then 8 else 0 end`;

/** The catalogue lookups of rows `r` whose court, case type and instance are given as read. */
const LOOKUPS = `left join courts co on co.k = clean(r.court)
    left join types t on t.k = clean(r.case_type)
    left join instances i on i.k = clean(r.instance)`;

/**
 * Every row of the file: its id and dates as text, its dates, `own` (OWN_REASON) and its court,
 * case type and instance as read (the lookups come later, on far fewer rows when counting). With
 * `numbered`, each row also has its `line` (header = line 1), which takes an ordered pass.
 */
function fileRows(source: string, mapping: CaseMapping, numbered: boolean): string {
  const m = mapping.columns;
  const field = (col: string) => `${ident(col)}::varchar`;
  return `select *, ${OWN_REASON} as own from (
      select *, date_of(filed_raw) as filed_on, date_of(closed_raw) as closed_on from (
        select ${numbered ? 'row_number() over () + 1 as line, ' : ''}clean(${field(m.case_id)}) as case_id,
          ${field(m.court)} as court, ${field(m.case_type)} as case_type, ${field(m.instance)} as instance,
          clean(${field(m.filed_on)}) as filed_raw, clean(${field(m.closed_on)}) as closed_raw
        from ${source}))`;
}

/** Every row with its line, its fields as text, its catalogue codes and `base` (REASON, before duplicates). */
function numberedRows(source: string, mapping: CaseMapping): string {
  return `select r.line, r.case_id, clean(r.court) as court, clean(r.case_type) as case_type, clean(r.instance) as instance_raw,
      r.filed_raw, r.closed_raw, r.filed_on, r.closed_on, co.k as known_court, t.v as category, i.v as instance, ${REASON} as base
    from (${fileRows(source, mapping, true)}) r
    ${LOOKUPS}`;
}

async function fillTable(db: DuckDb, table: string, rows: [string, string][]): Promise<void> {
  const values = rows.map(([k, v]) => `(${literal(k)}, ${literal(v)})`).join(', ');
  await db.run(`create table ${table} (k varchar primary key, v varchar)`);
  if (rows.length) await db.run(`insert into ${table} values ${values}`);
}

/** The file's columns; refused when it cannot be read or lacks a column the mapping names. */
async function checkColumns(db: DuckDb, source: string, mapping: CaseMapping): Promise<void> {
  let columns: string[];
  try {
    columns = (await db.rows<{ column_name: string }>(`select column_name from (describe select * from ${source})`)).map((r) =>
      String(r.column_name),
    );
  } catch (err) {
    throw new ValidationError(`The case file cannot be read: ${clientMessage(err)}`);
  }
  const m = mapping.columns;
  const missing = Object.entries(m)
    .filter(([, col]) => !columns.includes(col))
    .map(([field, col]) => (col === field ? col : `${col} (${field})`));
  if (missing.length)
    throw new ValidationError(`The case file lacks the column(s) ${missing.join(', ')}; it has ${columns.join(', ')}.`, { missing });
}

/**
 * The one pass over the file (a file it cannot read, or that lacks a column, is refused saying
 * which). `tally` holds how many rows there are by own reason, court, case type
 * and instance as read, and filing and closing year; and (`repeated`) every hashed case id seen more
 * than once. `cells` is the tally with the catalogue codes and each group's reason.
 */
async function tally(db: DuckDb, input: CaseCountInput, source: string): Promise<void> {
  try {
    await db.run(`create table tally as
      select grouping(h) = 0 as repeated, h, own, court, case_type, instance, fy, cy, count(*) as n
      from (select case when case_id is not null then hash(case_id) end as h, own, court, case_type, instance,
              year(filed_on) as fy, year(closed_on) as cy
            from (${fileRows(source, input.mapping, false)}))
      group by grouping sets ((h), (own, court, case_type, instance, fy, cy))
      having grouping(h) = 1 or (h is not null and count(*) > 1)`);
  } catch (err) {
    // Said precisely: the columns the file lacks, or why it cannot be read at all.
    await checkColumns(db, source, input.mapping);
    throw new ValidationError(`The case file cannot be read: ${clientMessage(err)}`);
  }
  await db.run(`create table cells as
    select ${REASON} as base, co.k as court, t.v as category, i.v as instance, fy, cy, n
    from tally r
    ${LOOKUPS}
    where not repeated`);
}

/** Which of the tables of rejected rows with their lines exist: `early` (before duplicates), `later` (duplicates). */
interface Located {
  early: boolean;
  later: boolean;
}

/** Up to this many rows rejected before duplicates are looked at are kept whole by a pass that also looks for duplicates. */
const KEEP_REJECTED = 100_000;

/**
 * The ordered pass, only for a file with rejected rows or repeated ids: a scan in the file's order
 * (so on one thread) that keeps the first rejected rows (before duplicates are looked at) and every
 * row of a repeated id; one scan does both unless there are very many rejected rows. Of the rows of
 * repeated ids, the valid ones whose case id an earlier line already had are the duplicates (`later`):
 * the first row of an id is the case, whatever its own fate. `early` holds the first rejected rows
 * before duplicates.
 */
async function locate(db: DuckDb, input: CaseCountInput, source: string, rejected: number, repeated: boolean): Promise<Located> {
  if (rejected === 0 && !repeated) return { early: false, later: false };
  await db.run(`set preserve_insertion_order = true`);
  const rows = numberedRows(source, input.mapping);
  const again = `case_id is not null and hash(case_id) in (select h from tally where repeated)`;
  if (repeated && rejected <= KEEP_REJECTED) {
    await db.run(`create table flagged as select * from (${rows}) where base > 0 or (${again})`);
    await db.run(`create table early as select * from flagged where base > 0 order by line limit ${REJECTED_SAMPLE}`);
    await db.run(`create table again as select * from flagged where ${again}`);
  } else {
    // The lines are the file's order; the rows reach the filter in another (joins emit rows without a match last).
    if (rejected > 0) await db.run(`create table early as select * from (${rows}) where base > 0 order by line limit ${REJECTED_SAMPLE}`);
    if (repeated) await db.run(`create table again as select * from (${rows}) where ${again}`);
  }
  if (repeated)
    await db.run(`create table later as select * exclude (first) from (
        select *, min(line) over (partition by case_id) as first from again) where line > first and base = 0`);
  return { early: rejected > 0, later: repeated };
}

/** Rows by reason, valid cases by cell and year span (`spans`), and the first rejected rows. */
async function settle(db: DuckDb, located: Located) {
  const later = located.later
    ? {
        spans: `union all select known_court, category, instance, year(filed_on), year(closed_on), -1 from later`,
        reasons: `union all select 0, -count(*) from later union all select ${DUPLICATE}, count(*) from later`,
      }
    : { spans: '', reasons: '' };
  await db.run(`create table spans as
    select court, category, instance, fy, cy, sum(n) as n from (
      select court, category, instance, fy, cy, n from cells where base = 0 ${later.spans})
    group by all having sum(n) > 0`);
  // By reason name, as the counts have always been listed.
  const byReason = await db.rows<{ base: number; n: number }>(`
    select base, sum(n)::bigint as n from (select base, n from cells ${later.reasons})
    group by base having sum(n) > 0 order by ${REASON_LIST}[base] nulls first`);
  const parts = [
    ...(located.early ? ['select line, base, * exclude (line, base) from early'] : []),
    ...(located.later ? [`select line, ${DUPLICATE} as base, * exclude (line, base) from later`] : []),
  ];
  const sample = parts.length
    ? await db.rows<CaseCountResult['rejectedSample'][number]>(`
        select line::integer as line, ${REASON_LIST}[base] as reason, case_id, court, case_type, instance_raw as instance,
          filed_raw as filed_on, closed_raw as closed_on
        from (${parts.join(' union all ')})
        order by line limit ${REJECTED_SAMPLE}`)
    : [];
  return { byReason, sample };
}

/** The five counts per court × category × instance for each year (by default every year the file spans). */
async function yearCounts(db: DuckDb, asked: number[] | undefined): Promise<{ years: number[]; counts: CaseCount[] }> {
  let years = asked;
  if (!years) {
    const [span] = await db.rows<{ a: number | null; b: number | null }>(
      `select min(fy)::integer as a, max(greatest(fy, coalesce(cy, 0)))::integer as b from spans`,
    );
    years = span?.a == null ? [] : Array.from({ length: Number(span.b) - span.a + 1 }, (_, i) => span.a! + i);
  }
  if (years.length === 0) return { years, counts: [] };
  // For year y, a case is active when filed on/before y and open or closed on/after y; the five
  // counts follow from its filing year fy and closing year cy (see the definitions above).
  const counts = await db.rows<CaseCount>(`
    select court, category, instance, y::integer as year,
      coalesce(sum(n) filter (where fy < y and (cy is null or cy >= y)), 0)::integer as pending_start,
      coalesce(sum(n) filter (where fy = y), 0)::integer as incoming,
      coalesce(sum(n) filter (where cy = y), 0)::integer as resolved,
      coalesce(sum(n) filter (where fy <= y and (cy is null or cy > y)), 0)::integer as pending_end,
      coalesce(sum(n) filter (where fy <= y - 2 and (cy is null or cy > y)), 0)::integer as pending_over_2y
    from spans, unnest([${years.join(',')}]) as t(y)
    where fy <= y and (cy is null or cy >= y)
    group by all order by year, court, category, instance`);
  return { years, counts };
}

/** Reads the file, rejects bad rows by reason, and counts the valid cases per court × category × instance × year. */
export async function countCases(input: CaseCountInput): Promise<CaseCountResult> {
  const dir = mkdtempSync(join(tmpdir(), 'jha-cases-'));
  // An in-memory database with a memory limit: what does not fit spills to the temporary folder.
  // Without an ORDER BY, results need not keep the file's order (less memory); the ordered pass asks for it.
  const db = await openDuckDb({
    memory_limit: MEMORY_LIMIT,
    temp_directory: join(dir, 'spill'),
    threads: String(THREADS),
    preserve_insertion_order: 'false',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  try {
    const phase = input.onPhase ?? (() => {});
    phase('reading', 0.05);
    const source =
      input.format === 'csv'
        ? `read_csv(${literal(input.file)}, header = true, all_varchar = true)`
        : `read_parquet(${literal(input.file)})`;
    phase('checking', 0.2);
    await db.run(macros(input.mapping.dateFormat));
    await fillTable(
      db,
      'courts',
      input.courts.map((c) => [c, c]),
    );
    await fillTable(db, 'types', input.mapping.caseTypes ? [...input.mapping.caseTypes] : input.categories.map((c) => [c, c]));
    await fillTable(db, 'instances', input.mapping.instances ? [...input.mapping.instances] : input.instances.map((c) => [c, c]));
    await tally(db, input, source);
    const [found] = await db.rows<{ rejected: number; repeated: number }>(
      `select (select coalesce(sum(n), 0) from cells where base > 0) as rejected, (select count(*) from tally where repeated) as repeated`,
    );
    const located = await locate(db, input, source, found!.rejected, found!.repeated > 0);
    const { byReason, sample } = await settle(db, located);
    phase('counting', 0.6);
    const { years, counts } = await yearCounts(db, input.years);
    const total = byReason.reduce((a, r) => a + r.n, 0);
    const rejected = byReason.filter((r) => r.base > 0);
    const rejectedTotal = rejected.reduce((a, r) => a + r.n, 0);
    return {
      rows: total,
      rejected: rejectedTotal,
      imported: total - rejectedTotal,
      rejectedByReason: Object.fromEntries(rejected.map((r) => [REJECT_REASONS[r.base - 1]!, r.n])),
      rejectedSample: sample,
      years,
      counts,
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
