// The catalogue's types: what catalogs/*.yaml declare once read and checked (catalog.ts loads them;
// catalog-variables.ts and catalog-indicators.ts read their parts).
import type { Domain } from './catalog-domains.js';
import type { Metadata } from './catalog-metadata.js';
import type { MeanScore } from './code-scores.js';
import type { Expr } from './expressions.js';
import type { PeriodType } from './periods.js';

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

/** The Western Balkan partners a regional figure is formed from. */
export const REGION_SIZE = 6;
/** Without a `min_coverage` of its own, an indicator's region value needs 4 of the 6 partners. */
export const DEFAULT_MIN_COVERAGE = 4;
