// The guided mapping editor's model (pure, no I/O): the form's values, read from the YAML the server
// accepts (the format of src/justice/mapping.ts) and written back to it, and the checks of the fields
// the form requires. The server stays the judge of a mapping; this module only moves it between the
// two editors, so that switching between them loses nothing the form can show.
import { isMap, isScalar, Pair, parseDocument, Scalar, stringify, YAMLMap, type Node } from 'yaml';
import type { CaseField } from '../../../../src/justice/mapping.js';

/** A row of a code table: a national code and the catalogue code it stands for. */
export interface CodeRow {
  national: string;
  code: string;
}

/** The mapping as the form holds it; an empty text is the format's default (it is left out of the YAML). */
export interface MappingFormValues {
  description: string;
  /** Column of the file for each field; '' the field's own name (e.g. case_id). */
  columns: Record<CaseField, string>;
  /** strptime format of both dates; '' ISO (%Y-%m-%d). */
  dateFormat: string;
  /** National case type → CEPEJ case category; no rows: the file already holds catalogue codes. */
  caseTypes: CodeRow[];
  /** National instance → catalogue instance; no rows: the file already holds catalogue codes. */
  instances: CodeRow[];
}

export type CodeTable = 'caseTypes' | 'instances';

/** The YAML key of each code table. */
export const TABLE_KEYS: Record<CodeTable, string> = { caseTypes: 'case_types', instances: 'instances' };

const EMPTY_COLUMNS: Record<CaseField, string> = { case_id: '', court: '', case_type: '', instance: '', filed_on: '', closed_on: '' };
/** The fields of a case, in the order of the format. */
export const CASE_FIELDS = Object.keys(EMPTY_COLUMNS) as CaseField[];
const ROOT_KEYS = ['description', 'columns', 'date_format', 'case_types', 'instances'];

export function emptyMappingForm(): MappingFormValues {
  return { description: '', columns: { ...EMPTY_COLUMNS }, dateFormat: '', caseTypes: [], instances: [] };
}

/** Why a YAML text does not fit the form; `path` is the key concerned, `line` 1-based when known. */
export interface FormProblem {
  code: 'syntax' | 'not_mapping' | 'unknown_key' | 'not_text' | 'unknown_code';
  path?: string;
  line?: number;
  /** The parser's message (syntax) or the unknown code (unknown_code). */
  detail?: string;
}

export type ReadResult = { ok: true; values: MappingFormValues } | { ok: false; problem: FormProblem };

/** The catalogue codes a code table may map to; a code outside them does not fit the form's selects. */
export type AllowedCodes = Record<CodeTable, readonly string[]>;

class Misfit extends Error {
  constructor(readonly problem: FormProblem) {
    super(problem.code);
  }
}

/**
 * Reads a mapping's YAML into the form. An empty text is the empty form. A text the form cannot
 * hold gives the first problem instead: a syntax error, a key the format does not know (reported,
 * not kept: the server refuses it too), a value that is not a text, or a code outside `allowed`.
 * Comments are not kept. An empty code table (`case_types: {}`) reads as no rows.
 */
export function readMappingYaml(text: string, allowed: AllowedCodes): ReadResult {
  const doc = parseDocument(text, { prettyErrors: false });
  const lineOf = (offset: number | undefined) => (offset === undefined ? undefined : text.slice(0, offset).split('\n').length);
  const error = doc.errors[0];
  if (error) return { ok: false, problem: { code: 'syntax', line: lineOf(error.pos[0]), detail: error.message.split('\n')[0] } };
  const at = (node: unknown) => lineOf((node as Node | null | undefined)?.range?.[0]);
  try {
    const values = emptyMappingForm();
    const root = doc.contents;
    if (isEmpty(root)) return { ok: true, values };
    const entries = mapEntries(root, '', at);
    for (const [key, , keyNode] of entries) {
      if (!ROOT_KEYS.includes(key)) throw new Misfit({ code: 'unknown_key', path: key, line: at(keyNode) });
    }
    for (const [key, node] of entries) {
      if (key === 'description') values.description = textOf(node, key, at);
      else if (key === 'date_format') values.dateFormat = textOf(node, key, at);
      else if (key === 'columns' && !isEmpty(node)) {
        for (const [field, value, keyNode] of mapEntries(node, key, at)) {
          if (!(CASE_FIELDS as string[]).includes(field))
            throw new Misfit({ code: 'unknown_key', path: `${key}.${field}`, line: at(keyNode) });
          values.columns[field as CaseField] = textOf(value, `${key}.${field}`, at);
        }
      }
    }
    for (const table of ['caseTypes', 'instances'] as const) {
      const key = TABLE_KEYS[table];
      const node = entries.find((e) => e[0] === key)?.[1];
      if (isEmpty(node)) continue;
      for (const [national, value] of mapEntries(node, key, at)) {
        const path = `${key}.${national}`;
        const code = textOf(value, path, at);
        if (code === '') throw new Misfit({ code: 'not_text', path, line: at(value) });
        if (!allowed[table].includes(code)) throw new Misfit({ code: 'unknown_code', path, line: at(value), detail: code });
        values[table].push({ national, code });
      }
    }
    return { ok: true, values };
  } catch (err) {
    if (err instanceof Misfit) return { ok: false, problem: err.problem };
    throw err;
  }
}

