// Validation of one submission's values (pure): catalogue rules with tolerance and missing-value
// strategy (evaluated for the partner and for each org unit), totals that disagree with their
// breakdown, and outliers against the previous period and against the series' history.
import { sumLimitsOf, type Catalog, type Dataset, type ValidationRule } from './catalog.js';
import { evaluate, references } from './expressions.js';
import { parseCoordsKey, totalMismatches, type StoredValue, ValueIndex } from './values.js';

export type FindingKind = 'rule' | 'total_mismatch' | 'outlier_change' | 'outlier_zscore';

export interface Finding {
  /** Stable identity across re-validation, so that a comment stays with its finding. */
  key: string;
  ruleCode: string;
  kind: FindingKind;
  severity: 'error' | 'warning';
  orgUnit: string;
  coords: string;
  message: string;
  details: Record<string, unknown>;
}

export interface ValidationInput {
  catalog: Catalog;
  dataset: Dataset;
  /** Values of the period being validated. */
  current: StoredValue[];
  /** Values of earlier periods: index 0 is the previous period, 1 the one before, … */
  history: StoredValue[][];
}

function passes(rule: ValidationRule, left: number, right: number): boolean {
  const tol = Math.max(rule.tolerance.absolute, rule.tolerance.relative * Math.max(Math.abs(left), Math.abs(right)));
  switch (rule.operator) {
    case '==':
      return Math.abs(left - right) <= tol;
    case '!=':
      return Math.abs(left - right) > tol;
    case '<':
      return left < right + tol;
    case '<=':
      return left <= right + tol;
    case '>':
      return left > right - tol;
    case '>=':
      return left >= right - tol;
  }
}

function round(x: number | null): number | null {
  return x === null ? null : Math.round(x * 1e6) / 1e6;
}

/** A rule's references with their labels as findings show them (`prev(x[d=c])`), worked out once per rule. */
const ruleRefs = new WeakMap<ValidationRule, { refs: ReturnType<typeof references>; labels: string[] }>();

