// Validation of one submission's values (pure): catalogue rules with tolerance and missing-value
// strategy (evaluated for the partner and for each org unit), totals that disagree with their
// breakdown, and outliers against the previous period and against the series' history.
import type { Catalog, Dataset, ValidationRule } from './catalog.js';
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

function checkRule(rule: ValidationRule, indexes: ValueIndex[], orgUnit: string): Finding | null {
  const lookup = (variable: string, filter: Readonly<Record<string, string>>, lag: number): number | null => {
    const index = indexes[lag];
    if (!index) return null;
    return (orgUnit === '' ? index.resolvePartner(variable, filter) : index.resolve(variable, orgUnit, filter)).value;
  };
  const refs = [...references(rule.left), ...references(rule.right)];
  const involved: Record<string, number | null> = {};
  for (const r of refs) {
    const label = `${r.lag ? `prev${r.lag > 1 ? r.lag : ''}(` : ''}${r.variable}${
      Object.keys(r.filter).length
        ? `[${Object.entries(r.filter)
            .map(([d, c]) => `${d}=${c}`)
            .join(',')}]`
        : ''
    }${r.lag ? ')' : ''}`;
    involved[label] = lookup(r.variable, r.filter, r.lag);
  }
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

function outliers(input: ValidationInput): Finding[] {
  const out: Finding[] = [];
  const histories = input.history.map((values) => new Map(values.map((v) => [`${v.variable}|${v.orgUnit}|${v.coords}`, v])));
  for (const v of input.current) {
    const variable = input.catalog.variables.get(v.variable);
    if (!variable || v.num === null) continue;
    const cell = `${v.variable}|${v.orgUnit}|${v.coords}`;
    const previous = histories[0]?.get(cell)?.num ?? null;
    if (variable.maxChange !== null && previous !== null && previous !== 0) {
      const change = (v.num - previous) / Math.abs(previous);
      if (Math.abs(change) > variable.maxChange) {
        out.push({
          key: `outlier.change|${cell}`,
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
    if (variable.maxZScore !== null) {
      const series = histories.map((h) => h.get(cell)?.num ?? null).filter((x): x is number => x !== null);
      const z = modifiedZScore(v.num, series);
      if (z !== null && Math.abs(z) > variable.maxZScore) {
        out.push({
          key: `outlier.zscore|${cell}`,
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
  const current = new ValueIndex(input.current);
  const indexes = [current, ...input.history.map((h) => new ValueIndex(h))];
  const orgUnits = [...new Set(input.current.map((v) => v.orgUnit).filter((u) => u !== ''))].sort();
  const findings: Finding[] = [];
  for (const rule of input.catalog.rules.filter((r) => r.datasets.includes(input.dataset.code))) {
    for (const unit of ['', ...orgUnits]) {
      const f = checkRule(rule, indexes, unit);
      if (f) findings.push(f);
    }
  }
  for (const m of totalMismatches(current, input.current)) {
    const label = input.catalog.variables.get(m.variable)?.label ?? m.variable;
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
  findings.push(...outliers(input));
  return findings;
}
