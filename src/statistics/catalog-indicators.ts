// What a catalogue computes and checks: validation rules, indicators and alerts (with the partners
// that are neighbours, told of each other's alerts), read from the YAML of catalogue files once the
// variables and datasets they refer to are known (part of the loader, catalog.ts).
import type { YamlNode } from '../platform/yaml.js';
import { METADATA_KEYS, parseMetadata, settlePeriodicity } from './catalog-metadata.js';
import {
  DEFAULT_MIN_COVERAGE,
  REGION_SIZE,
  type AlertRule,
  type Catalog,
  type Comparison,
  type Indicator,
  type ValidationRule,
} from './catalog-types.js';
import { CODE, CODE_TEXT } from './catalog-variables.js';
import { parseMeanScore } from './code-scores.js';
import { compileExpression, ExpressionError, references, type Expr, type ExpressionScope } from './expressions.js';

const COMPARISONS: readonly Comparison[] = ['==', '!=', '<', '<=', '>', '>='];

export function scopeOf(catalog: Catalog): ExpressionScope & { coded?: ReadonlySet<string> } {
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

export function parseRule(node: YamlNode, catalog: Catalog, scope: ExpressionScope, domain: string): ValidationRule {
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

export function parseIndicator(node: YamlNode, catalog: Catalog, scope: ExpressionScope, domain: string): Indicator {
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

export function parseAlert(node: YamlNode, catalog: Catalog, domain: string): AlertRule {
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

export function parseNeighbours(root: YamlNode, catalog: Catalog): void {
  const node = root.get('neighbours');
  if (!node.exists) return;
  for (const [partner, list] of node.entries()) {
    if (!/^[A-Z]{2}$/.test(partner)) list.fail(`"${partner}" is not a partner code (two capital letters)`);
    const codes = list.strings();
    for (const c of codes) if (!/^[A-Z]{2}$/.test(c)) list.fail(`"${c}" is not a partner code (two capital letters)`);
    catalog.neighbours.set(partner, [...new Set([...(catalog.neighbours.get(partner) ?? []), ...codes])]);
  }
}
