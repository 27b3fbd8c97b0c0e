// Early-warning rules without I/O: whether a value meets a rule's condition, and who is told.
import type { AlertRule, Comparison } from '../statistics/catalog.js';

export function meets(value: number, condition: Comparison, threshold: number): boolean {
  switch (condition) {
    case '==':
      return value === threshold;
    case '!=':
      return value !== threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
  }
}

/** The partners whose coordinators hear of an alert, with the reason: its own partner and its neighbours, or all six for the region. */
export function addressedPartners(
  rule: Pick<AlertRule, 'scope'>,
  partner: string | null,
  neighbours: ReadonlyMap<string, string[]>,
  region: readonly string[],
): Map<string, 'partner' | 'neighbour' | 'region'> {
  const out = new Map<string, 'partner' | 'neighbour' | 'region'>();
  if (rule.scope === 'region' || partner === null) {
    for (const p of region) out.set(p, 'region');
    return out;
  }
  out.set(partner, 'partner');
  for (const n of neighbours.get(partner) ?? []) if (!out.has(n)) out.set(n, 'neighbour');
  return out;
}
