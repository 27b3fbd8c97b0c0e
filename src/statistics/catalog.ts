// Statistical catalogues (catalogs/*.yaml): dimensions, variables, datasets, validation rules and
// indicators. Loaded and checked at start-up; any problem stops start-up naming file and line.
// The format is documented in docs/catalogs.md.
import type { Config } from '../platform/config.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDomain, type Domain } from './catalog-domains.js';
import { loadCatalogTranslations } from './catalog-i18n.js';
import { METADATA_KEYS, metadataOf, parseMetadata, settlePeriodicity, text, type Metadata } from './catalog-metadata.js';
import { codeScores, parseMeanScore, type MeanScore } from './code-scores.js';
import { compileExpression, ExpressionError, references, type Expr, type ExpressionScope } from './expressions.js';
import { CatalogError, readYaml, type YamlNode } from '../platform/yaml.js';
import { PERIOD_TYPES, type PeriodType } from './periods.js';
import type { SumLimit, SumLimits } from './values.js';

export { CatalogError };
export type { Domain, MeanScore };
export { metadataOf, PERIODICITIES, type Metadata, type Periodicity } from './catalog-metadata.js';

export interface Dimension {
  code: string;
  label: string;
  codes: { code: string; label: string }[];
}
export type ValueType = 'integer' | 'decimal' | 'percent' | 'code';

export interface Variable extends Metadata {
  code: string;
  label: string;
  type: ValueType;
  unit: string;
  kind: 'flow' | 'stock';
  dimensions: string[];
  /** Period-on-period change (relative, e.g. 0.5 = ±50 %) beyond which a value is an outlier. */
  maxChange: number | null;
  /** Modified z-score against the series' history beyond which a value is an outlier. */
  maxZScore: number | null;
  /**
   * False for a level that cannot be added up (a price, a purity, a median of days): never summed
   * over org units or over a breakdown's codes, and regional figures of it are medians.
   */
  additive: boolean;
  /**
   * The unit when it depends on a code of one of its dimensions (kg of cannabis herb, tablets of
   * ecstasy): every code has one, a value names its code, and values are never summed over it.
   */
  unitBy: UnitBy | null;
  /** For `type: code`: the code list its answers come from (a value is one of its codes; never summed). */
  codeList: CodeList | null;
  domain: string;
}
/** The answers a coded variable takes (`code_lists:` of a catalogue file). */
export interface CodeList {
  code: string;
  codes: { code: string; label: string }[];
  /** A number per code when the list gives them (`score`), for `mean_score` indicators; else null. */
  scores: Readonly<Record<string, number>> | null;
}
/** A unit per code of one dimension of a variable. */
export interface UnitBy {
  dimension: string;
  units: Readonly<Record<string, string>>;
}
export interface Dataset {
  code: string;
  label: string;
  periodType: PeriodType;
  /** Whether the partner's own figures are entered, and for which org-unit kinds figures are entered. */
  partnerLevel: boolean;
  orgUnitKinds: string[];
  variables: string[];
  dueDays: number;
  domain: string;
  /** The partners the dataset collects from: partner codes or partner groups (default: the WB6). */
  partners: string[];
}

/** The dataset's default scope: the six Western Balkan partners. */
export const DEFAULT_DATASET_PARTNERS = ['WB6'];

/** The org-unit kinds some dataset collects figures for (court, reception_centre, …). */
export function orgUnitKinds(catalog: Catalog): Set<string> {
  return new Set([...catalog.datasets.values()].flatMap((d) => d.orgUnitKinds));
}

/** Whether the dataset collects figures from this partner (named itself or by its group). */
export function datasetCovers(dataset: Dataset, partner: { code: string; group_code: string }): boolean {
  return dataset.partners.includes(partner.code) || dataset.partners.includes(partner.group_code);
}
export type Comparison = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type MissingStrategy = 'skip_if_any_missing' | 'skip_if_all_missing' | 'never_skip';
export interface ValidationRule {
  code: string;
  message: string;
  datasets: string[];
  left: Expr;
  operator: Comparison;
  right: Expr;
  leftText: string;
  rightText: string;
  severity: 'error' | 'warning';
  tolerance: { absolute: number; relative: number };
  missing: MissingStrategy;
  usesPrevious: boolean;
  domain: string;
}
export type Aggregation = 'ratio_of_sums' | 'median' | 'sum';
export interface Indicator extends Metadata {
  code: string;
  label: string;
  description: string;
  unit: string;
  decimals: number;
  aggregation: Aggregation;
  polarity: 'higher_is_better' | 'lower_is_better' | 'neutral';
  /** An expression, numerator / denominator × factor, or the mean score of coded answers (× factor). */
  expression: Expr | null;
  meanScore: MeanScore | null;
  numerator: Expr | null;
  denominator: Expr | null;
  factor: number;
  variables: string[];
  datasets: string[];
  domain: string;
  /** How many periods back the indicator reads through prev() (0 when it does not). */
  maxLag: number;
  /** The numerator as a share of the same numerator summed over the region's partners (× factor). */
  shareOfRegion: boolean;
  /** How many Western Balkan partners must have reported for a region value and a median. */
  minCoverage: number;
}

