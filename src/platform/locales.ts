// The languages of the web app (BCP 47 tags): English, Albanian, Macedonian, Serbian in Latin and
// Cyrillic script, Bosnian, Montenegrin and Croatian. The web app holds their texts
// (web/src/i18n/locales); the server keeps each user's choice.
export const LOCALES = ['en', 'sq', 'mk', 'sr-Latn', 'sr-Cyrl', 'bs', 'cnr', 'hr'] as const;

export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
