// The mapping from a national case-management export to the CEPEJ case counts (pure): which
// columns hold what, the date format, and how national case types and instances map to the
// catalogue's codes. Without a mapping the file uses the catalogue's own columns and codes.
import { CatalogError, readYaml } from '../platform/yaml.js';
import type { Catalog } from '../statistics/catalog.js';
import { ValidationError } from '../platform/errors.js';

export const CASE_FIELDS = ['case_id', 'court', 'case_type', 'instance', 'filed_on', 'closed_on'] as const;
export type CaseField = (typeof CASE_FIELDS)[number];

export interface CaseMapping {
  /** Column of the file for each field. */
  columns: Record<CaseField, string>;
  /** strptime format of both dates, e.g. %d.%m.%Y; ISO (%Y-%m-%d) by default. */
  dateFormat: string;
  /** National case type → catalogue case_category; null: the file already holds catalogue codes. */
  caseTypes: Map<string, string> | null;
  /** National instance → catalogue instance; null: the file already holds catalogue codes. */
  instances: Map<string, string> | null;
}

export const DEFAULT_MAPPING: CaseMapping = {
  columns: {
    case_id: 'case_id',
    court: 'court',
    case_type: 'case_type',
    instance: 'instance',
    filed_on: 'filed_on',
    closed_on: 'closed_on',
  },
  dateFormat: '%Y-%m-%d',
  caseTypes: null,
  instances: null,
};

const FORMAT = /^[%A-Za-z0-9 ./:_-]{2,40}$/;

/** Parses a mapping file; an error names the file, the line and the problem. */
export function parseMapping(text: string, file: string, catalog: Catalog): CaseMapping {
  try {
    const root = readYaml(text, file);
    if (!root.isMap()) root.fail('a mapping file must be a mapping');
    root.onlyKeys(['columns', 'date_format', 'case_types', 'instances', 'description']);
    const columns = { ...DEFAULT_MAPPING.columns };
    const cols = root.get('columns');
    if (cols.exists) {
      cols.onlyKeys([...CASE_FIELDS]);
      for (const field of CASE_FIELDS) {
        const c = cols.get(field).optionalString();
        if (c !== undefined) columns[field] = c;
      }
    }
    const dateFormat =
      root.get('date_format').optionalString({ pattern: FORMAT, describe: 'a date format such as %d.%m.%Y' }) ?? DEFAULT_MAPPING.dateFormat;
    const categories = new Set(catalog.dimensions.get('case_category')?.codes.map((c) => c.code) ?? []);
    const instanceCodes = new Set(catalog.dimensions.get('instance')?.codes.map((c) => c.code) ?? []);
    const table = (key: string, allowed: Set<string>, what: string): Map<string, string> | null => {
      const node = root.get(key);
      if (!node.exists) return null;
      const map = new Map<string, string>();
      for (const [national, target] of node.entries()) {
        const code = target.string();
        if (!allowed.has(code)) target.fail(`"${code}" is not a ${what} of the catalogue (${[...allowed].join(', ')})`);
        map.set(national, code);
      }
      return map;
    };
    return {
      columns,
      dateFormat,
      caseTypes: table('case_types', categories, 'case category'),
      instances: table('instances', instanceCodes, 'instance'),
    };
  } catch (err) {
    if (err instanceof CatalogError) throw new ValidationError(err.message, { file: err.file, line: err.line });
    throw err;
  }
}

/** Parses `2019-2024` or `2023` into a list of years. */
export function parseYears(text: string): number[] {
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(text.trim());
  if (!m) throw new ValidationError(`years: "${text}" is not a year or a range such as 2019-2024.`, { field: 'years' });
  const from = Number(m[1]);
  const to = Number(m[2] ?? m[1]);
  if (to < from || to - from > 60) throw new ValidationError(`years: ${text} is not a sensible range.`, { field: 'years' });
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