/** An early warning: fires when the indicator, for one scope, meets the condition. */
export interface AlertRule {
  code: string;
  label: string;
  indicator: string;
  /** centre: each org unit with values; partner: the partner as a whole; region: the Western Balkans. */
  scope: 'centre' | 'partner' | 'region';
  condition: Comparison;
  threshold: number;
  domain: string;
}

export interface Catalog {
  domains: Map<string, Domain>;
  dimensions: Map<string, Dimension>;
  codeLists: Map<string, CodeList>;
  variables: Map<string, Variable>;
  datasets: Map<string, Dataset>;
  rules: ValidationRule[];
  indicators: Map<string, Indicator>;
  alerts: AlertRule[];
  /** Partners sharing a border, told of each other's early warnings. */
  neighbours: Map<string, string[]>;
  /** Where each code was declared, for error messages and documentation. */
  files: string[];
}

const CODE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;
const DIM_CODE = /^[A-Za-z0-9_]+$/;
const CODE_TEXT = 'a code in snake_case with dots for grouping (e.g. cases.incoming)';
const COMPARISONS: readonly Comparison[] = ['==', '!=', '<', '<=', '>', '>='];
const RESERVED_FILES = new Set(['partners.yaml']);

interface Pending {
  rules: { node: YamlNode; domain: string }[];
  indicators: { node: YamlNode; domain: string }[];
  datasets: { node: YamlNode; domain: string }[];
}

function emptyCatalog(): Catalog {
  return {
    domains: new Map(),
    dimensions: new Map(),
    codeLists: new Map(),
    variables: new Map(),
    datasets: new Map(),
    rules: [],
    indicators: new Map(),
    alerts: [],
    neighbours: new Map(),
    files: [],
  };
}

function parseDimensions(root: YamlNode, catalog: Catalog): void {
  const dims = root.get('dimensions');
  if (!dims.exists) return;
  for (const [code, node] of dims.entries()) {
    if (!CODE.test(code)) node.fail(`dimension name must be ${CODE_TEXT}`);
    if (catalog.dimensions.has(code)) node.fail(`dimension ${code} is declared twice`);
    catalog.dimensions.set(code, { code, ...codesOf(node, code) });
  }
}

/**
 * Short form: `sex: [female, male]`; long form: `sex: { label: Sex, codes: [...] }` where a code
 * may be `{ code: y0_13, label: "0–13" }`.
 */
function codesOf(node: YamlNode, code: string): { label: string; codes: { code: string; label: string }[] } {
  const list = node.isList() ? node : node.get('codes');
  const label = node.isMap() ? (node.get('label').optionalString() ?? code) : code;
  const codes = list.items().map((item) => {
    const c = item.isMap()
      ? item.get('code').string({ pattern: DIM_CODE, describe: 'a code of letters, digits and _' })
      : item.string({ pattern: DIM_CODE, describe: 'a code of letters, digits and _' });
    const l = item.isMap() ? (item.get('label').optionalString() ?? c) : c;
    return { code: c, label: l };
  });
  if (codes.length === 0) list.failHere('needs at least one code');
  const seen = new Set<string>();
  for (const c of codes) {
    if (seen.has(c.code)) list.fail(`code ${c.code} is listed twice`);
    seen.add(c.code);
  }
  return { label, codes };
}

