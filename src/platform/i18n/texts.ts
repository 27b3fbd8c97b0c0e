// What the checks of the translation files share, for the server's files (locales/) and the web
// app's (web/src/i18n/locales) alike: a file's texts by their dotted keys, CLDR plural suffixes,
// placeholders, and the keys a language must have.

export type Texts = { [key: string]: string | Texts };

/** Every text of a translation file by its dotted key ('nav.home'), without the file's `$meta`. */
export function flattenTexts(texts: Texts, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(texts)) {
    if (key === '$meta') continue;
    if (typeof value === 'string') out.set(`${prefix}${key}`, value);
    else for (const [k, v] of flattenTexts(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

/** i18next's plural suffixes (key_one, key_few, key_other). */
export const PLURAL = /_(zero|one|two|few|many|other)$/;

/** The {{placeholders}} of a text, sorted. */
export const placeholdersOf = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

/** The keys a language must have: English's, each English plural group with the language's CLDR categories (Montenegrin's are Serbian's). */
export function expectedKeys(english: Map<string, string>, language: string): string[] {
  const categories = new Intl.PluralRules(language === 'cnr' ? 'sr' : language).resolvedOptions().pluralCategories;
  const keys = new Set<string>();
  for (const key of english.keys()) {
    if (PLURAL.test(key)) for (const c of categories) keys.add(key.replace(PLURAL, `_${c}`));
    else keys.add(key);
  }
  return [...keys].sort();
}