/** Absent or null, as the server's `exists` sees it. */
function isEmpty(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

/** A mapping's entries as [key as the server reads it, value, key node]; anything else is a misfit. */
function mapEntries(node: unknown, path: string, at: (n: unknown) => number | undefined): [string, unknown, unknown][] {
  if (!isMap(node)) throw new Misfit({ code: 'not_mapping', path: path || undefined, line: at(node) });
  return node.items.map((item) => [String(isScalar(item.key) ? item.key.value : item.key), item.value, item.key]);
}

/** A text or a number (read as a text, as the server does); null is ''. */
function textOf(node: unknown, path: string, at: (n: unknown) => number | undefined): string {
  if (isEmpty(node)) return '';
  const value = isScalar(node) ? node.value : undefined;
  if (typeof value !== 'string' && typeof value !== 'number') throw new Misfit({ code: 'not_text', path, line: at(node) });
  return String(value);
}

/**
 * Writes the form as the YAML the server accepts: the keys in the order of the format, texts
 * trimmed, empty settings and empty tables left out (`{}` when nothing is set: the defaults). Rows
 * are written in their order, a repeated national code twice (the server then names it).
 */
export function toMappingYaml(values: MappingFormValues): string {
  const out: Record<string, unknown> = {};
  if (values.description.trim()) out.description = values.description.trim();
  const columns = CASE_FIELDS.filter((f) => values.columns[f].trim()).map((f) => [f, values.columns[f].trim()]);
  if (columns.length) out.columns = Object.fromEntries(columns);
  if (values.dateFormat.trim()) out.date_format = values.dateFormat.trim();
  for (const table of ['caseTypes', 'instances'] as const) {
    const rows = values[table];
    if (!rows.length) continue;
    // A map of its own, not an object: that would put number-like keys first and merge repeated ones.
    const map = new YAMLMap<Scalar, Scalar>();
    map.items = rows.map((r) => new Pair(new Scalar(r.national.trim()), new Scalar(r.code)));
    out[TABLE_KEYS[table]] = map;
  }
  return stringify(out, { lineWidth: 0 });
}

/** What is wrong with a field the form requires. */
export type FieldError = 'required' | 'duplicate';

/**
 * The form's own checks, by field path (`caseTypes.0.national`, `instances.1.code`): every row of a
 * code table needs its national code (once per table) and its catalogue code. Column names and the
 * date format may stay empty (the defaults); the server checks the rest when saving.
 */
export function checkMappingForm(values: MappingFormValues): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  for (const table of ['caseTypes', 'instances'] as const) {
    const seen = new Set<string>();
    values[table].forEach((row, i) => {
      const national = row.national.trim();
      if (!national) errors[`${table}.${i}.national`] = 'required';
      else if (seen.has(national)) errors[`${table}.${i}.national`] = 'duplicate';
      seen.add(national);
      if (!row.code) errors[`${table}.${i}.code`] = 'required';
    });
  }
  return errors;
}

/** Whether two forms write the same YAML. */
export function sameMapping(a: MappingFormValues, b: MappingFormValues): boolean {
  return toMappingYaml(a) === toMappingYaml(b);
}
