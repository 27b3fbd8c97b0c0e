import { describe, expect, it } from 'vitest';
import { answerLabel, answersOf, fromApiValue, parseLinks, toApiValue, type Variable } from './model';

const ANSWERS = {
  code: 'self_assessment',
  codes: [
    { code: 'yes', label: 'Yes' },
    { code: 'not_applicable', label: 'Not applicable' },
  ],
};
const variable = (type: Variable['type'], codeList: Variable['codeList']): Variable => ({
  code: 'rh.legal_basis',
  label: 'Legal basis',
  type,
  unit: '',
  kind: 'stock',
  dimensions: [],
  domain: 'remote_hearings',
  codeList,
});

describe('coded answers in the entry form', () => {
  it('are the variables of type code with a code list', () => {
    expect(answersOf(variable('code', ANSWERS))).toBe(ANSWERS);
    expect(answersOf(variable('integer', null))).toBeNull();
    // A catalogue answer from before code lists were given: a number field, as before.
    expect(answersOf(variable('code', undefined))).toBeNull();
  });

  it('show an answer by its label, and a special code as it is', () => {
    expect(answerLabel(ANSWERS, 'not_applicable')).toBe('Not applicable');
    expect(answerLabel(ANSWERS, 'NA')).toBe('NA');
  });

  it('send the chosen code as it is', () => {
    expect(toApiValue(fromApiValue('not_applicable'))).toBe('not_applicable');
    expect(toApiValue('')).toBeNull();
  });

  it('take evidence links one per line or separated by spaces, without empty lines', () => {
    expect(parseLinks(' https://example.org/a\n\nhttps://example.org/b https://example.org/c \n')).toEqual([
      'https://example.org/a',
      'https://example.org/b',
      'https://example.org/c',
    ]);
    expect(parseLinks('  \n ')).toEqual([]);
  });
});