/** `code_lists: { yes_partly_no: [yes, partly, no, not_applicable] }`: the answers of coded variables. */
function parseCodeLists(root: YamlNode, catalog: Catalog): void {
  const lists = root.get('code_lists');
  if (!lists.exists) return;
  for (const [code, node] of lists.entries()) {
    if (!CODE.test(code)) node.fail(`code list name must be ${CODE_TEXT}`);
    if (catalog.codeLists.has(code)) node.fail(`code list ${code} is declared twice`);
    const { codes } = codesOf(node, code);
    // An answer must not read as a special code (NA, NAP, NQ are taken in any case).
    const special = codes.find((c) => ['NA', 'NAP', 'NQ'].includes(c.code.toUpperCase()));
    if (special)
      node.fail(`"${special.code}" reads as the special code ${special.code.toUpperCase()}; name it otherwise (e.g. not_applicable)`);
    catalog.codeLists.set(code, { code, codes, scores: codeScores(node, code, codes) });
  }
}

function parseVariables(root: YamlNode, catalog: Catalog, domain: string, pendingPeriodicity: Map<string, YamlNode>): void {
  const vars = root.get('variables');
  if (!vars.exists) return;
  for (const node of vars.items()) {
    node.onlyKeys([
      'code',
      'label',
      'type',
      'unit',
      'kind',
      'dimensions',
      'max_change',
      'max_z_score',
      'additive',
      'unit_by',
      'codes',
      'description',
      ...METADATA_KEYS,
    ]);
    const code = node.get('code').string({ pattern: CODE, describe: CODE_TEXT });
    if (catalog.variables.has(code)) node.get('code').fail(`variable ${code} is declared twice`);
    const dimensions = node.get('dimensions').strings();
    for (const d of dimensions) if (!catalog.dimensions.has(d)) node.get('dimensions').fail(`unknown dimension ${d}`);
    const unitBy = parseUnitBy(node, catalog, dimensions);
    const type = node.get('type').oneOf(['integer', 'decimal', 'percent', 'code'] as const, 'integer');
    let codeList: CodeList | null = null;
    if (type === 'code') {
      const list = node.get('codes');
      if (!list.exists) node.get('type').fail('a coded variable needs `codes: <a code list of code_lists>`');
      const name = list.string();
      codeList = catalog.codeLists.get(name) ?? list.fail(`unknown code list ${name} (declare it under code_lists)`);
      if (unitBy) node.get('unit_by').fail('a coded variable has no unit');
      if (node.get('additive').boolean(false)) node.get('additive').fail('coded answers never add up');
    } else if (node.get('codes').exists) node.get('codes').fail('only a variable of `type: code` takes `codes`');
    catalog.variables.set(code, {
      code,
      label: node.get('label').string(),
      unit: node.get('unit').optionalString() ?? '',
      type,
      codeList,
      kind: node.get('kind').oneOf(['flow', 'stock'] as const),
      dimensions,
      domain,
      maxChange: node.get('max_change').optionalNumber({ min: 0 }) ?? null,
      maxZScore: node.get('max_z_score').optionalNumber({ min: 0 }) ?? null,
      additive: type !== 'code' && node.get('additive').boolean(true),
      unitBy,
      ...parseMetadata(node),
    });
    pendingPeriodicity.set(code, node);
  }
}

/** `unit_by: { dimension: drug, units: { cannabis_herb: kg, ecstasy: tablets } }`: a unit for every code of the dimension. */
function parseUnitBy(node: YamlNode, catalog: Catalog, dimensions: string[]): UnitBy | null {
  const unitBy = node.get('unit_by');
  if (!unitBy.exists) return null;
  if (node.get('unit').exists) node.get('unit').fail('give either `unit` or `unit_by`, not both');
  if (!unitBy.isMap()) unitBy.fail('must be { dimension: <one of its dimensions>, units: { <code>: <unit>, … } }');
  unitBy.onlyKeys(['dimension', 'units']);
  const dimension = unitBy.get('dimension').string();
  if (!dimensions.includes(dimension))
    unitBy.get('dimension').fail(`${dimension} is not one of the variable's dimensions (${dimensions.join(', ') || 'none'})`);
  const codes = catalog.dimensions.get(dimension)!.codes.map((c) => c.code);
  const unitsNode = unitBy.get('units');
  if (!unitsNode.isMap()) unitsNode.failHere(`must give the unit of every code of ${dimension} (${codes.join(', ')})`);
  const units: Record<string, string> = Object.create(null);
  for (const [code, unit] of unitsNode.entries()) {
    if (!codes.includes(code)) unit.fail(`"${code}" is not a code of ${dimension}`);
    units[code] = text(unit);
  }
  const missing = codes.filter((c) => !(c in units));
  if (missing.length) unitsNode.fail(`no unit for ${missing.join(', ')}: every code of ${dimension} needs one`);
  return { dimension, units };
}

