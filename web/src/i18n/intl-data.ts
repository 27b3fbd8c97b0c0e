// Number and date formats for the region's languages in browsers whose Intl lacks their data. Some
// Chromium builds carry no Macedonian or Albanian number and date data and only part of Bosnian:
// they write '12,345.6' and 'December 10, 2026' for all three. Then, and only then, the FormatJS
// polyfills with their CLDR data are loaded for the language chosen (and English, which the app
// may switch back to), so every page writes '12.345,6' and '10 декември 2026' as CLDR says.

type Load = () => Promise<unknown>;

/** CLDR data per format locale (platform/locales.ts FORMAT_LOCALES), numbers and dates apart. */
const NUMBER_DATA: Record<string, Load> = {
  en: () => import('@formatjs/intl-numberformat/locale-data/en.js'),
  'en-GB': () => import('@formatjs/intl-numberformat/locale-data/en-GB.js'),
  sq: () => import('@formatjs/intl-numberformat/locale-data/sq.js'),
  mk: () => import('@formatjs/intl-numberformat/locale-data/mk.js'),
  'sr-Latn': () => import('@formatjs/intl-numberformat/locale-data/sr-Latn.js'),
  'sr-Cyrl': () => import('@formatjs/intl-numberformat/locale-data/sr-Cyrl.js'),
  bs: () => import('@formatjs/intl-numberformat/locale-data/bs.js'),
  'sr-Latn-ME': () => import('@formatjs/intl-numberformat/locale-data/sr-Latn-ME.js'),
  hr: () => import('@formatjs/intl-numberformat/locale-data/hr.js'),
};
const DATE_DATA: Record<string, Load> = {
  en: () => import('@formatjs/intl-datetimeformat/locale-data/en.js'),
  'en-GB': () => import('@formatjs/intl-datetimeformat/locale-data/en-GB.js'),
  sq: () => import('@formatjs/intl-datetimeformat/locale-data/sq.js'),
  mk: () => import('@formatjs/intl-datetimeformat/locale-data/mk.js'),
  'sr-Latn': () => import('@formatjs/intl-datetimeformat/locale-data/sr-Latn.js'),
  'sr-Cyrl': () => import('@formatjs/intl-datetimeformat/locale-data/sr-Cyrl.js'),
  bs: () => import('@formatjs/intl-datetimeformat/locale-data/bs.js'),
  'sr-Latn-ME': () => import('@formatjs/intl-datetimeformat/locale-data/sr-Latn-ME.js'),
  hr: () => import('@formatjs/intl-datetimeformat/locale-data/hr.js'),
};

/**
 * Whether the browser writes the locale's numbers as CLDR does: every language of the region but
 * English writes a decimal comma, so a browser that writes '1.5' for one of them has no data for it.
 */
export function numbersMissing(locale: string, format = (l: string) => new Intl.NumberFormat(l).format(1.5)): boolean {
  return !locale.startsWith('en') && format(locale) !== '1,5';
}

/** Whether the browser names the months in the locale's language (December is English only). */
export function datesMissing(
  locale: string,
  format = (l: string) => new Intl.DateTimeFormat(l, { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 11, 10)),
): boolean {
  return !locale.startsWith('en') && format(locale) === 'December';
}

let numbersPolyfilled = false;
let datesPolyfilled = false;

/** Makes Intl write `locale` (a format locale) as CLDR does, loading the polyfills the first time they are needed. */
export async function ensureIntlData(locale: string): Promise<void> {
  if (numbersPolyfilled || numbersMissing(locale)) {
    if (!numbersPolyfilled) await import('@formatjs/intl-numberformat/polyfill-force.js');
    numbersPolyfilled = true;
    await Promise.all([NUMBER_DATA.en!(), NUMBER_DATA['en-GB']!(), NUMBER_DATA[locale]?.()]);
  }
  if (datesPolyfilled || datesMissing(locale)) {
    if (!datesPolyfilled) {
      await import('@formatjs/intl-datetimeformat/polyfill-force.js');
      // Meetings are shown in their own time zone: every zone the time-zone field offers.
      await import('@formatjs/intl-datetimeformat/add-all-tz.js');
    }
    datesPolyfilled = true;
    await Promise.all([DATE_DATA.en!(), DATE_DATA['en-GB']!(), DATE_DATA[locale]?.()]);
  }
}
