import { describe, expect, it } from 'vitest';
import { parseCatalogs } from './catalog.js';
import { coordsKey, type StoredValue } from './values.js';
import { modifiedZScore, validateSubmission } from './validation.js';

const catalog = parseCatalogs([
  {
    file: 't.yaml',
    text: `domain: t
dimensions:
  sex: [female, male]
variables:
  - { code: start, label: Start, kind: stock, max_change: 0.5 }
  - { code: inflow, label: Inflow, kind: flow, dimensions: [sex], max_z_score: 3.5 }
  - { code: outflow, label: Outflow, kind: flow }
  - { code: end, label: End, kind: stock }
datasets:
  - { code: t.yearly, label: T, period: yearly, level: [partner, court], variables: [start, inflow, outflow, end] }
validation_rules:
  - { code: t.identity, message: Identity, left: start + inflow - outflow, operator: '==', right: end, severity: warning, tolerance: { absolute: 2 } }
  - { code: t.carry, message: Carry-over, left: start, operator: '==', right: prev(end), severity: warning, tolerance: { relative: 0.1 } }
  - { code: t.out_le, message: Too much out, left: outflow, operator: '<=', right: start + inflow, severity: error }
  - { code: t.never, message: Need end, left: end, operator: '>=', right: '0', severity: error, missing: never_skip }
`,
  },
]);
const dataset = catalog.datasets.get('t.yearly')!;
const v = (variable: string, num: number | null, coords: Record<string, string> = {}, orgUnit = ''): StoredValue => ({
  variable,
  orgUnit,
  coords: coordsKey(coords),
  num,
  code: null,
});
const run = (current: StoredValue[], history: StoredValue[][] = []) => validateSubmission({ catalog, dataset, current, history });

describe('validation', () => {
  it('passes consistent figures, within tolerance', () => {
    expect(run([v('start', 100), v('inflow', 50), v('outflow', 40), v('end', 111)])).toEqual([]);
  });

  it('reports a broken identity as a warning with the values involved', () => {
    const [f] = run([v('start', 100), v('inflow', 50), v('outflow', 40), v('end', 120)]);
    expect(f).toMatchObject({
      ruleCode: 't.identity',
      severity: 'warning',
      orgUnit: '',
      details: { left: 110, right: 120, difference: -10, values: { start: 100, inflow: 50, outflow: 40, end: 120 } },
    });
  });

  it('blocks with an error when more goes out than there was', () => {
    const findings = run([v('start', 10), v('inflow', 5), v('outflow', 40), v('end', 0)]);
    expect(findings.map((f) => [f.ruleCode, f.severity])).toContainEqual(['t.out_le', 'error']);
  });

  it('checks org units on their own and the partner from its org units', () => {
    const findings = run([
      v('start', 10, {}, 'c1'),
      v('inflow', 5, {}, 'c1'),
      v('outflow', 40, {}, 'c1'),
      v('end', 0, {}, 'c1'),
      v('start', 100, {}, 'c2'),
      v('inflow', 50, {}, 'c2'),
      v('outflow', 10, {}, 'c2'),
      v('end', 140, {}, 'c2'),
    ]);
    const outs = findings.filter((f) => f.ruleCode === 't.out_le');
    expect(outs.map((f) => f.orgUnit)).toEqual(['c1']);
  });

  it('compares with the previous period through prev()', () => {
    const findings = run([v('start', 100), v('inflow', 10), v('outflow', 10), v('end', 100)], [[v('end', 80)]]);
    expect(findings.find((f) => f.ruleCode === 't.carry')?.details).toMatchObject({ left: 100, right: 80 });
    expect(
      run([v('start', 100), v('inflow', 10), v('outflow', 10), v('end', 100)], [[v('end', 95)]]).find((f) => f.ruleCode === 't.carry'),
    ).toBeUndefined();
  });

  it('follows the missing-value strategy', () => {
    const findings = run([v('start', 100)]);
    expect(findings.map((f) => f.ruleCode)).toEqual(['t.never']);
    expect(findings[0]!.message).toMatch(/cannot be checked/);
  });

  it('warns when a given total disagrees with its breakdown', () => {
    const findings = run([v('inflow', 50), v('inflow', 20, { sex: 'female' }), v('inflow', 20, { sex: 'male' })]);
    expect(findings.find((f) => f.kind === 'total_mismatch')).toMatchObject({
      severity: 'warning',
      details: { given: 50, fromBreakdown: 40 },
    });
  });

  it('flags a change beyond the variable threshold against the previous period', () => {
    const findings = run([v('start', 200)], [[v('start', 100)]]);
    expect(findings.find((f) => f.kind === 'outlier_change')).toMatchObject({ details: { value: 200, previous: 100, change: 1 } });
    expect(run([v('start', 140)], [[v('start', 100)]]).some((f) => f.kind === 'outlier_change')).toBe(false);
  });

  it('flags a value far from its history by modified z-score', () => {
    const history = [100, 104, 98, 101, 99].map((n) => [v('inflow', n)]);
    expect(run([v('inflow', 300)], history).some((f) => f.kind === 'outlier_zscore')).toBe(true);
    expect(run([v('inflow', 103)], history).some((f) => f.kind === 'outlier_zscore')).toBe(false);
    expect(modifiedZScore(5, [1, 2])).toBeNull();
  });
});
