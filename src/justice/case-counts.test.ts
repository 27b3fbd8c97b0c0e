import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countCases, REJECT_REASONS, REJECTED_SAMPLE, type CaseCount } from './case-counts.js';
import { DEFAULT_MAPPING, parseMapping } from './mapping.js';
import { loadCatalogs } from '../statistics/catalog.js';
import { CATALOG_DIR } from '../platform/paths.js';

const catalog = loadCatalogs(CATALOG_DIR);
const categories = catalog.dimensions.get('case_category')!.codes.map((c) => c.code);
const instances = catalog.dimensions.get('instance')!.codes.map((c) => c.code);
const dir = mkdtempSync(join(tmpdir(), 'jha-case-fixtures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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

describe('case-level counts of a large file (one pass, lines only for rejected rows)', () => {
  const N = 300_000;
  /** Large enough for DuckDB to read the file in parallel; slow on a busy machine. */
  const LARGE_FILE_TIMEOUT = 180_000;
  const BAD = ['', 'no_filing', '2023-02-30', 'soon', 'before', 'C9', 'piracy', 'fourth'] as const;
  /** Which rows of a large file have a problem (every `bad`th, the eight in turn) and which repeat an earlier id (every `repeat`th). */
  interface Shape {
    bad: number;
    repeat: number;
  }
  /** Row i of the file (line i + 2); some are padded with spaces. */
  function row(i: number, shape: Shape): string[] {
    const pad = i % 37 === 3 ? (s: string) => ` ${s}\u00a0` : (s: string) => s;
    const r = {
      id: shape.repeat && i % shape.repeat === 7 ? `K${i - 2 * 211}` : `K${i}`,
      court: i % 2 ? 'C1' : 'C2',
      type: i % 3 ? 'civil_litigious' : 'criminal_minor',
      instance: 'first',
      filed: `2022-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      closed: i % 4 ? '' : `2023-${String(1 + (i % 12)).padStart(2, '0')}-15`,
    };
    if (i % shape.bad === 5 % shape.bad) {
      const problem = BAD[Math.floor(i / shape.bad) % BAD.length]!;
      if (problem === '') r.id = '';
      else if (problem === 'no_filing') r.filed = '';
      else if (problem === '2023-02-30') r.filed = problem;
      else if (problem === 'soon') r.closed = problem;
      else if (problem === 'before') r.closed = '2021-01-01';
      else if (problem === 'C9') r.court = problem;
      else if (problem === 'piracy') r.type = problem;
      else r.instance = problem;
    }
    return [pad(r.id), pad(r.court), pad(r.type), pad(r.instance), pad(r.filed), r.closed];
  }
  function largeFile(name: string, shape: Shape): string {
    const lines = ['case_id,court,case_type,instance,filed_on,closed_on'];
    for (let i = 0; i < N; i += 1) lines.push(row(i, shape).join(','));
    return file(name, lines.join('\n') + '\n');
  }
  /** What the CEPEJ rules say of each row, worked out here row by row. */
  function expected(shape: Shape) {
    const seen = new Set<string>();
    const rejected: [number, string][] = [];
    const byReason: Record<string, number> = {};
    const valid: { filed: string; closed: string }[] = [];
    const date = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s);
    for (let i = 0; i < N; i += 1) {
      const [id, court, type, instance, filed, closed] = row(i, shape).map((f) => f.trim());
      const reason =
        id === ''
          ? 'missing_case_id'
          : filed === ''
            ? 'missing_filing_date'
            : !date(filed!)
              ? 'unreadable_filing_date'
              : closed !== '' && !date(closed!)
                ? 'unreadable_closing_date'
                : closed !== '' && closed! < filed!
                  ? 'closed_before_filed'
                  : !['C1', 'C2'].includes(court!)
                    ? 'unknown_court'
                    : !categories.includes(type!)
                      ? 'unknown_case_type'
                      : !instances.includes(instance!)
                        ? 'unknown_instance'
                        : seen.has(id!)
                          ? 'duplicate_case_id'
                          : null;
      if (id !== '') seen.add(id!);
      if (reason) {
        rejected.push([i + 2, reason]);
        byReason[reason] = (byReason[reason] ?? 0) + 1;
      } else valid.push({ filed: filed!, closed: closed! });
    }
    return { rejected, byReason, valid };
  }
  const count = (path: string, format: 'csv' | 'parquet' = 'csv') =>
    countCases({ file: path, format, mapping: DEFAULT_MAPPING, courts: ['C1', 'C2'], categories, instances, years: [2023] });

  it(
    'counts every reason, reports the first 1,000 rejected rows by their exact line, and counts the rest',
    async () => {
      const shape = { bad: 211, repeat: 1009 };
      const want = expected(shape);
      const result = await count(largeFile('large.csv', shape));
      expect(result).toMatchObject({ rows: N, rejected: want.rejected.length, imported: want.valid.length });
      expect(result.rejectedByReason).toEqual(want.byReason);
      expect(Object.keys(want.byReason).sort()).toEqual([...REJECT_REASONS].sort());
      // More rows are rejected than the sample keeps: the sample is exactly the first REJECTED_SAMPLE of them.
      expect(result.rejectedSample).toHaveLength(REJECTED_SAMPLE);
      expect(result.rejectedSample.map((r) => [r.line, r.reason])).toEqual(want.rejected.slice(0, REJECTED_SAMPLE));
      // The raw fields of a rejected row come trimmed, as the partner wrote them otherwise.
      expect(result.rejectedSample.find((r) => r.reason === 'unknown_court')).toMatchObject({ court: 'C9' });
      const total = (k: keyof CaseCount) => result.counts.reduce((a, c) => a + (c[k] as number), 0);
      const open = (c: { closed: string }, after: string) => c.closed === '' || c.closed > after;
      expect(total('pending_start')).toBe(want.valid.filter((c) => open(c, '2022-12-31')).length);
      expect(total('resolved')).toBe(want.valid.filter((c) => c.closed.startsWith('2023')).length);
      expect(total('pending_end')).toBe(want.valid.filter((c) => open(c, '2023-12-31')).length);
      expect(total('incoming')).toBe(0);
    },
    LARGE_FILE_TIMEOUT,
  );

  it(
    'finds the first rejected rows of a file without repeated ids, and of one with very many rejected rows',
    async () => {
      for (const shape of [
        { bad: 211, repeat: 0 },
        { bad: 2, repeat: 1009 },
      ]) {
        const want = expected(shape);
        const result = await count(largeFile(`large-${shape.bad}-${shape.repeat}.csv`, shape));
        expect(result).toMatchObject({ rows: N, rejected: want.rejected.length, rejectedByReason: want.byReason });
        expect(result.rejectedSample.map((r) => [r.line, r.reason])).toEqual(want.rejected.slice(0, REJECTED_SAMPLE));
      }
    },
    LARGE_FILE_TIMEOUT,
  );

  it(
    'reads the lines of a Parquet file in its order, over many row groups',
    async () => {
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const db = await DuckDBInstance.create(':memory:');
      const c = await db.connect();
      const parquet = join(dir, 'large.parquet');
      await c.run(
        `copy (from read_csv('${join(dir, 'large.csv')}', all_varchar = true)) to '${parquet}' (format parquet, row_group_size 10000)`,
      );
      c.closeSync();
      const want = expected({ bad: 211, repeat: 1009 });
      const result = await count(parquet, 'parquet');
      expect(result.rejectedByReason).toEqual(want.byReason);
      expect(result.rejectedSample.map((r) => [r.line, r.reason])).toEqual(want.rejected.slice(0, REJECTED_SAMPLE));
    },
    LARGE_FILE_TIMEOUT,
  );

  it('takes an id padded with spaces for the same case, and a file without problems in one pass', async () => {
    const path = file(
      'padded.csv',
      `case_id,court,case_type,instance,filed_on,closed_on
P1,C1,civil_litigious,first,2023-01-01,
 P1\u00a0,C1,civil_litigious,first,2023-02-01,
P2, C1 ,\u00a0civil_litigious,first , 2023-03-01 ,
`,
    );
    const result = await countCases({
      file: path,
      format: 'csv',
      mapping: DEFAULT_MAPPING,
      courts: ['C1'],
      categories,
      instances,
      years: [2023],
    });
    expect(result.rejectedSample).toEqual([
      expect.objectContaining({ line: 3, reason: 'duplicate_case_id', case_id: 'P1', filed_on: '2023-02-01' }),
    ]);
    expect(find(result.counts, 2023)).toMatchObject({ incoming: 2, pending_end: 2 });
  });
});
