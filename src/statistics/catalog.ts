// Statistical catalogues (catalogs/*.yaml): dimensions, variables, datasets, validation rules and
// indicators. Loaded and checked at start-up; any problem stops start-up naming file and line.
// The format is documented in docs/catalogs.md.// The types are in catalog-types.ts; the parts of a file are read in catalog-variables.ts (dimensions,
// code lists, variables, datasets) and catalog-indicators.ts (rules, indicators, alerts).
import type { Config } from '../platform/config.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDomain, type Domain } from './catalog-domains.js';
import { loadCatalogTranslations } from './catalog-i18n.js';
import { metadataOf, settlePeriodicity } from './catalog-metadata.js';
import { parseAlert, parseIndicator, parseNeighbours, parseRule, scopeOf } from './catalog-indicators.js';
import type { Catalog, Dataset, Indicator, Variable } from './catalog-types.js';
import { CODE, CODE_TEXT, parseCodeLists, parseDataset, parseDimensions, parseVariables } from './catalog-variables.js';
import type { MeanScore } from './code-scores.js';
import { references } from './expressions.js';
import { CatalogError, readYaml, type YamlNode } from '../platform/yaml.js';
import type { SumLimit, SumLimits } from './values.js';

export { CatalogError };
export type { Domain, MeanScore };
export { metadataOf, PERIODICITIES, type Metadata, type Periodicity } from './catalog-metadata.js';
export {
  DEFAULT_DATASET_PARTNERS,
  DEFAULT_MIN_COVERAGE,
  REGION_SIZE,
  type Aggregation,
  type AlertRule,
  type Catalog,
  type CodeList,
  type Comparison,
  type Dataset,
  type Dimension,
  type Indicator,
  type MissingStrategy,
  type UnitBy,
  type ValidationRule,
  type ValueType,
  type Variable,
} from './catalog-types.js';

/** The org-unit kinds some dataset collects figures for (court, reception_centre, …). */
export function orgUnitKinds(catalog: Catalog): Set<string> {
  return new Set([...catalog.datasets.values()].flatMap((d) => d.orgUnitKinds));
}

/** Whether the dataset collects figures from this partner (named itself or by its group). */
export function datasetCovers(dataset: Dataset, partner: { code: string; group_code: string }): boolean {
  return dataset.partners.includes(partner.code) || dataset.partners.includes(partner.group_code);
}

const RESERVED_FILES = new Set(['partners.yaml']);

interface Pending {
  rules: { node: YamlNode; domain: string }[];
  indicators: { node: YamlNode; domain: string }[];
  datasets: { node: YamlNode; domain: string }[];
}

/** The items of a list under a file's root (none when the file has no such key), each with the file's domain. */
function itemsOf(root: YamlNode, key: string, domain: string): { node: YamlNode; domain: string }[] {
  return root.get(key).exists
    ? root
        .get(key)
        .items()
        .map((node) => ({ node, domain }))
    : [];
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

/** The unit of a value of the variable at these coordinates ('' when unit_by's code is not among them). */
export function unitOf(variable: Variable, coords: Readonly<Record<string, string>>): string {
  if (!variable.unitBy) return variable.unit;
  const code = coords[variable.unitBy.dimension];
  return code === undefined ? '' : (variable.unitBy.units[code] ?? '');
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
    pending.datasets.push(...itemsOf(root, 'datasets', domain));
    pending.rules.push(...itemsOf(root, 'validation_rules', domain));
    pending.indicators.push(...itemsOf(root, 'indicators', domain));
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
