// Catalogue texts in the other languages: catalogs/i18n/<lang>.json, one file a language, in the
// i18next JSON v4 shape translation tools open (sections of entries keyed by code, e.g.
// `indicators` → `justice.clearance_rate` → `label`). English stays in the catalogue's YAML files and
// is the fallback of every text; Serbian Cyrillic is derived from sr-Latn.json. The statistics
// capability checks every entry against the catalogue (statistics/catalog-i18n.ts); the platform
// reads the partner names from here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isLocale, type Locale } from '../locales.js';
import { CATALOG_DIR } from '../paths.js';
import { CatalogError } from '../yaml.js';
import { toCyrillicTexts } from './cyrillic.js';

export type Sections = Record<string, unknown>;

/** One language's texts, and the file they were read from (for error messages). */
export interface CatalogLanguage {
  file: string;
  sections: Sections;
}

/** The languages with catalogue texts, English aside. */
export type CatalogTexts = ReadonlyMap<Locale, CatalogLanguage>;

const read = new Map<string, CatalogTexts>();

/**
 * Reads catalogs/i18n (or another folder) once per process. A file that is no JSON object, or is
 * named after no language other than English and Serbian Cyrillic, is refused naming the file.
 */
export function readCatalogTexts(dir: string): CatalogTexts {
  const known = read.get(dir);
  if (known) return known;
  const texts = new Map<Locale, CatalogLanguage>();
  for (const name of existsSync(dir) ? readdirSync(dir).sort() : []) {
    const file = join(dir, name);
    const language = name.replace(/\.json$/, '');
    if (!name.endsWith('.json') || !isLocale(language) || language === 'en' || language === 'sr-Cyrl')
      throw new CatalogError(file, undefined, 'not a translation file: name it <language>.json, for a language other than en and sr-Cyrl');
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new CatalogError(file, undefined, `not valid JSON: ${(err as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new CatalogError(file, undefined, 'must be a JSON object of sections');
    const { $meta: _meta, ...sections } = parsed as Sections;
    texts.set(language, { file, sections });
  }
  const latin = texts.get('sr-Latn');
  if (latin) texts.set('sr-Cyrl', { file: latin.file, sections: toCyrillicTexts(latin.sections) });
  read.set(dir, texts);
  return texts;
}

/** A text of one entry (`section` → `code` → `field`), or undefined when the language lacks it. */
export function catalogText(texts: CatalogTexts, locale: Locale, section: string, code: string, field: string): string | undefined {
  const entry = (texts.get(locale)?.sections[section] as Record<string, Record<string, unknown>> | undefined)?.[code];
  const text = entry?.[field];
  return typeof text === 'string' ? text : undefined;
}

/** A partner's name in the language (partners → <code> → name of the shipped files), else the name given. */
export function partnerName(locale: Locale, code: string, name: string): string {
  if (locale === 'en') return name;
  return catalogText(readCatalogTexts(join(CATALOG_DIR, 'i18n')), locale, 'partners', code, 'name') ?? name;
}
