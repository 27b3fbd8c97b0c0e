// The languages of the web app (BCP 47 tags): English, Albanian, Macedonian, Serbian in Latin and
// Cyrillic script, Bosnian, Montenegrin and Croatian. The web app holds its texts
// (web/src/i18n/locales), the server its own (locales/, platform/i18n); the server keeps each user's choice.
export const LOCALES = ['en', 'sq', 'mk', 'sr-Latn', 'sr-Cyrl', 'bs', 'cnr', 'hr'] as const;

export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The locale numbers and dates are written in: British English for English; Montenegrin as Serbian (Latin) of Montenegro. */
export const FORMAT_LOCALES: Record<Locale, string> = {
  en: 'en-GB',
  sq: 'sq',
  mk: 'mk',
  'sr-Latn': 'sr-Latn',
  'sr-Cyrl': 'sr-Cyrl',
  bs: 'bs',
  cnr: 'sr-Latn-ME',
  hr: 'hr',
};
