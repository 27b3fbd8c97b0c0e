// What a catalogue tells a reader about a variable or an indicator (definition, method, source,
// periodicity, footnotes), read from its YAML node, and the periodicity its datasets give it.
// Part of the catalogue loader (catalog.ts); docs/catalogs.md, "Indicators", lists the keys.
import { isScalar } from 'yaml';
import type { YamlNode } from '../platform/yaml.js';
import type { PeriodType } from './periods.js';

/** How often figures are produced (the datasets' period types: yearly data is annual). */
export type Periodicity = 'annual' | 'semiannual' | 'quarterly' | 'monthly' | 'weekly';
export const PERIODICITIES: readonly Periodicity[] = ['annual', 'semiannual', 'quarterly', 'monthly', 'weekly'];
const PERIODICITY_OF: Record<PeriodType, Periodicity> = {
  yearly: 'annual',
  halfyearly: 'semiannual',
  quarterly: 'quarterly',
  monthly: 'monthly',
  weekly: 'weekly',
};

/** What a reader is told about a variable or an indicator (an indicator page's metadata). */
export interface Metadata {
  /** What it is. */
  definition: string | null;
  /** How it is computed or collected. */
  method: string | null;
  /** The producing body. */
  source: string | null;
  /** Given in the catalogue, or that of the datasets it comes from when they all have the same period type; else null. */
  periodicity: Periodicity | null;
  footnotes: string[];
}
export const METADATA_KEYS = ['definition', 'method', 'source', 'periodicity', 'footnotes'] as const;

/** A text of the catalogue (a definition, a footnote): a string, trimmed, not empty; numbers and lists are refused. */
export function text(node: YamlNode): string {
  if (!node.exists) node.failHere('is missing');
  const value = isScalar(node.node) ? node.node.value : undefined;
  if (typeof value !== 'string') node.fail('must be a text');
  const trimmed = value.trim();
  if (trimmed === '') node.fail('must not be empty');
  return trimmed;
}

function optionalText(node: YamlNode): string | null {
  return node.exists ? text(node) : null;
}

/** definition, method, source, periodicity (as given; derived from the datasets later) and footnotes. */
export function parseMetadata(node: YamlNode): Metadata {
  const footnotes = node.get('footnotes');
  if (footnotes.exists && !footnotes.isList()) footnotes.fail('must be a list of texts');
  return {
    definition: optionalText(node.get('definition')),
    method: optionalText(node.get('method')),
    source: optionalText(node.get('source')),
    periodicity: node.get('periodicity').exists ? node.get('periodicity').oneOf(PERIODICITIES) : null,
    footnotes: footnotes.exists ? footnotes.items().map(text) : [],
  };
}

/**
 * The periodicity of what comes from these datasets: that of their period type when they all have
 * the same. One given in the catalogue must agree with it.
 */
export function settlePeriodicity(
  node: YamlNode,
  given: Periodicity | null,
  datasets: { code: string; periodType: PeriodType }[],
): Periodicity | null {
  const derived = [...new Set(datasets.map((d) => PERIODICITY_OF[d.periodType]))];
  if (derived.length !== 1) return given;
  if (given !== null && given !== derived[0])
    node
      .get('periodicity')
      .fail(`"${given}" does not match the period of its data (${datasets.map((d) => `${d.code}: ${d.periodType}`).join(', ')})`);
  return derived[0]!;
}

/** The metadata of a variable or an indicator as the API gives it (null and [] when absent). */
export function metadataOf({ definition, method, source, periodicity, footnotes }: Metadata): Metadata {
  return { definition, method, source, periodicity, footnotes: [...footnotes] };
}
