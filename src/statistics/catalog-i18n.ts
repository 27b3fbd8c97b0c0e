// The catalogue's labels and definitions in the reader's language. English is the catalogue's own
// (catalogs/*.yaml) and the fallback of every text; the other languages are translation files,
// catalogs/i18n/<lang>.json (read by platform/i18n/catalog-texts.ts), keyed by code:
//   domains.<domain>.label|description, datasets.<code>.label,
//   variables.<code>.label|definition, indicators.<code>.label|description|definition,
//   dimensions.<dim>.label and .codes.<code>, code_lists.<list>.codes.<code>,
//   validation_rules.<code>.message, partners.<code>.name.
// Every entry is checked when the catalogue loads: a code the catalogue does not have, a field that
// is not translated, or a text that is not a text stops start-up naming the file and the key.
import { join } from 'node:path';
import { catalogText, readCatalogTexts, type CatalogTexts } from '../platform/i18n/catalog-texts.js';
import type { Locale } from '../platform/locales.js';
import { loadShippedPartners } from '../platform/partners/catalog.js';
import { CatalogError } from '../platform/yaml.js';

type Coded = { code: string; label: string };

/**
 * What of a catalogue (catalog.ts, `Catalog`) has texts in other languages. Named here rather than
 * imported, because catalog.ts loads the translations (loadCatalogs) and so imports this file.
 */
export interface Translatable {
  domains: ReadonlyMap<string, { code: string; label: string | null; description: string | null }>;
  dimensions: ReadonlyMap<string, Coded & { codes: Coded[] }>;
  codeLists: ReadonlyMap<string, { code: string; codes: Coded[] }>;
  variables: ReadonlyMap<string, Coded & { definition: string | null; codeList: { code: string; codes: Coded[] } | null }>;
  datasets: ReadonlyMap<string, Coded>;
  indicators: ReadonlyMap<string, Coded & { description: string; definition: string | null }>;
  rules: readonly { code: string; message: string }[];
}

/** What each section translates, and how to tell its codes. */
const SECTIONS: Record<string, { fields: readonly string[]; has: (catalog: Translatable, code: string) => boolean; what: string }> = {
  domains: { fields: ['label', 'description'], has: (c, code) => c.domains.has(code), what: 'domain' },
  datasets: { fields: ['label'], has: (c, code) => c.datasets.has(code), what: 'dataset' },
  variables: { fields: ['label', 'definition'], has: (c, code) => c.variables.has(code), what: 'variable' },
  indicators: { fields: ['label', 'description', 'definition'], has: (c, code) => c.indicators.has(code), what: 'indicator' },
  dimensions: { fields: ['label', 'codes'], has: (c, code) => c.dimensions.has(code), what: 'dimension' },
  code_lists: { fields: ['codes'], has: (c, code) => c.codeLists.has(code), what: 'code list' },
  validation_rules: { fields: ['message'], has: (c, code) => c.rules.some((r) => r.code === code), what: 'validation rule' },
  partners: { fields: ['name'], has: (_c, code) => partnerCodes().has(code), what: 'partner' },
};

let partners: Set<string> | null = null;
function partnerCodes(): Set<string> {
  return (partners ??= new Set(loadShippedPartners().map((p) => p.code)));
}

const translations = new WeakMap<Translatable, CatalogTexts>();

/**
 * Reads and checks the translation files of a catalogue folder (<dir>/i18n) for this catalogue;
 * `catalogIn` then answers in their languages. A folder without translations leaves it English.
 */
