// Values and their breakdowns (pure). A value is (variable, org unit or none, coordinates) → a
// number or a special code. Coordinates name a code for some of the variable's dimensions; a
// dimension left out means its total. A total that was not given is the sum of one complete
// breakdown (the least detailed one available), so values broken down in two independent ways
// (by sex, and separately by age) are never counted twice.

export const SPECIAL_CODES = ['NA', 'NAP', 'NQ'] as const;
/** NA: exists but unknown; NAP: not applicable; NQ: provided, under quality review. Never zero. */
export type SpecialCode = (typeof SPECIAL_CODES)[number];

export function isSpecialCode(text: string): text is SpecialCode {
  return (SPECIAL_CODES as readonly string[]).includes(text);
}

export type Coordinates = Readonly<Record<string, string>>;

/** Canonical text of coordinates: `dim=code` pairs sorted by dimension, joined by `;`; '' is the total. */
export function coordsKey(coords: Coordinates): string {
  return Object.keys(coords)
    .sort()
    .map((d) => `${d}=${coords[d]}`)
    .join(';');
}

export function parseCoordsKey(key: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  if (key === '') return out;
  for (const pair of key.split(';')) {
    const i = pair.indexOf('=');
    out[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return out;
}

export interface StoredValue {
  variable: string;
  /** '' for the partner's own figure. */
  orgUnit: string;
  coords: string;
  num: number | null;
  code: SpecialCode | null;
}

export interface Resolved {
  value: number | null;
  /** Why the value is missing, when a special code decided it. */
  code: SpecialCode | null;
  source: 'given' | 'breakdown' | 'org_units' | 'none';
  /** For a sum over org units: how many of them had a figure. */
  units?: number;
}

const NONE: Resolved = { value: null, code: null, source: 'none' };

/** Adds up cells: unknown (NA, NQ) makes the sum unknown; not-applicable cells contribute nothing. */
function sumCells(cells: { num: number | null; code: SpecialCode | null }[], source: Resolved['source']): Resolved {
  let total = 0;
  let numbers = 0;
  for (const c of cells) {
    if (c.code === 'NA' || c.code === 'NQ') return { value: null, code: c.code, source };
    if (c.num !== null) {
      total += c.num;
      numbers += 1;
    }
  }
  if (numbers === 0) return { value: null, code: cells.length > 0 ? 'NAP' : null, source };
  return { value: total, code: null, source };
}

/** The stored values of one submission (or one partner and period), indexed for look-ups. */
export class ValueIndex {
  // variable → org unit → coords key → value
  private readonly byVariable = new Map<string, Map<string, Map<string, StoredValue>>>();
  // Coordinates parsed once per cell: resolving scans cells many times during validation.
  private readonly parsed = new Map<string, Record<string, string>>();

  constructor(values: Iterable<StoredValue>) {
    for (const v of values) {
      let units = this.byVariable.get(v.variable);
      if (!units) this.byVariable.set(v.variable, (units = new Map()));
      let cells = units.get(v.orgUnit);
      if (!cells) units.set(v.orgUnit, (cells = new Map()));
      cells.set(v.coords, v);
      if (!this.parsed.has(v.coords)) this.parsed.set(v.coords, parseCoordsKey(v.coords));
    }
  }

  variables(): string[] {
    return [...this.byVariable.keys()];
  }

  orgUnitsOf(variable: string): string[] {
    return [...(this.byVariable.get(variable)?.keys() ?? [])].filter((u) => u !== '');
  }

  cellsOf(variable: string, orgUnit: string): ReadonlyMap<string, StoredValue> {
    return this.byVariable.get(variable)?.get(orgUnit) ?? new Map();
  }

  /** The value of `variable` at `filter` for one org unit ('' = the partner's own figures). */
  resolve(variable: string, orgUnit: string, filter: Coordinates = {}, ignoreGiven = false): Resolved {
    const cells = this.byVariable.get(variable)?.get(orgUnit);
    if (!cells) return NONE;
    const key = coordsKey(filter);
    const given = ignoreGiven ? undefined : cells.get(key);
    if (given) return { value: given.num, code: given.code, source: 'given' };
    // Group finer cells by which extra dimensions they break down; the least detailed complete
    // breakdown wins, ties go to the alphabetically first set of dimensions.
    const groups = new Map<string, StoredValue[]>();
    for (const cell of cells.values()) {
      if (cell.coords === key) continue;
      const coords = this.parsed.get(cell.coords)!;
      let matches = true;
      for (const d in filter) if (coords[d] !== filter[d]) matches = false;
      if (!matches) continue;
      const extra = Object.keys(coords)
        .filter((d) => !(d in filter))
        .sort();
      if (extra.length === 0) continue;
      const group = extra.join(',');
      let list = groups.get(group);
      if (!list) groups.set(group, (list = []));
      list.push(cell);
    }
    if (groups.size === 0) return NONE;
    const best = [...groups.keys()].sort((a, b) => a.split(',').length - b.split(',').length || a.localeCompare(b))[0]!;
    return sumCells(groups.get(best)!, 'breakdown');
  }

  /**
   * The partner-level value: the partner's own figure when given (or derivable from its
   * breakdowns), otherwise the sum over its org units.
   */
  resolvePartner(variable: string, filter: Coordinates = {}): Resolved {
    const own = this.resolve(variable, '', filter);
    if (own.source !== 'none') return own;
    const units = this.orgUnitsOf(variable);
    if (units.length === 0) return NONE;
    const parts = units.map((u) => this.resolve(variable, u, filter)).filter((r) => r.source !== 'none');
    if (parts.length === 0) return NONE;
    return {
      ...sumCells(
        parts.map((p) => ({ num: p.value, code: p.code })),
        'org_units',
      ),
      units: parts.length,
    };
  }

  /**
   * Every partner-level figure a look-up can ask for: per variable, the partner's value at each
   * projection of the stored coordinates (the total, each dimension alone, each combination), as
   * `resolvePartner` gives it. Stored, they answer every indicator without the org-unit rows.
   */
  partnerCells(): PartnerCell[] {
    const out: PartnerCell[] = [];
    for (const [variable, units] of this.byVariable) {
      const keys = new Set<string>();
      for (const cells of units.values())
        for (const coords of cells.keys()) for (const k of projections(this.parsed.get(coords)!)) keys.add(k);
      for (const key of [...keys].sort()) {
        const r = this.resolvePartner(variable, parseCoordsKey(key));
        if (r.source === 'none') continue;
        out.push({ variable, coords: key, num: r.value, code: r.code, source: r.source, units: r.units ?? 0 });
      }
    }
    return out;
  }
}

/** A partner-level figure: given (or from the partner's breakdown), or the sum over `units` org units. */
export interface PartnerCell {
  variable: string;
  coords: string;
  num: number | null;
  code: SpecialCode | null;
  source: 'given' | 'breakdown' | 'org_units';
  units: number;
}

/** The keys of every subset of the coordinates' dimensions (2^n of them, n being a handful). */
function projections(coords: Record<string, string>): string[] {
  const dims = Object.keys(coords).sort();
  const out: string[] = [];
  for (let mask = 0; mask < 1 << dims.length; mask += 1)
    out.push(
      dims
        .filter((_, i) => mask & (1 << i))
        .map((d) => `${d}=${coords[d]}`)
        .join(';'),
    );
  return out;
}

export interface TotalMismatch {
  variable: string;
  orgUnit: string;
  coords: string;
  given: number;
  fromBreakdown: number;
}

/** Given totals that disagree with the sum of their breakdown (reported as a validation warning). */
export function totalMismatches(index: ValueIndex, values: Iterable<StoredValue>): TotalMismatch[] {
  const out: TotalMismatch[] = [];
  // Only a cell with finer cells beside it can disagree with them: skip the most detailed ones.
  const depth = (coords: string) => (coords === '' ? 0 : coords.split(';').length);
  const finest = new Map<string, number>();
  for (const v of values) {
    const k = `${v.variable}|${v.orgUnit}`;
    finest.set(k, Math.max(finest.get(k) ?? 0, depth(v.coords)));
  }
  for (const v of values) {
    if (v.num === null || depth(v.coords) >= finest.get(`${v.variable}|${v.orgUnit}`)!) continue;
    const derived = index.resolve(v.variable, v.orgUnit, parseCoordsKey(v.coords), true);
    if (derived.source === 'none' || derived.value === null) continue;
    if (Math.abs(derived.value - v.num) > 1e-9 * Math.max(1, Math.abs(v.num))) {
      out.push({ variable: v.variable, orgUnit: v.orgUnit, coords: v.coords, given: v.num, fromBreakdown: derived.value });
    }
  }
  return out;
}