function refsOf(rule: ValidationRule): { refs: ReturnType<typeof references>; labels: string[] } {
  let known = ruleRefs.get(rule);
  if (!known) {
    const refs = [...references(rule.left), ...references(rule.right)];
    const labels = refs.map(
      (r) =>
        `${r.lag ? `prev${r.lag > 1 ? r.lag : ''}(` : ''}${r.variable}${
          Object.keys(r.filter).length
            ? `[${Object.entries(r.filter)
                .map(([d, c]) => `${d}=${c}`)
                .join(',')}]`
            : ''
        }${r.lag ? ')' : ''}`,
    );
    ruleRefs.set(rule, (known = { refs, labels }));
  }
  return known;
}

function checkRule(rule: ValidationRule, indexes: ValueIndex[], orgUnit: string): Finding | null {
  const lookup = (variable: string, filter: Readonly<Record<string, string>>, lag: number): number | null => {
    const index = indexes[lag];
    if (!index) return null;
    return (orgUnit === '' ? index.resolvePartner(variable, filter) : index.resolve(variable, orgUnit, filter)).value;
  };
  const { refs, labels } = refsOf(rule);
  const involved: Record<string, number | null> = {};
  refs.forEach((r, i) => (involved[labels[i]!] = lookup(r.variable, r.filter, r.lag)));
  const present = Object.values(involved).filter((v) => v !== null).length;
  if (rule.missing === 'skip_if_any_missing' && present < refs.length) return null;
  if (rule.missing === 'skip_if_all_missing' && present === 0) return null;
  const left = evaluate(rule.left, lookup);
  const right = evaluate(rule.right, lookup);
  const base = {
    key: `${rule.code}|${orgUnit}|`,
    ruleCode: rule.code,
    kind: 'rule' as const,
    severity: rule.severity,
    orgUnit,
    coords: '',
  };
  if (left === null || right === null) {
    return {
      ...base,
      message: `${rule.message} (cannot be checked: a value is missing)`,
      details: { left: round(left), right: round(right), operator: rule.operator, values: involved },
    };
  }
  if (passes(rule, left, right)) return null;
  return {
    ...base,
    message: rule.message,
    details: {
      left: round(left),
      right: round(right),
      operator: rule.operator,
      leftExpression: rule.leftText,
      rightExpression: rule.rightText,
      difference: round(left - right),
      values: involved,
    },
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Iglewicz–Hoaglin modified z-score of x against a history; null when it cannot be computed. */
export function modifiedZScore(x: number, history: number[]): number | null {
  if (history.length < 4) return null;
  const m = median(history);
  const mad = median(history.map((h) => Math.abs(h - m)));
  if (mad === 0) return null;
  return (0.6745 * (x - m)) / mad;
}

function outliers(catalog: Catalog, current: StoredValue[], history: ValueIndex[]): Finding[] {
  const out: Finding[] = [];
  const holding = new Map<string, number>();
  const periodsWith = (variable: string) => {
    let n = holding.get(variable);
    if (n === undefined) holding.set(variable, (n = history.filter((h) => h.variables().includes(variable)).length));
    return n;
  };
  for (const v of current) {
    const variable = catalog.variables.get(v.variable);
    if (!variable || v.num === null || (variable.maxChange === null && variable.maxZScore === null)) continue;
    const previous = history[0]?.given(v.variable, v.orgUnit, v.coords)?.num ?? null;
    if (variable.maxChange !== null && previous !== null && previous !== 0) {
      const change = (v.num - previous) / Math.abs(previous);
      if (Math.abs(change) > variable.maxChange) {
        out.push({
          key: `outlier.change|${v.variable}|${v.orgUnit}|${v.coords}`,
          ruleCode: 'outlier.change',
          kind: 'outlier_change',
          severity: 'warning',
          orgUnit: v.orgUnit,
          coords: v.coords,
          message: `${variable.label} changed by ${(change * 100).toFixed(1)} % against the previous period (more than ±${(variable.maxChange * 100).toFixed(0)} %).`,
          details: { variable: v.variable, value: v.num, previous, change: round(change) },
        });
      }
    }
    // A z-score needs at least four earlier values: skip the look-ups when fewer periods hold the variable at all.
    if (variable.maxZScore !== null && periodsWith(v.variable) >= 4) {
      const series: number[] = [];
      for (const h of history) {
        const num = h.given(v.variable, v.orgUnit, v.coords)?.num ?? null;
        if (num !== null) series.push(num);
      }
      const z = modifiedZScore(v.num, series);
      if (z !== null && Math.abs(z) > variable.maxZScore) {
        out.push({
          key: `outlier.zscore|${v.variable}|${v.orgUnit}|${v.coords}`,
          ruleCode: 'outlier.zscore',
          kind: 'outlier_zscore',
          severity: 'warning',
          orgUnit: v.orgUnit,
          coords: v.coords,
          message: `${variable.label} is far from its history (modified z-score ${z.toFixed(1)}, limit ${variable.maxZScore}).`,
          details: { variable: v.variable, value: v.num, zScore: round(z), history: series },
        });
      }
    }
  }
  return out;
}

/** Every finding for one submission, in a stable order. */
export function validateSubmission(input: ValidationInput): Finding[] {
  return validateIndexed(
    input.catalog,
    input.dataset,
    input.current,
    new ValueIndex(input.current, sumLimitsOf(input.catalog)),
    input.history.map((h) => new ValueIndex(h, sumLimitsOf(input.catalog))),
  );
}

/**
 * The same as validateSubmission, with the indexes built by the caller (`current` indexed as
 * `index`; `history[0]` the previous period), so that an import validating period after period
 * indexes each period once.
 */
export function validateIndexed(
  catalog: Catalog,
  dataset: Dataset,
  current: StoredValue[],
  index: ValueIndex,
  history: ValueIndex[],
): Finding[] {
  const indexes = [index, ...history];
  const units = new Set<string>();
  for (const v of current) if (v.orgUnit !== '') units.add(v.orgUnit);
  const orgUnits = [...units].sort();
  const findings: Finding[] = [];
  for (const rule of catalog.rules) {
    if (!rule.datasets.includes(dataset.code)) continue;
    for (const unit of ['', ...orgUnits]) {
      const f = checkRule(rule, indexes, unit);
      if (f) findings.push(f);
    }
  }
  for (const m of totalMismatches(index, current)) {
    const label = catalog.variables.get(m.variable)?.label ?? m.variable;
    const where = Object.entries(parseCoordsKey(m.coords))
      .map(([d, c]) => `${d} ${c}`)
      .join(', ');
    findings.push({
      key: `total_mismatch|${m.variable}|${m.orgUnit}|${m.coords}`,
      ruleCode: 'total_mismatch',
      kind: 'total_mismatch',
      severity: 'warning',
      orgUnit: m.orgUnit,
      coords: m.coords,
      message: `${label}${where ? ` (${where})` : ''}: the given total ${m.given} differs from the sum of its breakdown ${m.fromBreakdown}.`,
      details: { variable: m.variable, given: m.given, fromBreakdown: m.fromBreakdown },
    });
  }
  for (const f of outliers(catalog, current, history)) findings.push(f);
  return findings;
}

/**
 * The variables validation reads from earlier periods: those a rule of the dataset takes with
 * `prev()`, and those with an outlier check. Other variables of earlier periods need not be read.
 */
export function historyVariables(catalog: Catalog, dataset: Dataset): string[] {
  const out = new Set<string>();
  for (const rule of catalog.rules) {
    if (!rule.datasets.includes(dataset.code)) continue;
    for (const r of refsOf(rule).refs) if (r.lag > 0) out.add(r.variable);
  }
  for (const code of dataset.variables) {
    const variable = catalog.variables.get(code);
    if (variable && (variable.maxChange !== null || variable.maxZScore !== null)) out.add(code);
  }
  return [...out].sort();
}
