// Case-level files → CEPEJ counts, computed by DuckDB (CSV or Parquet, one row per case).
// DuckDB works in memory with a limit, spilling to a temporary folder, so files larger than
// memory still import; nothing of it is kept afterwards. Definitions for reference year Y (CEPEJ evaluation method):
//   pending_start: filed before Y-01-01 and (open or closed on/after Y-01-01)
//   incoming: filed within Y;  resolved: closed within Y
//   pending_end: filed on/before Y-12-31 and (open or closed after Y-12-31)
//   pending_over_2y: in pending_end and filed on/before (Y-2)-12-31
// so pending_start + incoming − resolved = pending_end holds by construction.
import { clientMessage } from '../platform/client-message.js';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '../platform/errors.js';
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

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

async function fillTable(connection: DuckDBConnection, table: string, rows: [string, string][]): Promise<void> {
  await connection.run(`create table ${table} (k varchar primary key, v varchar)`);
  const appender = await connection.createAppender(table);
  for (const [k, v] of rows) {
    appender.appendVarchar(k);
    appender.appendVarchar(v);
    appender.endRow();
  }
  appender.closeSync();
}

/** The file's columns; refused when it cannot be read or lacks a column the mapping names. */
async function checkColumns(connection: DuckDBConnection, source: string, mapping: CaseMapping): Promise<void> {
  let columns: string[];
  try {
    columns = (await connection.runAndReadAll(`select column_name from (describe select * from ${source})`))
      .getRowObjectsJS()
      .map((r) => String(r.column_name));
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
 * Loads the file into `cases` and checks every row (the view `checked` gives each its line and the
 * reason it is rejected, if any); valid cases go to `spans`, grouped by filing and closing year.
 */
async function loadAndCheck(connection: DuckDBConnection, input: CaseCountInput, source: string): Promise<void> {
  const m = input.mapping.columns;
  await fillTable(
    connection,
    'courts',
    input.courts.map((c) => [c, c]),
  );
  await fillTable(connection, 'types', input.mapping.caseTypes ? [...input.mapping.caseTypes] : input.categories.map((c) => [c, c]));
  await fillTable(connection, 'instances', input.mapping.instances ? [...input.mapping.instances] : input.instances.map((c) => [c, c]));
  const text = (col: string) => `nullif(trim(cast(${ident(col)} as varchar)), '')`;
  const date = (col: string) =>
    `coalesce(try_cast(try_strptime(${text(col)}, ${literal(input.mapping.dateFormat)}) as date), try_cast(${text(col)} as date))`;
  // One parallel pass loads the file into a table; DuckDB keeps the file's order, so rowid + 2 is
  // the line in the file (header = line 1) without a window over all rows. Dates are parsed once
  // here; the ISO fallback accepts values that are already dates (Parquet DATE columns).
  try {
    await connection.run(`create table cases as
      select ${text(m.case_id)} as case_id, ${text(m.court)} as court, ${text(m.case_type)} as case_type, ${text(m.instance)} as instance_raw,
             ${text(m.filed_on)} as filed_raw, ${text(m.closed_on)} as closed_raw,
             ${date(m.filed_on)} as filed_on, ${date(m.closed_on)} as closed_on
      from ${source}`);
  } catch (err) {
    throw new ValidationError(`The case file cannot be read: ${clientMessage(err)}`);
  }
  // A case id seen before (on an earlier line) is a duplicate, when nothing else is wrong with the row.
  await connection.run(
    `create table dups as select case_id, min(rowid) as first from cases where case_id is not null group by case_id having count(*) > 1`,
  );
  await connection.run(`create view checked as
    select c.rowid + 2 as line, c.*, t.v as category, i.v as instance,
      case
        when c.case_id is null then 'missing_case_id'
        when c.filed_raw is null then 'missing_filing_date'
        when c.filed_on is null then 'unreadable_filing_date'
        when c.closed_raw is not null and c.closed_on is null then 'unreadable_closing_date'
        when c.closed_on < c.filed_on then 'closed_before_filed'
        when co.k is null then 'unknown_court'
        when t.v is null then 'unknown_case_type'
        when i.v is null then 'unknown_instance'
        when d.case_id is not null and c.rowid > d.first then 'duplicate_case_id'
      end as reason
    from cases c
    left join courts co on co.k = c.court
    left join types t on t.k = c.case_type
    left join instances i on i.k = c.instance_raw
    left join dups d on d.case_id = c.case_id`);

  // Valid cases grouped by filing and closing year: everything the CEPEJ counts need, in one
  // parallel aggregate (a few thousand rows instead of millions).
  await connection.run(`create table spans as
    select court, category, instance, year(filed_on) as fy, year(closed_on) as cy, count(*) as n
    from checked where reason is null group by all`);
}

/** Rows by reason (null: imported) and the first rejected rows. */
async function rejections(connection: DuckDBConnection) {
  const byReason = (
    await connection.runAndReadAll(`select reason, count(*)::integer as n from checked group by reason order by reason`)
  ).getRowObjectsJS();
  const total = byReason.reduce((a, r) => a + Number(r.n), 0);
  const rejectedTotal = byReason.filter((r) => r.reason !== null).reduce((a, r) => a + Number(r.n), 0);
  const sample = (
    await connection.runAndReadAll(`select line::integer as line, reason, case_id, court, case_type, instance_raw as instance, filed_raw as filed_on, closed_raw as closed_on
    from checked where reason is not null order by line limit ${REJECTED_SAMPLE}`)
  ).getRowObjectsJS();

  return { byReason, total, rejectedTotal, sample };
}

/** The five counts per court × category × instance for each year (by default every year the file spans). */
async function yearCounts(connection: DuckDBConnection, asked: number[] | undefined): Promise<{ years: number[]; counts: CaseCount[] }> {
  let years = asked;
  if (!years) {
    const span = (
      await connection.runAndReadAll(`select min(fy)::integer as a, max(greatest(fy, coalesce(cy, 0)))::integer as b from spans`)
    ).getRowObjectsJS()[0]!;
    years = span.a === null ? [] : Array.from({ length: Number(span.b) - Number(span.a) + 1 }, (_, i) => Number(span.a) + i);
  }
  // For year y, a case is active when filed on/before y and open or closed on/after y; the five
  // counts follow from its filing year fy and closing year cy (see the definitions above).
  const counts =
    years.length === 0
      ? []
      : ((
          await connection.runAndReadAll(`
    select court, category, instance, y::integer as year,
      coalesce(sum(n) filter (where fy < y and (cy is null or cy >= y)), 0)::integer as pending_start,
      coalesce(sum(n) filter (where fy = y), 0)::integer as incoming,
      coalesce(sum(n) filter (where cy = y), 0)::integer as resolved,
      coalesce(sum(n) filter (where fy <= y and (cy is null or cy > y)), 0)::integer as pending_end,
      coalesce(sum(n) filter (where fy <= y - 2 and (cy is null or cy > y)), 0)::integer as pending_over_2y
    from spans, unnest([${years.join(',')}]) as t(y)
    where fy <= y and (cy is null or cy >= y)
    group by all order by year, court, category, instance`)
        ).getRowObjectsJS() as unknown as CaseCount[]);
  return { years, counts };
}

/** Reads the file, rejects bad rows by reason, and counts the valid cases per court × category × instance × year. */
export async function countCases(input: CaseCountInput): Promise<CaseCountResult> {
  const dir = mkdtempSync(join(tmpdir(), 'jha-cases-'));
  // An in-memory database with a memory limit: what does not fit spills to the temporary folder.
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: '1GB', temp_directory: join(dir, 'spill'), threads: '2' });
  const connection = await instance.connect();
  try {
    const phase = input.onPhase ?? (() => {});
    phase('reading', 0.05);
    const source =
      input.format === 'csv'
        ? `read_csv(${literal(input.file)}, header = true, all_varchar = true)`
        : `read_parquet(${literal(input.file)})`;
    await checkColumns(connection, source, input.mapping);
    phase('checking', 0.2);
    await loadAndCheck(connection, input, source);
    const { byReason, total, rejectedTotal, sample } = await rejections(connection);
    phase('counting', 0.6);
    const { years, counts } = await yearCounts(connection, input.years);
    return {
      rows: total,
      rejected: rejectedTotal,
      imported: total - rejectedTotal,
      rejectedByReason: Object.fromEntries(byReason.filter((r) => r.reason !== null).map((r) => [String(r.reason), Number(r.n)])),
      rejectedSample: sample as unknown as CaseCountResult['rejectedSample'],
      years,
      counts,
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}
