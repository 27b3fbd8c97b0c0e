// What a catalogue collects: its dimensions and code lists, its variables (with their unit_by) and
// its datasets, read from the YAML of catalogue files (part of the loader, catalog.ts).
import type { YamlNode } from '../platform/yaml.js';
import { METADATA_KEYS, parseMetadata, text } from './catalog-metadata.js';
import { DEFAULT_DATASET_PARTNERS, type Catalog, type CodeList, type Dataset, type UnitBy } from './catalog-types.js';
import { codeScores } from './code-scores.js';
import { PERIOD_TYPES } from './periods.js';

export const CODE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;
const DIM_CODE = /^[A-Za-z0-9_]+$/;
export const CODE_TEXT = 'a code in snake_case with dots for grouping (e.g. cases.incoming)';

export function parseDimensions(root: YamlNode, catalog: Catalog): void {
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
export function parseCodeLists(root: YamlNode, catalog: Catalog): void {
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

export function parseVariables(root: YamlNode, catalog: Catalog, domain: string, pendingPeriodicity: Map<string, YamlNode>): void {
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

export function parseDataset(node: YamlNode, catalog: Catalog, domain: string): Dataset {
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
