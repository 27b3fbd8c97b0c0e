// What the fuzz corpus is made of: the file entry, the known good data the acceptable files restate,
// and the helpers of the families (fuzz-corpus.ts assembles them).
import type { ImportValueRow } from '../submissions.js';

export type FuzzEndpoint = 'values' | 'org-units';

export interface FuzzFile {
  /** Family and case, unique in the corpus: "truncated-csv/mid-quote". */
  name: string;
  endpoint: FuzzEndpoint;
  /** The Content-Type header, or null to send none. */
  contentType: string | null;
  body: Buffer;
  /** Who sends it: the AL coordinator (value files, by default) or an admin (org-unit files, by default). */
  as?: 'coordinator' | 'admin';
  /**
   * The status a correct server answers, to the dry run and to the import alike. 200 only for the
   * acceptable files, with `accepted` saying why; they restate what is stored and so write nothing.
   */
  status: 200 | 400 | 409 | 413 | 415 | 422;
  accepted?: string;
}

export const FUZZ_DATASET = 'justice.annual';
/** The period of the known good submission (a draft of AL). */
export const FUZZ_PERIOD = '2040';
/** A period whose submission is submitted, and therefore locked: imports into it are refused (409). */
export const LOCKED_PERIOD = '2039';
export const COLUMNS = ['dataset', 'partner', 'org_unit', 'period', 'variable', 'case_category', 'instance', 'value', 'comment'] as const;
export type Column = (typeof COLUMNS)[number];
export const CSV = 'text/csv';
export const JSON_TYPE = 'application/json';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const cell = (variable: string, value: number, comment: string | null, orgUnit = '', instance = ''): ImportValueRow => ({
  dataset: FUZZ_DATASET,
  partner: 'AL',
  period: FUZZ_PERIOD,
  variable,
  orgUnit: orgUnit || null,
  coords: orgUnit ? { case_category: 'civil_litigious', instance } : {},
  value,
  comment,
});

/**
 * The known good submission, stored before the corpus is sent. Its comments are what a spreadsheet
 * would run as formulas (stored as text, neutralised in exports) and a text that CSV must quote.
 */
export const FUZZ_SEED = {
  formula: cell('cases.incoming', 1000, "=cmd|' /C calc'!A0"),
  plus: cell('cases.resolved', 900, '+1 court merged into AL-FZ1'),
  minus: cell('cases.pending_start', 500, '-2 % after the reform'),
  at: cell('cases.pending_end', 600, '@SUM(A1:A9)'),
  court: cell('cases.incoming', 40, null, 'AL-FZ1', 'first'),
  quoted: cell('cases.resolved', 35, 'café, "quoted", and a line\nbreak', 'AL-FZ2', 'first'),
  fte: cell('judges.fte', 12.5, null),
} satisfies Record<string, ImportValueRow>;
export const SEED_ROWS: ImportValueRow[] = Object.values(FUZZ_SEED);

/** The org units stored before the corpus: two AL courts (one named like a formula) and an RS court. */
export const FUZZ_ORG_UNITS = [
  'code,name,partner,kind,parent',
  'AL-FZ1,Fuzz District Court 1,AL,court,',
  'AL-FZ2,"=HYPERLINK(""http://example.org"",""Fuzz District Court 2"")",AL,court,AL-FZ1',
  'RS-FZ1,Fuzz Basic Court,RS,court,',
].join('\n');

/** A row's fields in the CSV layout (COLUMNS). */
export function fieldsOf(r: ImportValueRow): Record<Column, string> {
  return {
    dataset: r.dataset,
    partner: r.partner,
    org_unit: r.orgUnit ?? '',
    period: r.period,
    variable: r.variable,
    case_category: r.coords?.case_category ?? '',
    instance: r.coords?.instance ?? '',
    value: r.value === null ? '' : String(r.value),
    comment: r.comment ?? '',
  };
}

/** A deterministic generator of 32-bit numbers (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Collects the files of one family under its name. */
export class Family {
  readonly files: FuzzFile[] = [];
  constructor(
    readonly family: string,
    readonly endpoint: FuzzEndpoint,
    readonly contentType: string | null,
  ) {}

  add(name: string, body: string | Buffer, status: FuzzFile['status'], more: Partial<FuzzFile> = {}): void {
    this.files.push({
      name: `${this.family}/${name}`,
      endpoint: this.endpoint,
      contentType: this.contentType,
      body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
      status,
      ...more,
    });
  }

  /** An acceptable file: it restates what is stored, `why` says why it is taken. */
  accept(name: string, body: string | Buffer, why: string, more: Partial<FuzzFile> = {}): void {
    this.add(name, body, 200, { accepted: why, ...more });
  }
}

/** A CSV field: a text, quoted when it must be, or `{ quoted }` to quote it in any case. */
export type CsvField = string | { quoted: string };

function csvField(f: CsvField): string {
  const text = typeof f === 'string' ? f : f.quoted;
  return typeof f !== 'string' || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV lines of fields, each ended by `eol` (a text inside quotes keeps its own line breaks). */
export function csvLines(lines: readonly (readonly CsvField[])[], eol = '\n'): string {
  return lines.map((fields) => fields.map(csvField).join(',') + eol).join('');
}

/** A value row's fields in COLUMNS order, with some replaced. */
export function line(r: ImportValueRow, change: Partial<Record<Column, CsvField>> = {}): CsvField[] {
  const fields: Record<Column, CsvField> = { ...fieldsOf(r), ...change };
  return COLUMNS.map((c) => fields[c]);
}

/** A value CSV of the rows (the header first). */
export function valueCsv(rows: readonly ImportValueRow[], eol = '\n'): string {
  return csvLines([COLUMNS, ...rows.map((r) => line(r))], eol);
}

/** Stands for raw bytes in a text until `withBytes` puts them in (a character no test text holds). */
export const BYTES = '\u{E000}';

/** The text as UTF-8 with every BYTES mark replaced by `bytes`: how bytes that are not UTF-8 get into a file. */
export function withBytes(text: string, bytes: readonly number[]): Buffer {
  const parts = text.split(BYTES).map((p) => Buffer.from(p, 'utf8'));
  return Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [Buffer.from(bytes), p])));
}