/** The unit of a value of the variable at these coordinates ('' when unit_by's code is not among them). */
export function unitOf(variable: Variable, coords: Readonly<Record<string, string>>): string {
  if (!variable.unitBy) return variable.unit;
  const code = coords[variable.unitBy.dimension];
  return code === undefined ? '' : (variable.unitBy.units[code] ?? '');
}

function scopeOf(catalog: Catalog): ExpressionScope & { coded?: ReadonlySet<string> } {
  return {
    coded: new Set([...catalog.variables.values()].filter((v) => v.codeList).map((v) => v.code)),
    variables: new Map([...catalog.variables.values()].map((v) => [v.code, v.dimensions])),
    dimensions: new Map([...catalog.dimensions.values()].map((d) => [d.code, new Set(d.codes.map((c) => c.code))])),
  };
}

function expression(node: YamlNode, scope: ExpressionScope & { coded?: ReadonlySet<string> }): { expr: Expr; text: string } {
  const text = node.string();
  try {
    const expr = compileExpression(text, scope);
    const coded = references(expr).find((r) => scope.coded?.has(r.variable));
    if (coded) node.fail(`${coded.variable} holds coded answers, which are not numbers an expression can read`);
    return { expr, text };
  } catch (err) {
    if (err instanceof ExpressionError) node.fail(err.message);
    throw err;
  }
}

function parseDataset(node: YamlNode, catalog: Catalog, domain: string): Dataset {
  node.onlyKeys(['code', 'label', 'period', 'level', 'variables', 'due_days', 'description', 'partners']);
  const code = node.get('code').string({ pattern: CODE, describe: CODE_TEXT });
  if (catalog.datasets.has(code)) node.get('code').fail(`dataset ${code} is declared twice`);
  const levels = node.get('level').strings();
  if (levels.length === 0) node.get('level').failHere('is missing (partner, an org-unit kind such as court, or a list of both)');
  for (const l of levels) if (!CODE.test(l)) node.get('level').fail(`"${l}" is not an org-unit kind or partner`);
  const variables = node.get('variables').strings();
  if (variables.length === 0) node.get('variables').failHere('needs at least one variable');
  for (const v of variables) if (!catalog.variables.has(v)) node.get('variables').fail(`unknown variable ${v}`);
  const partners = node.get('partners').exists ? node.get('partners').strings() : DEFAULT_DATASET_PARTNERS;
  if (partners.length === 0) node.get('partners').failHere('needs at least one partner code or group (e.g. WB6)');
  for (const p of partners)
    if (!/^[A-Z][A-Z0-9]{1,9}$/.test(p)) node.get('partners').fail(`"${p}" is not a partner code or group (e.g. AL, WB6)`);
  return {
    code,
    label: node.get('label').string(),
    periodType: node.get('period').oneOf(PERIOD_TYPES),
    partnerLevel: levels.includes('partner'),
    orgUnitKinds: levels.filter((l) => l !== 'partner'),
    variables,
    dueDays: node.get('due_days').optionalNumber({ min: 0, max: 3650, integer: true }) ?? 30,
    domain,
    partners,
  };
}