export function loadCatalogTranslations<C extends Translatable>(catalog: C, dir: string): C {
  const texts = readCatalogTexts(join(dir, 'i18n'));
  for (const { file, sections } of texts.values()) checkSections(catalog, file, sections);
  translations.set(catalog, texts);
  return catalog;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkSections(catalog: Translatable, file: string, sections: Record<string, unknown>): void {
  const fail = (key: string, problem: string): never => {
    throw new CatalogError(file, undefined, `${key}: ${problem}`);
  };
  for (const [name, entries] of Object.entries(sections)) {
    const section = SECTIONS[name];
    if (!section) fail(name, `not a section of catalogue translations (${Object.keys(SECTIONS).join(', ')})`);
    if (!isObject(entries)) return fail(name, 'must be an object of entries keyed by code');
    for (const [code, entry] of Object.entries(entries)) {
      const key = `${name}.${code}`;
      if (!section!.has(catalog, code)) fail(key, `the catalogue has no ${section!.what} ${code}`);
      if (!isObject(entry)) return fail(key, `must be an object of ${section!.fields.join(', ')}`);
      for (const [field, text] of Object.entries(entry)) {
        if (!section!.fields.includes(field)) fail(`${key}.${field}`, `not translated here (${section!.fields.join(', ')})`);
        if (field === 'codes') checkCodes(catalog, name, code, `${key}.codes`, text, fail);
        else if (typeof text !== 'string' || text.trim() === '') fail(`${key}.${field}`, 'must be a text');
      }
    }
  }
}

function checkCodes(
  catalog: Translatable,
  section: string,
  code: string,
  key: string,
  codes: unknown,
  fail: (key: string, problem: string) => never,
) {
  if (!isObject(codes)) return fail(key, 'must be an object of texts keyed by code');
  const list = section === 'dimensions' ? catalog.dimensions.get(code)! : catalog.codeLists.get(code)!;
  for (const [c, text] of Object.entries(codes)) {
    if (!list.codes.some((known) => known.code === c)) fail(`${key}.${c}`, `${code} has no code ${c}`);
    if (typeof text !== 'string' || text.trim() === '') fail(`${key}.${c}`, 'must be a text');
  }
}

const localized = new WeakMap<Translatable, Map<Locale, Translatable>>();

/**
 * The catalogue with its labels, definitions and rule messages in the language, English where the
 * language lacks a text; the catalogue itself for English or without translations. Made once per
 * language; everything but the texts is shared with the catalogue.
 */
export function catalogIn<C extends Translatable>(catalog: C, locale: Locale): C {
  const texts = translations.get(catalog);
  if (locale === 'en' || !texts?.has(locale)) return catalog;
  let byLocale = localized.get(catalog);
  if (!byLocale) localized.set(catalog, (byLocale = new Map()));
  let made = byLocale.get(locale);
  if (!made) byLocale.set(locale, (made = translate(catalog, texts, locale)));
  return made as C;
}

function mapValues<V>(map: ReadonlyMap<string, V>, f: (value: V) => V): Map<string, V> {
  return new Map([...map].map(([k, v]) => [k, f(v)]));
}

/** A copy of the catalogue with the language's texts; all else (expressions, codes, units) is the same. */
function translate<C extends Translatable>(catalog: C, texts: CatalogTexts, locale: Locale): C {
  const text = (section: string, code: string, field: string) => catalogText(texts, locale, section, code, field);
  const codes = (section: string, list: { code: string; codes: Coded[] }) => {
    const given = (texts.get(locale)?.sections[section] as Record<string, { codes?: Record<string, string> }> | undefined)?.[list.code]
      ?.codes;
    return given ? list.codes.map((c) => ({ ...c, label: given[c.code] ?? c.label })) : list.codes;
  };
  const codeLists = mapValues(catalog.codeLists, (l) => ({ ...l, codes: codes('code_lists', l) }));
  return {
    ...catalog,
    domains: mapValues(catalog.domains, (d) => ({
      ...d,
      label: text('domains', d.code, 'label') ?? d.label,
      description: text('domains', d.code, 'description') ?? d.description,
    })),
    dimensions: mapValues(catalog.dimensions, (d) => ({
      ...d,
      label: text('dimensions', d.code, 'label') ?? d.label,
      codes: codes('dimensions', d),
    })),
    codeLists,
    variables: mapValues(catalog.variables, (v) => ({
      ...v,
      label: text('variables', v.code, 'label') ?? v.label,
      definition: text('variables', v.code, 'definition') ?? v.definition,
      codeList: v.codeList ? codeLists.get(v.codeList.code)! : null,
    })),
    datasets: mapValues(catalog.datasets, (d) => ({ ...d, label: text('datasets', d.code, 'label') ?? d.label })),
    indicators: mapValues(catalog.indicators, (i) => ({
      ...i,
      label: text('indicators', i.code, 'label') ?? i.label,
      description: text('indicators', i.code, 'description') ?? i.description,
      definition: text('indicators', i.code, 'definition') ?? i.definition,
    })),
    rules: catalog.rules.map((r) => ({ ...r, message: text('validation_rules', r.code, 'message') ?? r.message })),
  };
}

/** An answer's indicator head (indicatorHead) with the indicator's texts in the language. */
export function headIn<H extends Coded & { description: string; definition: string | null }>(
  catalog: Translatable,
  locale: Locale,
  head: H,
): H {
  const indicator = catalogIn(catalog, locale).indicators.get(head.code);
  if (!indicator || locale === 'en') return head;
  return { ...head, label: indicator.label, description: indicator.description, definition: indicator.definition };
}
