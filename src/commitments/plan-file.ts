// Plan files (catalogs/plans/*.yaml): a plan → objectives (ordered, coded) → actions with the
// responsible partners, dates and linked indicators. Checked when loaded; an error names the file
// and the line. Titles that summarise rather than quote carry `paraphrase: true`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readYaml, type YamlNode } from '../platform/yaml.js';

export const PLAN_KINDS = ['action_plan', 'roadmap', 'recommendations', 'meeting_conclusions'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export interface PlanAction {
  code: string;
  title: string;
  description: string | null;
  paraphrase: boolean;
  partners: string[];
  institutions: string | null;
  start: string | null;
  deadline: string | null;
  indicators: string[];
}

export interface PlanObjective {
  code: string;
  title: string;
  paraphrase: boolean;
  actions: PlanAction[];
}

export interface PlanDefinition {
  code: string;
  kind: PlanKind;
  title: string;
  periodStart: string | null;
  periodEnd: string | null;
  source: string | null;
  objectives: PlanObjective[];
}

const CODE = /^[a-z][a-z0-9_]*$/;
const PART_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,30}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface PlanContext {
  partners: ReadonlySet<string>;
  indicators: ReadonlySet<string>;
}

/** YYYY-MM-DD naming a real day (JavaScript alone would turn 30 February into 1 March). */
export function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

function optionalDate(node: YamlNode): string | null {
  if (!node.exists) return null;
  const text = node.string({ pattern: DATE, describe: 'a date (YYYY-MM-DD)' });
  if (!isCalendarDate(text)) node.fail(`"${text}" is not a calendar date`);
  return text;
}

function parseAction(node: YamlNode, ctx: PlanContext, seen: Set<string>): PlanAction {
  node.onlyKeys(['code', 'title', 'description', 'paraphrase', 'partners', 'institutions', 'start', 'deadline', 'indicators']);
  const code = node.get('code').string({ pattern: PART_CODE, describe: 'an action code such as 1.1' });
  if (seen.has(code)) node.get('code').fail(`action ${code} is listed twice`);
  seen.add(code);
  const partners = node.get('partners').strings();
  for (const p of partners) if (!ctx.partners.has(p)) node.get('partners').fail(`"${p}" is not a known partner code`);
  const indicators = node.get('indicators').strings();
  for (const i of indicators) if (!ctx.indicators.has(i)) node.get('indicators').fail(`"${i}" is not an indicator of the catalogue`);
  const start = optionalDate(node.get('start'));
  const deadline = optionalDate(node.get('deadline'));
  if (start && deadline && deadline < start) node.get('deadline').fail('is before the start');
  return {
    code,
    title: node.get('title').string(),
    description: node.get('description').optionalString() ?? null,
    paraphrase: node.get('paraphrase').boolean(false),
    partners,
    institutions: node.get('institutions').optionalString() ?? null,
    start,
    deadline,
    indicators,
  };
}

export function parsePlan(text: string, file: string, ctx: PlanContext): PlanDefinition {
  const root = readYaml(text, file);
  if (!root.isMap()) root.fail('a plan file must be a mapping');
  root.onlyKeys(['code', 'kind', 'title', 'period', 'source', 'objectives']);
  const period = root.get('period');
  if (period.exists) period.onlyKeys(['start', 'end']);
  const objectives = root.get('objectives').exists ? root.get('objectives').items() : [];
  const objectiveCodes = new Set<string>();
  const actionCodes = new Set<string>();
  return {
    code: root.get('code').string({ pattern: CODE, describe: 'a plan code in snake_case' }),
    kind: root.get('kind').oneOf(PLAN_KINDS),
    title: root.get('title').string(),
    periodStart: period.exists ? optionalDate(period.get('start')) : null,
    periodEnd: period.exists ? optionalDate(period.get('end')) : null,
    source: root.get('source').optionalString() ?? null,
    objectives: objectives.map((o) => {
      o.onlyKeys(['code', 'title', 'paraphrase', 'actions']);
      const code = o.get('code').string({ pattern: PART_CODE, describe: 'an objective code such as 1' });
      if (objectiveCodes.has(code)) o.get('code').fail(`objective ${code} is listed twice`);
      objectiveCodes.add(code);
      return {
        code,
        title: o.get('title').string(),
        paraphrase: o.get('paraphrase').boolean(false),
        actions: o.get('actions').exists
          ? o
              .get('actions')
              .items()
              .map((a) => parseAction(a, ctx, actionCodes))
          : [],
      };
    }),
  };
}

/** Every plan file of the folder, in name order. */
export function loadPlanFiles(dir: string, ctx: PlanContext): PlanDefinition[] {
  const plans = readdirSync(dir)
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .map((n) => parsePlan(readFileSync(join(dir, n), 'utf8'), join(dir, n), ctx));
  const codes = new Set<string>();
  for (const p of plans) {
    if (codes.has(p.code)) throw new Error(`plan ${p.code} is defined in two files`);
    codes.add(p.code);
  }
  return plans;
}

/** The Rule of Law Report pillars: each enlargement partner's recommendations plan starts empty under them. */
export const RULE_OF_LAW_PILLARS = [
  { code: 'justice', title: 'Justice system' },
  { code: 'anti_corruption', title: 'Anti-corruption framework' },
  { code: 'media', title: 'Media pluralism and media freedom' },
  { code: 'checks_balances', title: 'Other institutional issues related to checks and balances' },
];

/** Partners with a chapter in the Rule of Law Report since 2024. */
export const RULE_OF_LAW_PARTNERS = ['AL', 'ME', 'MK', 'RS'];

export function ruleOfLawPlan(partner: string, name: string): PlanDefinition {
  return {
    code: `rol_recommendations_${partner.toLowerCase()}`,
    kind: 'recommendations',
    title: `Rule of Law Report recommendations: ${name}`,
    periodStart: '2024-07-24',
    periodEnd: null,
    source: 'European Commission, Rule of Law Report (country chapters since 2024)',
    objectives: RULE_OF_LAW_PILLARS.map((p) => ({ code: p.code, title: p.title, paraphrase: false, actions: [] })),
  };
}