function parseRule(node: YamlNode, catalog: Catalog, scope: ExpressionScope, domain: string): ValidationRule {
  node.onlyKeys(['code', 'message', 'dataset', 'datasets', 'left', 'operator', 'right', 'severity', 'tolerance', 'missing']);
  const code = node.get('code').string({ pattern: CODE, describe: CODE_TEXT });
  const left = expression(node.get('left'), scope);
  const right = expression(node.get('right'), scope);
  const tolerance = node.get('tolerance');
  if (tolerance.exists) tolerance.onlyKeys(['absolute', 'relative']);
  const used = new Set([...references(left.expr), ...references(right.expr)].map((r) => r.variable));
  const explicit = [...node.get('dataset').strings(), ...node.get('datasets').strings()];
  for (const d of explicit)
    if (!catalog.datasets.has(d)) node.get(node.get('dataset').exists ? 'dataset' : 'datasets').fail(`unknown dataset ${d}`);
  // Without an explicit dataset, a rule applies to every dataset that collects all its variables.
  const datasets =
    explicit.length > 0
      ? explicit
      : [...catalog.datasets.values()].filter((d) => [...used].every((v) => d.variables.includes(v))).map((d) => d.code);
  if (datasets.length === 0) node.fail('no dataset collects all the variables this rule reads; name one with `dataset:`');
  return {
    code,
    message: node.get('message').string(),
    datasets,
    left: left.expr,
    right: right.expr,
    leftText: left.text,
    rightText: right.text,
    operator: node.get('operator').oneOf(COMPARISONS),
    severity: node.get('severity').oneOf(['error', 'warning'] as const),
    tolerance: {
      absolute: tolerance.exists ? (tolerance.get('absolute').optionalNumber({ min: 0 }) ?? 0) : 0,
      relative: tolerance.exists ? (tolerance.get('relative').optionalNumber({ min: 0, max: 1 }) ?? 0) : 0,
    },
    missing: node.get('missing').oneOf(['skip_if_any_missing', 'skip_if_all_missing', 'never_skip'] as const, 'skip_if_any_missing'),
    usesPrevious: [...references(left.expr), ...references(right.expr)].some((r) => r.lag > 0),
    domain,
  };
}

/** The Western Balkan partners a regional figure is formed from. */
export const REGION_SIZE = 6;
/** Without a `min_coverage` of its own, an indicator's region value needs 4 of the 6 partners. */
export const DEFAULT_MIN_COVERAGE = 4;

function parseIndicator(node: YamlNode, catalog: Catalog, scope: ExpressionScope, domain: string): Indicator {
  node.onlyKeys([
    'code',
    'label',
    'description',
    'expression',
    'numerator',
    'denominator',
    'share_of_region',
    'factor',
    'unit',
    'decimals',
    'aggregation',
    'polarity',
    'min_coverage',
    'mean_score',
    ...METADATA_KEYS,
  ]);
  const code = node.get('code').string({ pattern: CODE, describe: CODE_TEXT });
  if (catalog.indicators.has(code)) node.get('code').fail(`indicator ${code} is declared twice`);
  const meanScore = parseMeanScore(node, catalog);
  const shareOfRegion = node.get('share_of_region').boolean(false);
  if (shareOfRegion) {
    if (!node.get('numerator').exists || node.get('denominator').exists || node.get('expression').exists)
      node.get('share_of_region').fail("a share of the region needs `numerator` only (the region's sum is the denominator)");
  }
  const hasExpression = node.get('expression').exists;
  const hasRatio = node.get('numerator').exists || node.get('denominator').exists;
  if (!shareOfRegion && !meanScore && hasExpression === hasRatio)
    node.fail('give either `expression`, or `numerator` and `denominator` (with an optional `factor`), or `mean_score`');
  const expressionPart = hasExpression ? expression(node.get('expression'), scope).expr : null;
  const numerator = hasRatio ? expression(node.get('numerator'), scope).expr : null;
  const denominator = hasRatio && !shareOfRegion ? expression(node.get('denominator'), scope).expr : null;
  const refs = [expressionPart, numerator, denominator].filter((e): e is Expr => e !== null).flatMap((e) => references(e));
  const variables = [...new Set([...refs.map((r) => r.variable), ...(meanScore ? [meanScore.variable] : [])])];
  // A region of a level that cannot be added up (a price, a median of days) is the partners' median.
  const nonAdditive = variables.find((v) => !catalog.variables.get(v)!.additive);
  if (nonAdditive && shareOfRegion)
    node
      .get('share_of_region')
      .fail(`a share of the region sums ${nonAdditive} over the partners, but it is not additive (additive: false)`);
  const aggregation = shareOfRegion
    ? 'sum'
    : node.get('aggregation').oneOf(['ratio_of_sums', 'median', 'sum'] as const, hasRatio && !nonAdditive ? 'ratio_of_sums' : 'median');
  if (aggregation === 'ratio_of_sums' && !hasRatio) node.get('aggregation').fail('ratio_of_sums needs `numerator` and `denominator`');
  if (nonAdditive && aggregation !== 'median')
    node
      .get('aggregation')
      .fail(`${aggregation} adds up the partners' figures, but ${nonAdditive} is not additive (additive: false); use median`);
  const datasets = [...catalog.datasets.values()].filter((d) => variables.some((v) => d.variables.includes(v))).map((d) => d.code);
  if (datasets.length === 0) node.fail('no dataset collects the variables of this indicator');
  const metadata = parseMetadata(node);
  metadata.periodicity = settlePeriodicity(
    node,
    metadata.periodicity,
    datasets.map((d) => catalog.datasets.get(d)!),
  );
  return {
    code,
    label: node.get('label').string(),
    description: node.get('description').optionalString() ?? '',
    unit: node.get('unit').optionalString() ?? '',
    decimals: node.get('decimals').optionalNumber({ min: 0, max: 6, integer: true }) ?? 2,
    aggregation,
    polarity: node.get('polarity').oneOf(['higher_is_better', 'lower_is_better', 'neutral'] as const, 'neutral'),
    expression: expressionPart,
    meanScore,
    numerator,
    denominator,
    factor: node.get('factor').optionalNumber() ?? 1,
    variables,
    datasets,
    domain,
    maxLag: Math.max(0, ...refs.map((r) => r.lag)),
    shareOfRegion,
    minCoverage: node.get('min_coverage').optionalNumber({ min: 1, max: REGION_SIZE, integer: true }) ?? DEFAULT_MIN_COVERAGE,
    ...metadata,
  };
}

