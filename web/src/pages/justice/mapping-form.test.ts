import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPING, parseMapping } from '../../../../src/justice/mapping.js';
import { CATALOG_DIR, PROJECT_ROOT } from '../../../../src/platform/paths.js';
import { loadCatalogs } from '../../../../src/statistics/catalog.js';
import { checkMappingForm, emptyMappingForm, readMappingYaml, toMappingYaml, type MappingFormValues } from './mapping-form.js';

// The server's own catalogue and mapping parser: what the form writes must be what the server accepts.
const catalog = loadCatalogs(CATALOG_DIR);
const codes = (dimension: string) => catalog.dimensions.get(dimension)!.codes.map((c) => c.code);
const ALLOWED = { caseTypes: codes('case_category'), instances: codes('instance') };

function read(text: string): MappingFormValues {
  const result = readMappingYaml(text, ALLOWED);
  if (!result.ok) throw new Error(`does not fit: ${JSON.stringify(result.problem)}`);
  return result.values;
}

const FULL: MappingFormValues = {
  description: 'Case export with national column names',
  columns: {
    case_id: 'broj_predmeta',
    court: 'sud',
    case_type: 'vrsta_predmeta',
    instance: 'stepen',
    filed_on: 'datum_prijema',
    closed_on: 'datum_okoncanja',
  },
  dateFormat: '%d.%m.%Y',
  caseTypes: [
    { national: 'P', code: 'civil_litigious' },
    { national: 'K', code: 'criminal_severe' },
    { national: '12', code: 'administrative' },
  ],
  instances: [
    { national: 'I', code: 'first' },
    { national: 'II', code: 'second' },
  ],
};

describe('the mapping form', () => {
  it('reads the shipped example mapping with its exact values', () => {
    const text = readFileSync(join(PROJECT_ROOT, 'examples', 'mapping-RS.yaml'), 'utf8');
    expect(read(text)).toEqual({
      description: 'Case export with national column names, dates as day.month.year and national case types',
      columns: FULL.columns,
      dateFormat: '%d.%m.%Y',
      caseTypes: [
        { national: 'P', code: 'civil_litigious' },
        { national: 'R', code: 'civil_non_litigious' },
        { national: 'U', code: 'administrative' },
        { national: 'I', code: 'other_non_criminal' },
        { national: 'K', code: 'criminal_severe' },
        { national: 'PR', code: 'criminal_minor' },
      ],
      instances: [
        { national: 'I', code: 'first' },
        { national: 'II', code: 'second' },
      ],
    });
  });

  it('writes a full mapping as the YAML of the format and reads it back unchanged', () => {
    const yaml = toMappingYaml(FULL);
    expect(yaml).toBe(
      [
        'description: Case export with national column names',
        'columns:',
        '  case_id: broj_predmeta',
        '  court: sud',
        '  case_type: vrsta_predmeta',
        '  instance: stepen',
        '  filed_on: datum_prijema',
        '  closed_on: datum_okoncanja',
        'date_format: "%d.%m.%Y"',
        'case_types:',
        '  P: civil_litigious',
        '  K: criminal_severe',
        '  "12": administrative',
        'instances:',
        '  I: first',
        '  II: second',
        '',
      ].join('\n'),
    );
    expect(read(yaml)).toEqual(FULL);
    expect(parseMapping(yaml, 'form.yaml', catalog)).toEqual({
      columns: FULL.columns,
      dateFormat: '%d.%m.%Y',
      caseTypes: new Map([
        ['P', 'civil_litigious'],
        ['K', 'criminal_severe'],
        ['12', 'administrative'],
      ]),
      instances: new Map([
        ['I', 'first'],
        ['II', 'second'],
      ]),
    });
  });

  it('leaves empty settings out, so that the server applies its defaults', () => {
    const values = emptyMappingForm();
    expect(toMappingYaml(values)).toBe('{}\n');
    expect(parseMapping(toMappingYaml(values), 'form.yaml', catalog)).toEqual(DEFAULT_MAPPING);
    expect(read('')).toEqual(values);
    expect(read('{}')).toEqual(values);
    values.columns.court = ' court_code ';
    expect(toMappingYaml(values)).toBe('columns:\n  court: court_code\n');
    // A missing field reads as empty: the field's own name.
    expect(read('columns:\n  court: court_code\n').columns).toEqual({ ...emptyMappingForm().columns, court: 'court_code' });
    expect(read('columns:\n  court:\ndate_format:\n')).toEqual(emptyMappingForm());
  });

  it('reports an unknown key with its line instead of dropping it', () => {
    expect(readMappingYaml('columns:\n  case_id: nr\nfooter: 2\n', ALLOWED)).toEqual({
      ok: false,
      problem: { code: 'unknown_key', path: 'footer', line: 3 },
    });
    expect(readMappingYaml('columns:\n  case_id: nr\n  judge: j\n', ALLOWED)).toEqual({
      ok: false,
      problem: { code: 'unknown_key', path: 'columns.judge', line: 3 },
    });
  });

  it('reports what the form cannot hold', () => {
    const problem = (text: string) => {
      const result = readMappingYaml(text, ALLOWED);
      return result.ok ? null : result.problem;
    };
    expect(problem('case_types:\n  P: civil\n')).toEqual({ code: 'unknown_code', path: 'case_types.P', line: 2, detail: 'civil' });
    expect(problem('instances:\n  I:\n')).toEqual({ code: 'not_text', path: 'instances.I', line: 2 });
    expect(problem('columns: [a, b]\n')).toEqual({ code: 'not_mapping', path: 'columns', line: 1 });
    expect(problem('- a\n')).toEqual({ code: 'not_mapping', line: 1 });
    expect(problem('date_format: true\n')).toEqual({ code: 'not_text', path: 'date_format', line: 1 });
    expect(problem('columns:\n  court: a\n  court: b\n')).toMatchObject({ code: 'syntax', line: 3 });
  });

  it('requires a national code, once per table, and a catalogue code on every row', () => {
    const values = emptyMappingForm();
    values.caseTypes = [
      { national: 'P', code: 'civil_litigious' },
      { national: '', code: '' },
      { national: ' P', code: 'administrative' },
    ];
    values.instances = [{ national: 'I', code: 'first' }];
    expect(checkMappingForm(values)).toEqual({
      'caseTypes.1.national': 'required',
      'caseTypes.1.code': 'required',
      'caseTypes.2.national': 'duplicate',
    });
    expect(checkMappingForm(FULL)).toEqual({});
  });
});
