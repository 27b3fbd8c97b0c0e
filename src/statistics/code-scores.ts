// Scores of coded answers. A code list may give each of its codes a number (`score`), and an
// indicator may average the scores of a coded variable's answers over the codes of its breakdown
// (`mean_score`): CEPEJ's equipment band of each ICT tool of the courts becomes an ICT deployment
// index. Coded answers stay codes everywhere else (never summed, never read by an expression).
// The format is documented in docs/catalogs.md ("Scored answers").
import type { YamlNode } from '../platform/yaml.js';
import type { ValueIndex } from './values.js';

/** What a `mean_score` indicator averages: the answers of a coded variable over the codes of its one dimension. */
export interface MeanScore {
  variable: string;
  dimension: string;
  /** The dimension's codes, in catalogue order. */
  codes: string[];
  /** The score of each answer code. */
  scores: Readonly<Record<string, number>>;
}

type Scores = Readonly<Record<string, number>>;

/** What parseMeanScore needs to know of the catalogue's variables and dimensions. */
interface Declared {
  variables: ReadonlyMap<string, { dimensions: string[]; codeList: { code: string; scores: Scores | null } | null }>;
  dimensions: ReadonlyMap<string, { codes: { code: string }[] }>;
}

/**
 * The scores of a code list's codes (`- { code: '100', label: 100 %, score: 100 }`), or null when
 * none has one. Either every code has a score or none does, so that no answer is left out of a mean.
 */
export function codeScores(node: YamlNode, name: string, codes: { code: string }[]): Scores | null {
  const items = node.isList() ? node : node.get('codes');
  const scores: Record<string, number> = Object.create(null);
  for (const [i, item] of items.items().entries())
    if (item.isMap() && item.get('score').exists) scores[codes[i]!.code] = item.get('score').number({ min: -1e6, max: 1e6 });
  const unscored = codes.filter((c) => !(c.code in scores)).map((c) => c.code);
  if (unscored.length === codes.length) return null;
  if (unscored.length > 0) items.fail(`no score for ${unscored.join(', ')}: when one code of ${name} has a score, every code needs one`);
  return scores;
}

/**
 * `mean_score: <coded variable>` of an indicator, checked: the variable's answers have scores and
 * it is broken down by exactly one dimension (the tools). Null when the indicator has none.
 */
export function parseMeanScore(node: YamlNode, catalog: Declared): MeanScore | null {
  const at: YamlNode = node.get('mean_score');
  if (!at.exists) return null;
  for (const other of ['expression', 'numerator', 'denominator', 'share_of_region'])
    if (node.get(other).exists) node.get(other).fail('give either `mean_score`, or `expression`, or `numerator` and `denominator`');
  const code = at.string();
  const variable = catalog.variables.get(code) ?? at.fail(`unknown variable ${code}`);
  if (!variable.codeList) at.fail(`${code} is not a coded variable (type: code): mean_score averages the scores of coded answers`);
  const scores = variable.codeList.scores;
  if (!scores) at.fail(`the answers of ${code} are not scored: give every code of the code list ${variable.codeList.code} a \`score\``);
  if (variable.dimensions.length !== 1)
    at.fail(
      `mean_score averages over the codes of one dimension, but ${code} is broken down by ${variable.dimensions.length} (${variable.dimensions.join(', ') || 'none'})`,
    );
  const dimension = variable.dimensions[0]!;
  return { variable: code, dimension, codes: catalog.dimensions.get(dimension)!.codes.map((c) => c.code), scores };
}

/**
 * The mean of the scores of the answers at every code of the dimension (only the code asked for,
 * when the request filters the dimension), for the partner ('') or one org unit. An answer `NAP`
 * (not applicable) leaves its code out of the mean; a code without an answer, or answered `NA` or
 * `NQ`, makes the mean missing, so that partners are compared over the same tools. Missing too
 * when every code is NAP.
 */
export function meanScoreOf(
  meanScore: MeanScore,
  index: ValueIndex | undefined,
  orgUnit: string,
  dimensions: Readonly<Record<string, string>>,
): number | null {
  if (!index) return null;
  const { variable, dimension, scores } = meanScore;
  const chosen = dimensions[dimension];
  let total = 0;
  let counted = 0;
  for (const code of chosen !== undefined ? [chosen] : meanScore.codes) {
    const at = { [dimension]: code };
    const answer = (orgUnit === '' ? index.resolvePartner(variable, at) : index.resolve(variable, orgUnit, at)).code;
    if (answer === 'NAP') continue;
    // A stored answer is one of the list's codes (checked on entry); NA, NQ and none have no score.
    const score = answer === null ? undefined : scores[answer];
    if (score === undefined) return null;
    total += score;
    counted += 1;
  }
  return counted === 0 ? null : total / counted;
}