/**
 * What each variable may not be summed over (values.ts), for the variables that have a limit: a
 * non-additive variable is never summed, one with unit_by never over the codes of that dimension
 * (kg and tablets do not add up). Made once per catalogue.
 */
export function sumLimitsOf(catalog: Catalog): SumLimits {
  let limits = sumLimits.get(catalog);
  if (!limits) {
    const map = new Map<string, SumLimit>();
    for (const v of catalog.variables.values()) {
      // Coded answers are not additive either (additive is false for them).
      if (!v.additive) map.set(v.code, { overOrgUnits: true, overDimensions: 'all' });
      else if (v.unitBy) map.set(v.code, { overOrgUnits: false, overDimensions: new Set([v.unitBy.dimension]) });
    }
    sumLimits.set(catalog, (limits = map));
  }
  return limits;
}
const sumLimits = new WeakMap<Catalog, SumLimits>();

/**
 * The head of an indicator answer: what the indicator is, with its metadata. Its unit is the
 * indicator's own or, when it gives none, the unit of the values it reads when that is one unit
 * (a variable with unit_by read at codes that the expression's filters or the `dimensions` asked
 * for fix: cannabis herb seized is in kg).
 */
export function indicatorHead(indicator: Indicator, catalog?: Catalog, dimensions: Readonly<Record<string, string>> = {}) {
  const { code, label, decimals, aggregation, polarity, description } = indicator;
  const unit = catalog ? indicatorUnit(catalog, indicator, dimensions) : indicator.unit;
  return { code, label, unit, decimals, aggregation, polarity, description, ...metadataOf(indicator) };
}

function indicatorUnit(catalog: Catalog, indicator: Indicator, dimensions: Readonly<Record<string, string>>): string {
  if (indicator.unit !== '' || !indicator.expression) return indicator.unit;
  const refs = references(indicator.expression);
  if (!refs.some((r) => catalog.variables.get(r.variable)!.unitBy)) return indicator.unit;
  const units = new Set(
    refs.map((r) => {
      const variable = catalog.variables.get(r.variable)!;
      const at: Record<string, string> = { ...r.filter };
      for (const [d, c] of Object.entries(dimensions)) if (variable.dimensions.includes(d) && !(d in at)) at[d] = c;
      return unitOf(variable, at);
    }),
  );
  return units.size === 1 ? [...units][0]! : '';
}

function parseAlert(node: YamlNode, catalog: Catalog, domain: string): AlertRule {
  node.onlyKeys(['code', 'label', 'indicator', 'scope', 'condition', 'threshold']);
  const code = node.get('code').string({ pattern: CODE, describe: CODE_TEXT });
  if (catalog.alerts.some((a) => a.code === code)) node.get('code').fail(`alert ${code} is declared twice`);
  const indicator = node.get('indicator').string();
  if (!catalog.indicators.has(indicator)) node.get('indicator').fail(`unknown indicator ${indicator}`);
  return {
    code,
    label: node.get('label').string(),
    indicator,
    scope: node.get('scope').oneOf(['centre', 'partner', 'region'] as const),
    condition: node.get('condition').oneOf(COMPARISONS),
    threshold: node.get('threshold').number(),
    domain,
  };
}

