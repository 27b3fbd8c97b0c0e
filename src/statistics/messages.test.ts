import { describe, expect, it } from 'vitest';
import { CATALOG_DIR } from '../platform/paths.js';
import { renderText } from '../platform/i18n/messages.js';
import { loadCatalogs } from './catalog.js';
import { checkValueInputs, type ValueInput } from './value-input.js';

// The English texts of locales/en/messages.json are the source translators work from: each must
// read exactly as the message the code writes.

describe('value problems in messages.json', () => {
  const catalog = loadCatalogs(CATALOG_DIR);
  const dataset = catalog.datasets.get('justice.annual')!;
  const inputs: ValueInput[] = [
    { variable: 'cases.incomin', value: 1 },
    { variable: 'cases.incoming', orgUnit: 'AL-NOWHERE', value: 1 },
    { variable: 'cases.incoming', coords: { sex: 'female' }, value: 1 },
    { variable: 'cases.incoming', coords: { instance: 'fourth' }, value: 1 },
    { variable: 'cases.incoming', value: '1,000' },
    { variable: 'cases.incoming', value: 1e16 },
    { variable: 'cases.incoming', value: 1.5 },
    { variable: 'cases.resolved', value: 5, comment: 'x'.repeat(2001) },
    { variable: 'cases.resolved', value: 5, comment: 'a\u0000b', coords: { instance: 'first' } },
    { variable: 'cases.resolved', value: 5, obsStatus: 'Z', coords: { instance: 'second' } },
    { variable: 'cases.resolved', value: 5, evidence: 'ftp://example.org', coords: { instance: 'highest' } },
    { variable: 'cases.pending_end', value: 5 },
    { variable: 'cases.pending_end', value: 6 },
  ];

  it('words every problem of a value in English as the code does', () => {
    const { problems } = checkValueInputs(catalog, dataset, new Map(), inputs);
    expect(problems.map((p) => p.field)).toEqual([
      'variable',
      'org_unit',
      'sex',
      'instance',
      'value',
      'value',
      'value',
      'comment',
      'comment',
      'obs_status',
      'evidence',
      'value',
    ]);
    expect(problems.map((p) => renderText(p.text, 'en'))).toEqual(problems.map((p) => p.message));
  });

  it('words them in the other languages from their files', () => {
    const { problems } = checkValueInputs(catalog, dataset, new Map(), inputs.slice(4, 5));
    expect(problems.map((p) => renderText(p.text, 'mk'))).toEqual([
      '„1,000“ не е број ниту една од NA, NAP, NQ (без одделувачи на илјадите)',
    ]);
  });
});
