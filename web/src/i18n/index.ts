// i18next set-up. English is bundled; every other language is a file of its own in ./locales
// (i18next JSON v4, plural keys per CLDR: _one/_other, and _few in Serbian, Bosnian, Montenegrin
// and Croatian), fetched when first chosen. Serbian Cyrillic is derived from sr-Latn.json
// (cyrillic.ts). Changing the language also changes <html lang>, the number and date formats
// (platform/format.ts) and what the browser remembers.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setFormatLocale } from '../platform/format';
import { toCyrillicTexts } from '../../../src/platform/i18n/cyrillic';
import { ensureIntlData } from './intl-data';
import en from './locales/en.json';
import { FORMAT_LOCALES, isLocale, LOCALES as LANGUAGES, type Locale as Language } from '../../../src/platform/locales';

// The server keeps each user's choice among the same list.
export { LOCALES as LANGUAGES, type Locale as Language } from '../../../src/platform/locales';

/** Each language's name in itself, as the switch lists them (CLDR has no Montenegrin: written by hand, as all are). */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  sq: 'shqip',
  mk: 'македонски',
  'sr-Latn': 'srpski',
  'sr-Cyrl': 'српски',
  bs: 'bosanski',
  cnr: 'crnogorski',
  hr: 'hrvatski',
};

const STORED = 'jha.language';

export const isLanguage = isLocale;

type Texts = Record<string, unknown>;
const files = import.meta.glob<{ default: Texts }>(['./locales/*.json', '!./locales/en.json']);

/** A language's texts without the file's `$meta` (its review state), Serbian Cyrillic derived from the Latin file. */
async function textsOf(language: Language): Promise<Texts | null> {
  const file = files[`./locales/${language === 'sr-Cyrl' ? 'sr-Latn' : language}.json`];
  if (!file) return null;
  const { $meta: meta, ...texts } = (await file()).default as Texts & { $meta?: { verbatim?: string[] } };
  // Code samples (marked verbatim in the file's $meta) read the same in both scripts.
  return language === 'sr-Cyrl' ? toCyrillicTexts(texts, new Set(meta?.verbatim ?? [])) : texts;
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
  lng: 'en',
  fallbackLng: 'en',
  // Each language as it is (no fallback from sr-Latn to sr); plurals come from Intl, which gives
  // Montenegrin (no CLDR locale of its own) Serbian's rules.
  supportedLngs: [...LANGUAGES],
  nonExplicitSupportedLngs: false,
  load: 'currentOnly',
  interpolation: { escapeValue: false },
});

/** Switches the app to `language`: loads its texts once, sets <html lang>, the formats, and remembers it in this browser. */
export async function switchLanguage(language: Language): Promise<void> {
  if (language !== 'en' && !i18n.hasResourceBundle(language, 'translation')) {
    const texts = await textsOf(language);
    if (texts) i18n.addResourceBundle(language, 'translation', texts);
  }
  await ensureIntlData(FORMAT_LOCALES[language]);
  setFormatLocale(FORMAT_LOCALES[language]);
  await i18n.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    localStorage.setItem(STORED, language);
  } catch {
    // Storage refused (private mode): the choice lasts for this page.
  }
}

/** The language to start in: ?lang= in the address (a shared link), then this browser's last choice, then its languages, else English. */
export function initialLanguage(): Language {
  const asked = new URLSearchParams(window.location.search).get('lang');
  if (isLanguage(asked)) return asked;
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORED);
  } catch {
    stored = null;
  }
  if (isLanguage(stored)) return stored;
  return fromBrowser(navigator.languages ?? [navigator.language]);
}

/** The first of the browser's languages the app has ('sr' and 'sr-RS' are Serbian Cyrillic, 'sr-Latn-…' Latin; 'me'/'cnr' Montenegrin). */
export function fromBrowser(tags: readonly string[]): Language {
  for (const tag of tags) {
    const [base, ...rest] = tag.split('-');
    const lower = base?.toLowerCase();
    if (lower === 'sr') return rest.some((p) => p.toLowerCase() === 'latn') ? 'sr-Latn' : 'sr-Cyrl';
    if (lower === 'cnr') return 'cnr';
    if (isLanguage(lower)) return lower;
  }
  return 'en';
}

/** Whether the address itself asks for a language (a shared link wins over the profile). */
export function languageInAddress(): boolean {
  return isLanguage(new URLSearchParams(window.location.search).get('lang'));
}

export default i18n;
