import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countCases, type CaseCount } from './case-counts.js';
import { DEFAULT_MAPPING, parseMapping } from './mapping.js';
import { loadCatalogs } from '../statistics/catalog.js';
import { CATALOG_DIR } from '../platform/paths.js';

const catalog = loadCatalogs(CATALOG_DIR);
const categories = catalog.dimensions.get('case_category')!.codes.map((c) => c.code);
const instances = catalog.dimensions.get('instance')!.codes.map((c) => c.code);
const dir = mkdtempSync(join(tmpdir(), 'jha-case-fixtures-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const FIXTURE = `case_id,court,case_type,instance,filed_on,closed_on
A1,C1,civil_litigious,first,2022-12-31,
A2,C1,civil_litigious,first,2023-01-01,2023-01-01
A3,C1,civil_litigious,first,2020-06-01,2024-01-01
A4,C1,civil_litigious,first,2021-12-31,
A5,C1,civil_litigious,first,2022-01-01,
A6,C1,civil_litigious,first,2023-05-05,2023-05-04
A7,C1,civil_litigious,first,,2023-01-10
A8,C1,civil_litigious,first,31/02/2023,
A2,C1,civil_litigious,first,2023-02-02,
A9,C9,civil_litigious,first,2023-02-02,
A10,C1,piracy,first,2023-02-02,
A11,C1,civil_litigious,first,2022-05-05,2022-12-31
A12,C2,criminal_minor,second,2023-03-03,2023-12-31
A13,C1,civil_litigious,first,2023-04-04,not a date
`;

const find = (counts: CaseCount[], year: number, court = 'C1', category = 'civil_litigious') =>
  counts.find((c) => c.year === year && c.court === court && c.category === category);

describe('case-level counts (DuckDB)', () => {
  it('counts the boundary cases exactly as the CEPEJ definitions say', async () => {
    const result = await countCases({
      file: file('cases.csv', FIXTURE),
      format: 'csv',
      mapping: DEFAULT_MAPPING,
      courts: ['C1', 'C2'],
      categories,
      instances,
      years: [2022, 2023, 2024],
    });
    expect(result).toMatchObject({ rows: 14, rejected: 7, imported: 7 });
    expect(result.rejectedByReason).toEqual({
      closed_before_filed: 1,
      missing_filing_date: 1,
      unreadable_filing_date: 1,
      unreadable_closing_date: 1,
      duplicate_case_id: 1,
      unknown_court: 1,
      unknown_case_type: 1,
    });
    expect(result.rejectedSample.map((r) => [r.line, r.reason])).toEqual([
      [7, 'closed_before_filed'],
      [8, 'missing_filing_date'],
      [9, 'unreadable_filing_date'],
      [10, 'duplicate_case_id'],
      [11, 'unknown_court'],
      [12, 'unknown_case_type'],
      [15, 'unreadable_closing_date'],
    ]);
    // 2022: A1 filed 31 Dec (incoming, pending at end), A3/A4 pending all year, A5 filed 1 Jan, A11 filed and closed.
    expect(find(result.counts, 2022)).toMatchObject({ pending_start: 2, incoming: 3, resolved: 1, pending_end: 4, pending_over_2y: 1 });
    // 2023: A2 filed and closed on 1 January; A3 closes on 1 January 2024, so it is still pending at the end.
    expect(find(result.counts, 2023)).toMatchObject({ pending_start: 4, incoming: 1, resolved: 1, pending_end: 4, pending_over_2y: 2 });
    expect(find(result.counts, 2024)).toMatchObject({ pending_start: 4, incoming: 0, resolved: 1, pending_end: 3, pending_over_2y: 3 });
    expect(find(result.counts, 2023, 'C2', 'criminal_minor')).toMatchObject({
      instance: 'second',
      incoming: 1,
      resolved: 1,
      pending_end: 0,
    });
    for (const c of result.counts) expect(c.pending_start + c.incoming - c.resolved).toBe(c.pending_end);
  });

  it('finds the years from the data when none are given', async () => {
    const result = await countCases({
      file: file('span.csv', 'case_id,court,case_type,instance,filed_on,closed_on\nX1,C1,administrative,first,2019-03-01,2021-02-01\n'),
      format: 'csv',
      mapping: DEFAULT_MAPPING,
      courts: ['C1'],
      categories,
      instances,
    });
    expect(result.years).toEqual([2019, 2020, 2021]);
    expect(result.counts.map((c) => [c.year, c.pending_start, c.incoming, c.resolved, c.pending_end])).toEqual([
      [2019, 0, 1, 0, 1],
      [2020, 1, 0, 0, 1],
      [2021, 1, 0, 1, 0],
    ]);
  });

  it('applies a national mapping: column names, date format, case types and instances', async () => {
    const mapping = parseMapping(
      `columns: { case_id: broj, court: sud, case_type: vrsta, instance: stepen, filed_on: primljen, closed_on: zavrsen }
date_format: '%d.%m.%Y'
case_types: { P: civil_litigious, K: criminal_severe }
instances: { I: first, II: second }
`,
      'mapping.yaml',
      catalog,
    );
    const csv =
      'broj,sud,vrsta,stepen,primljen,zavrsen\nP-1/23,C1,P,I,05.01.2023,20.06.2023\nK-7/22,C1,K,II,01.12.2022,\nX-1/23,C1,X,I,05.01.2023,\n';
    const result = await countCases({
      file: file('national.csv', csv),
      format: 'csv',
      mapping,
      courts: ['C1'],
      categories,
      instances,
      years: [2023],
    });
    expect(result.rejectedByReason).toEqual({ unknown_case_type: 1 });
    expect(find(result.counts, 2023)).toMatchObject({ incoming: 1, resolved: 1 });
    expect(find(result.counts, 2023, 'C1', 'criminal_severe')).toMatchObject({ instance: 'second', pending_start: 1, pending_end: 1 });
  });

  it('reads Parquet', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const path = join(dir, 'cases.parquet');
    await c.run(
      `copy (select * from (values ('P1', 'C1', 'civil_litigious', 'first', date '2023-02-01', null::date), ('P2', 'C1', 'civil_litigious', 'first', date '2022-02-01', date '2023-03-01')) t(case_id, court, case_type, instance, filed_on, closed_on)) to '${path}' (format parquet)`,
    );
    c.closeSync();
    const result = await countCases({
      file: path,
      format: 'parquet',
      mapping: DEFAULT_MAPPING,
      courts: ['C1'],
      categories,
      instances,
      years: [2023],
    });
    expect(find(result.counts, 2023)).toMatchObject({ pending_start: 1, incoming: 1, resolved: 1, pending_end: 1 });
  });

  it('refuses a file without the needed columns, naming them', async () => {
    await expect(
      countCases({
        file: file('bad.csv', 'id,court\n1,C1\n'),
        format: 'csv',
        mapping: DEFAULT_MAPPING,
        courts: ['C1'],
        categories,
        instances,
      }),
    ).rejects.toThrow(/lacks the column\(s\) case_id, case_type, instance, filed_on, closed_on/);
    await expect(
      countCases({ file: join(dir, 'nowhere.csv'), format: 'csv', mapping: DEFAULT_MAPPING, courts: ['C1'], categories, instances }),
    ).rejects.toThrow(/cannot be read/);
  });

  it('names the line of a broken mapping', () => {
    expect(() => parseMapping('case_types:\n  P: civil\n', 'm.yaml', catalog)).toThrow(
      /^m\.yaml:2: case_types\.P: "civil" is not a case category/,
    );
    expect(() => parseMapping('colums: {}\n', 'm.yaml', catalog)).toThrow(/^m\.yaml:1: colums: unknown key/);
  });
});