function parseNeighbours(root: YamlNode, catalog: Catalog): void {
  const node = root.get('neighbours');
  if (!node.exists) return;
  for (const [partner, list] of node.entries()) {
    if (!/^[A-Z]{2}$/.test(partner)) list.fail(`"${partner}" is not a partner code (two capital letters)`);
    const codes = list.strings();
    for (const c of codes) if (!/^[A-Z]{2}$/.test(c)) list.fail(`"${c}" is not a partner code (two capital letters)`);
    catalog.neighbours.set(partner, [...new Set([...(catalog.neighbours.get(partner) ?? []), ...codes])]);
  }
}

/** Reads catalogue texts (file name → content) into one catalogue; cross-file references are allowed. */
export function parseCatalogs(files: { file: string; text: string }[]): Catalog {
  const catalog = emptyCatalog();
  const pending: Pending = { rules: [], indicators: [], datasets: [] };
  const pendingPeriodicity = new Map<string, YamlNode>();
  const roots = files.map(({ file, text }) => ({ file, root: readYaml(text, file) }));
  // Declarations first (dimensions, then variables) in every file, then what refers to them.
  for (const { file, root } of roots) {
    if (!root.isMap()) root.fail('a catalogue file must be a mapping');
    root.onlyKeys([
      'domain',
      'label',
      'description',
      'sources',
      'dimensions',
      'variables',
      'datasets',
      'validation_rules',
      'indicators',
      'alerts',
      'neighbours',
      'code_lists',
    ]);
    catalog.files.push(file);
    parseDimensions(root, catalog);
    parseCodeLists(root, catalog);
  }
  for (const { root } of roots) {
    const domain = root.get('domain').string({ pattern: CODE, describe: CODE_TEXT });
    addDomain(catalog.domains, root, domain);
    parseVariables(root, catalog, domain, pendingPeriodicity);
    if (root.get('datasets').exists)
      pending.datasets.push(
        ...root
          .get('datasets')
          .items()
          .map((node) => ({ node, domain })),
      );
    if (root.get('validation_rules').exists)
      pending.rules.push(
        ...root
          .get('validation_rules')
          .items()
          .map((node) => ({ node, domain })),
      );
    if (root.get('indicators').exists)
      pending.indicators.push(
        ...root
          .get('indicators')
          .items()
          .map((node) => ({ node, domain })),
      );
  }
  for (const { node, domain } of pending.datasets) {
    const d = parseDataset(node, catalog, domain);
    catalog.datasets.set(d.code, d);
  }
  for (const [code, node] of pendingPeriodicity) {
    const variable = catalog.variables.get(code)!;
    const datasets = [...catalog.datasets.values()].filter((d) => d.variables.includes(code));
    variable.periodicity = settlePeriodicity(node, variable.periodicity, datasets);
  }
  const scope = scopeOf(catalog);
  const ruleCodes = new Set<string>();
  for (const { node, domain } of pending.rules) {
    const rule = parseRule(node, catalog, scope, domain);
    if (ruleCodes.has(rule.code)) node.get('code').fail(`validation rule ${rule.code} is declared twice`);
    ruleCodes.add(rule.code);
    catalog.rules.push(rule);
  }
  for (const { node, domain } of pending.indicators) {
    const indicator = parseIndicator(node, catalog, scope, domain);
    catalog.indicators.set(indicator.code, indicator);
  }
  for (const { root } of roots) {
    const domain = root.get('domain').string({ pattern: CODE, describe: CODE_TEXT });
    if (root.get('alerts').exists) for (const node of root.get('alerts').items()) catalog.alerts.push(parseAlert(node, catalog, domain));
    parseNeighbours(root, catalog);
  }
  return catalog;
}

/** Loads every catalogue file of a folder (except the partner catalogue). */
/** What the composition root hands every module: the configuration and the catalogue, loaded once. */
export interface CatalogContext {
  config: Config;
  catalog: Catalog;
}

let loads = 0;

/** How many times this process has loaded the catalogue folder (the server does it once). */
export function catalogLoadCount(): number {
  return loads;
}

export function loadCatalogs(dir: string): Catalog {
  loads += 1;
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.yaml') && !RESERVED_FILES.has(n))
    .sort();
  const catalog = parseCatalogs(names.map((name) => ({ file: join(dir, name), text: readFileSync(join(dir, name), 'utf8') })));
  // Its labels in the other languages (catalogs/i18n), checked against it (catalog-i18n.ts).
  return loadCatalogTranslations(catalog, dir);
}
