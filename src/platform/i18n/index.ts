// Texts the server writes (messages, documents, notifications, e-mails) in the reader's language.
// Each language is a folder of i18next JSON v4 files under locales/ (one file a namespace, e.g.
// locales/sq/messages.json), the format the web app's files use, with plural keys per CLDR
// (_one/_few/_other). English is required and the fallback of every key; Serbian Cyrillic is
// derived from the sr-Latn files by transliteration. A file's `$meta` says whether a native
// speaker has reviewed it (docs/translations.md).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n } from 'i18next';
import { FORMAT_LOCALES, isLocale, LOCALES, type Locale } from '../locales.js';
import { LOCALE_DIR } from '../paths.js';
import { toCyrillicTexts } from './cyrillic.js';

export type TextParams = Record<string, string | number | null | undefined>;

/** Renders texts in one language: `t('messages:import.unknown_variable', { code })`. */
export interface Translator {
  locale: Locale;
  t(key: string, params?: TextParams): string;
  /** Whether the language itself has the text (not through the English fallback); `count` picks a plural form. */
  has(key: string, params?: TextParams): boolean;
  /** A number in the language's own grouping and decimal sign. */
  number(value: number, decimals?: number): string;
  /** A calendar date (YYYY-MM-DD or a Date) as the language writes it, e.g. '1 dhjetor 2026'. */
  date(value: string | Date): string;
}

type Texts = Record<string, unknown>;

/** The namespaces and texts of one language folder, without the files' `$meta`. */
function readLanguage(dir: string, language: string): Record<string, Texts> {
  const folder = join(dir, language);
  if (!existsSync(folder)) return {};
  const namespaces: Record<string, Texts> = {};
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.json'))) {
    const { $meta: _meta, ...texts } = JSON.parse(readFileSync(join(folder, file), 'utf8')) as Texts;
    namespaces[file.slice(0, -'.json'.length)] = texts;
  }
  return namespaces;
}

function loadResources(dir: string): Record<string, Record<string, Texts>> {
  const resources: Record<string, Record<string, Texts>> = {};
  for (const locale of LOCALES) {
    if (locale === 'sr-Cyrl') continue;
    resources[locale] = readLanguage(dir, locale);
  }
  resources['sr-Cyrl'] = Object.fromEntries(Object.entries(resources['sr-Latn'] ?? {}).map(([ns, texts]) => [ns, toCyrillicTexts(texts)]));
  return resources;
}

let shared: i18n | null = null;

/** One i18next instance per process, read from locales/ the first time a text is needed. */
function instance(): i18n {
  if (shared) return shared;
  const resources = loadResources(LOCALE_DIR);
  const created = i18next.createInstance();
  void created.init({
    resources,
    ns: Object.keys(resources.en ?? {}),
    defaultNS: 'messages',
    lng: 'en',
    fallbackLng: 'en',
    // Each language as it is (no fallback from sr-Latn to sr); plurals come from Intl, which gives
    // Montenegrin (no CLDR locale of its own) Serbian's rules.
    supportedLngs: [...LOCALES],
    nonExplicitSupportedLngs: false,
    load: 'currentOnly',
    initAsync: false,
    // The server escapes where it writes HTML; texts stay plain here.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  shared = created;
  return created;
}

const translators = new Map<Locale, Translator>();

export function translator(locale: Locale): Translator {
  const known = translators.get(locale);
  if (known) return known;
  const t = instance().getFixedT(locale);
  const formatLocale = FORMAT_LOCALES[locale];
  const dates = new Intl.DateTimeFormat(formatLocale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const made: Translator = {
    locale,
    t: (key, params) => t(key, params ?? {}) as string,
    has: (key, params) => instance().exists(key, { ...params, lng: locale, fallbackLng: [] }),
    number: (value, decimals) =>
      new Intl.NumberFormat(
        formatLocale,
        decimals === undefined ? {} : { minimumFractionDigits: decimals, maximumFractionDigits: decimals },
      ).format(value),
    date: (value) => dates.format(typeof value === 'string' ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value),
  };
  translators.set(locale, made);
  return made;
}

/** The first language of an Accept-Language header the platform has ('sr' alone is Cyrillic, as in Serbia; 'cnr' or 'sr-ME' Montenegrin), by quality. */
export function fromAcceptLanguage(header: string | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...options] = part.trim().split(';');
      const q = options.map((o) => o.trim()).find((o) => o.startsWith('q='));
      return { tag: tag.trim(), quality: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    const locale = localeOfTag(tag);
    if (locale) return locale;
  }
  return null;
}

/** The platform's locale for a BCP 47 tag, or null. */
export function localeOfTag(tag: string): Locale | null {
  if (isLocale(tag)) return tag;
  const [base = '', ...rest] = tag.toLowerCase().split('-');
  if (base === 'sr') {
    if (rest.includes('me')) return 'cnr';
    return rest.includes('latn') ? 'sr-Latn' : 'sr-Cyrl';
  }
  if (base === 'cnr') return 'cnr';
  return isLocale(base) ? base : null;
}

/**
 * The reader's language: `?lang=` (a shared link), then the language the web app's page is read in
 * (its X-Language header: the page already followed the user's choice, or a link's ?lang= over it),
 * then the signed-in user's choice, then the browser's Accept-Language, else English.
 */
export function chooseLocale(input: {
  query?: unknown;
  pageLanguage?: string | string[] | undefined;
  userLanguage?: string | null;
  acceptLanguage?: string | undefined;
}): Locale {
  const asked = (input.query as { lang?: unknown } | undefined)?.lang;
  if (isLocale(asked)) return asked;
  if (isLocale(input.pageLanguage)) return input.pageLanguage;
  if (isLocale(input.userLanguage)) return input.userLanguage;
  return fromAcceptLanguage(input.acceptLanguage) ?? 'en';
}

/** A user's language for what is sent to them (notifications, e-mails): their choice, else English. */
export function localeOfUser(language: string | null | undefined): Locale {
  return isLocale(language) ? language : 'en';
}

/** For tests: forget the loaded texts so that changed files are read again. */
export function resetTranslations(): void {
  shared = null;
  translators.clear();
}
