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

/**
 * What a variable's values are never summed over: its org units (no partner total from them) and
 * the codes of some or all of its dimensions (no total from a breakdown over them). A variable
 * without a limit adds up everywhere.
 */
export interface SumLimit {
  overOrgUnits: boolean;
  overDimensions: 'all' | ReadonlySet<string>;
}
export type SumLimits = ReadonlyMap<string, SumLimit>;
const NO_LIMITS: SumLimits = new Map();

/** Canonical text of coordinates: `dim=code` pairs sorted by dimension, joined by `;`; '' is the total. */
export function coordsKey(coords: Coordinates): string {
  // Called for every value imported: a few dimensions, sorted in place and joined by hand.
  const dims: string[] = [];
  for (const d in coords) {
    let at = dims.length;
    while (at > 0 && dims[at - 1]! > d) at -= 1;
    dims.splice(at, 0, d);
  }
  let key = '';
  for (let i = 0; i < dims.length; i += 1) key += `${i === 0 ? '' : ';'}${dims[i]}=${coords[dims[i]!]}`;
  return key;
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

/** Coordinates as the index uses them: parsed, their dimensions sorted, and the canonical key. */
interface CoordsInfo {
  parsed: Record<string, string>;
  dims: string[];
  /** The dimensions joined by ','. */
  shape: string;
  key: string;
  /** Its key restricted to the dimensions of a filter shape, by shape (made on first use). */
  restricted?: Map<string, string>;
}

/** One breakdown of a cell group finer than some filter: its cells by their codes at the filter's dimensions. */
interface Breakdown {
  /** The dimensions it adds to the filter's, joined by ','. */
  extra: string;
  extraDims: string[];
  count: number;
  cells: Map<string, StoredValue[]>;
}

/** The cells of one variable and org unit; their breakdowns are indexed per filter shape on first use. */
class CellGroup {
  readonly cells = new Map<string, StoredValue>();
  private readonly byShape = new Map<string, Breakdown[]>();
  private finest = -1;

  constructor(
    private readonly info: (coords: string) => CoordsInfo,
    readonly limit: SumLimit | undefined,
  ) {}

  /** Whether a breakdown adding these dimensions may be summed into a total. */
  summable(extra: readonly string[]): boolean {
    const over = this.limit?.overDimensions;
    if (over === undefined) return true;
    return over !== 'all' && !extra.some((d) => over.has(d));
  }

  /** The deepest coordinates of the group (0: only a total). */
  finestDepth(): number {
    if (this.finest < 0) for (const coords of this.cells.keys()) this.finest = Math.max(this.finest, this.info(coords).dims.length);
    return this.finest;
  }

  /**
   * The breakdowns finer than a filter with the dimensions `dims`, in order of preference: the
   * least detailed first, ties to the alphabetically first set of added dimensions.
   */
  breakdowns(dims: readonly string[], shape: string): Breakdown[] {
    let list = this.byShape.get(shape);
    if (list) return list;
    const byCellShape = new Map<string, Breakdown>();
    for (const cell of this.cells.values()) {
      const info = this.info(cell.coords);
      if (info.dims.length <= dims.length || !dims.every((d) => d in info.parsed)) continue;
      let breakdown = byCellShape.get(info.shape);
      if (!breakdown) {
        const extra = info.dims.filter((d) => !dims.includes(d));
        byCellShape.set(info.shape, (breakdown = { extra: extra.join(','), extraDims: extra, count: extra.length, cells: new Map() }));
      }
      const restricted = (info.restricted ??= new Map());
      let at = restricted.get(shape);
      if (at === undefined) restricted.set(shape, (at = dims.map((d) => `${d}=${info.parsed[d]}`).join(';')));
      let cells = breakdown.cells.get(at);
      if (!cells) breakdown.cells.set(at, (cells = []));
      cells.push(cell);
    }
    list = [...byCellShape.values()].sort((a, b) => a.count - b.count || a.extra.localeCompare(b.extra));
    this.byShape.set(shape, list);
    return list;
  }
}

const NO_CELLS: ReadonlyMap<string, StoredValue> = new Map();

/** The stored values of one submission (or one partner and period), indexed for look-ups. */
export class ValueIndex {
  // variable → org unit → its cells
  private readonly byVariable = new Map<string, Map<string, CellGroup>>();
  // Coordinates parsed once per distinct key: resolving looks at cells many times during validation.
  private readonly coords = new Map<string, CoordsInfo>();
  private readonly infoOf = (coords: string): CoordsInfo => {
    let info = this.coords.get(coords);
    if (!info) {
      const parsed = parseCoordsKey(coords);
      const dims = Object.keys(parsed).sort();
      info = { parsed, dims, shape: dims.join(','), key: dims.map((d) => `${d}=${parsed[d]}`).join(';') };
      this.coords.set(coords, info);
    }
    return info;
  };

  /** `limits`: what each variable may not be summed over (sumLimitsOf(catalog)); by default everything adds up. */
  constructor(
    values: Iterable<StoredValue>,
    private readonly limits: SumLimits = NO_LIMITS,
  ) {
    let lastVariable: string | undefined;
    let units: Map<string, CellGroup> | undefined;
    for (const v of values) {
      if (v.variable !== lastVariable || !units) {
        units = this.byVariable.get(v.variable);
        if (!units) this.byVariable.set(v.variable, (units = new Map()));
        lastVariable = v.variable;
      }
      let group = units.get(v.orgUnit);
      if (!group) units.set(v.orgUnit, (group = new CellGroup(this.infoOf, limits.get(v.variable))));
      group.cells.set(v.coords, v);
    }
  }

  variables(): string[] {
    return [...this.byVariable.keys()];
  }

  orgUnitsOf(variable: string): string[] {
    return [...(this.byVariable.get(variable)?.keys() ?? [])].filter((u) => u !== '');
  }

  cellsOf(variable: string, orgUnit: string): ReadonlyMap<string, StoredValue> {
    return this.byVariable.get(variable)?.get(orgUnit)?.cells ?? NO_CELLS;
  }

  /** The value stored for exactly this cell (coordinates as a canonical key), if any. */
  given(variable: string, orgUnit: string, coords: string): StoredValue | undefined {
    return this.byVariable.get(variable)?.get(orgUnit)?.cells.get(coords);
  }

  /** The filter's key and dimensions; the total needs no work. */
  private filterInfo(filter: Coordinates): CoordsInfo {
    for (const _ in filter) {
      const dims = Object.keys(filter).sort();
      return { parsed: filter, dims, shape: dims.join(','), key: coordsKey(filter) };
    }
    return TOTAL;
  }

  private resolveIn(group: CellGroup | undefined, at: CoordsInfo, ignoreGiven: boolean): Resolved {
    if (!group) return NONE;
    const given = ignoreGiven ? undefined : group.cells.get(at.key);
    if (given) return { value: given.num, code: given.code, source: 'given' };
    // Finer cells grouped by which extra dimensions they break down; the least detailed complete
    // breakdown wins, ties go to the alphabetically first set of dimensions.
    for (const breakdown of group.breakdowns(at.dims, at.shape)) {
      if (!group.summable(breakdown.extraDims)) continue;
      const cells = breakdown.cells.get(at.key);
      if (cells) return sumCells(cells, 'breakdown');
    }
    return NONE;
  }

  /** The value of `variable` at `filter` for one org unit ('' = the partner's own figures). */
  resolve(variable: string, orgUnit: string, filter: Coordinates = EMPTY, ignoreGiven = false): Resolved {
    const group = this.byVariable.get(variable)?.get(orgUnit);
    return group ? this.resolveIn(group, this.filterInfo(filter), ignoreGiven) : NONE;
  }

  private resolvePartnerAt(variable: string, at: CoordsInfo): Resolved {
    const units = this.byVariable.get(variable);
    if (!units) return NONE;
    const own = this.resolveIn(units.get(''), at, false);
    if (own.source !== 'none') return own;
    if (this.limits.get(variable)?.overOrgUnits) return NONE;
    const parts: { num: number | null; code: SpecialCode | null }[] = [];
    for (const [unit, group] of units) {
      if (unit === '') continue;
      const r = this.resolveIn(group, at, false);
      if (r.source !== 'none') parts.push({ num: r.value, code: r.code });
    }
    if (parts.length === 0) return NONE;
    return { ...sumCells(parts, 'org_units'), units: parts.length };
  }

  /**
   * The partner-level value: the partner's own figure when given (or derivable from its
   * breakdowns), otherwise the sum over its org units.
   */
  resolvePartner(variable: string, filter: Coordinates = EMPTY): Resolved {
    return this.resolvePartnerAt(variable, this.filterInfo(filter));
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
      const seen = new Set<string>();
      for (const group of units.values())
        for (const coords of group.cells.keys()) {
          if (seen.has(coords)) continue;
          seen.add(coords);
          for (const k of projections(this.infoOf(coords).parsed)) keys.add(k);
        }
      for (const key of [...keys].sort()) {
        const r = this.resolvePartnerAt(variable, this.infoOf(key));
        if (r.source === 'none') continue;
        out.push({ variable, coords: key, num: r.value, code: r.code, source: r.source, units: r.units ?? 0 });
      }
    }
    return out;
  }

  /** The canonical key and depth of coordinates as stored. */
  shapeOf(coords: string): { key: string; depth: number } {
    const info = this.infoOf(coords);
    return { key: info.key, depth: info.dims.length };
  }
}

const EMPTY: Coordinates = Object.freeze({});
const TOTAL: CoordsInfo = { parsed: {}, dims: [], shape: '', key: '' };

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
  const finest = new Map<string, Map<string, number>>();
  for (const v of values) {
    let units = finest.get(v.variable);
    if (!units) finest.set(v.variable, (units = new Map()));
    const depth = index.shapeOf(v.coords).depth;
    if (depth > (units.get(v.orgUnit) ?? 0)) units.set(v.orgUnit, depth);
  }
  for (const v of values) {
    if (v.num === null) continue;
    const shape = index.shapeOf(v.coords);
    if (shape.depth >= (finest.get(v.variable)?.get(v.orgUnit) ?? 0)) continue;
    const derived = index.resolve(v.variable, v.orgUnit, parseCoordsKey(v.coords), true);
    if (derived.source === 'none' || derived.value === null) continue;
    if (Math.abs(derived.value - v.num) > 1e-9 * Math.max(1, Math.abs(v.num))) {
      out.push({ variable: v.variable, orgUnit: v.orgUnit, coords: v.coords, given: v.num, fromBreakdown: derived.value });
    }
  }
  return out;
}
