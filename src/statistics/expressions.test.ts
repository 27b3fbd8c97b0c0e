import { describe, expect, it } from 'vitest';
import { compileExpression, evaluate, ExpressionError, references, type ExpressionScope, type ValueLookup } from './expressions.js';

const scope: ExpressionScope = {
  variables: new Map([
    ['cases.incoming', ['case_category']],
    ['cases.resolved', ['case_category']],
    ['arrivals', ['sex', 'age']],
  ]),
  dimensions: new Map([
    ['case_category', new Set(['civil', 'criminal'])],
    ['sex', new Set(['female', 'male'])],
    ['age', new Set(['y0_13', '65_plus'])],
  ]),
};

const data: Record<string, number | null> = {
  'cases.incoming|': 200,
  'cases.resolved|': 180,
  'cases.incoming|case_category=civil': 120,
  'arrivals|sex=female': 40,
  'arrivals|age=65_plus;sex=male': 3,
  'cases.incoming|@1': 100,
  'zero|': 0,
};
const lookup: ValueLookup = (variable, filter, lag) => {
  const coords = Object.keys(filter)
    .sort()
    .map((k) => `${k}=${filter[k]}`)
    .join(';');
  return data[`${variable}|${coords}${lag ? `@${lag}` : ''}`] ?? null;
};
const run = (text: string) => evaluate(compileExpression(text, scope), lookup);

describe('expressions', () => {
  it('computes arithmetic over variables, with precedence', () => {
    expect(run('cases.resolved / cases.incoming * 100')).toBe(90);
    expect(run('cases.incoming - cases.resolved * 2')).toBe(-160);
    expect(run('-(cases.incoming) + 1')).toBe(-199);
  });

  it('reads filtered breakdowns, by name or quoted code', () => {
    expect(run('cases.incoming[case_category == civil]')).toBe(120);
    expect(run('arrivals[sex == "male" && age == "65_plus"]')).toBe(3);
    expect(run('arrivals[sex == "female"]')).toBe(40);
  });

  it('gives missing, never Infinity, NaN or 0, for a missing operand or a division by zero', () => {
    expect(run('cases.incoming[case_category == criminal] + 1')).toBeNull();
    expect(run('cases.incoming / (cases.incoming - 200)')).toBeNull();
    expect(run('0 / 0')).toBeNull();
    expect(
      run(
        'cases.incoming > 1000000000000000 * 1000000000000000 * 1000000000000000 * 1000000000000000 * 1000000000000000 * 1000000000000000 * 1000000000000000 * 1000000000000000 * 1000000000000000 * 1000000000000000 * 1000000000000000 * 1000000000000000 * 1000000000000000 * 1000000000000000 * 1000000000000000 * 1000000000000000 * 1000000000000000 * 1000000000000000 * 1000000000000000 * 1000000000000000 * 1000000000000000',
      ),
    ).toBeNull();
  });

  it('has sum, min, max, abs, if, coalesce and prev', () => {
    expect(run('sum(cases.incoming, cases.incoming[case_category == criminal], 5)')).toBe(205);
    expect(run('sum(cases.incoming[case_category == criminal])')).toBeNull();
    expect(run('min(cases.incoming, cases.resolved)')).toBe(180);
    expect(run('max(cases.incoming, cases.resolved)')).toBe(200);
    expect(run('abs(cases.resolved - cases.incoming)')).toBe(20);
    expect(run('if(cases.incoming > 100, 1, 2)')).toBe(1);
    expect(run('coalesce(cases.incoming[case_category == criminal], 7)')).toBe(7);
    expect(run('cases.incoming / prev(cases.incoming)')).toBe(2);
    expect(run('prev(prev(cases.incoming))')).toBeNull();
  });

  it('lists the variables an expression reads and how far back', () => {
    const refs = references(compileExpression('cases.incoming - prev(cases.resolved[case_category == civil])', scope));
    expect(refs.map((r) => [r.variable, r.lag, { ...r.filter }])).toEqual([
      ['cases.incoming', 0, {}],
      ['cases.resolved', 1, { case_category: 'civil' }],
    ]);
  });

  it.each([
    ['cases.outgoing', /unknown variable cases\.outgoing/],
    ['cases.incoming[sex == female]', /not broken down by sex/],
    ['arrivals[sex == "other"]', /"other" is not a code of dimension sex/],
    ['eval(1)', /unknown function eval/],
    ['constructor', /"constructor" is not allowed/],
    ['__proto__.polluted', /"__proto__" is not allowed/],
    ['cases.incoming["constructor"]', /filter reads like/],
    ['arrivals[sex == "__proto__"]', /"__proto__" is not allowed/],
    ['"text" + 1', /only numbers/],
    ['1e400', /only numbers|too large/],
    ['99999999999999999999', /too large/],
    ['cases.incoming % 2', /operator % is not supported/],
    ['if(1, 2)', /if\(\) takes 3 argument/],
    ['cases.incoming +', /cannot parse/],
    ['this', /not allowed/],
    ['[1, 2]', /ArrayExpression is not allowed/],
    ['('.repeat(500) + '1' + ')'.repeat(500), /nests deeper/],
    ['1 + '.repeat(1000) + '1', /longer than/],
    ['', /empty/],
  ])('rejects %s cleanly', (text, message) => {
    expect(() => compileExpression(text, scope)).toThrow(ExpressionError);
    expect(() => compileExpression(text, scope)).toThrow(message);
  });

  it('survives a very long chain without recursion trouble', () => {
    const text = Array.from({ length: 100 }, () => 'cases.incoming').join(' + ');
    expect(run(text)).toBe(20000);
    expect(() => compileExpression(Array.from({ length: 400 }, () => '1').join('+'), scope)).toThrow(/nested deeper than 200/);
  });
});
