import { describe, expect, it } from 'vitest';
import { chooseLocale, fromAcceptLanguage, localeOfTag, translator } from './index.js';

describe('server texts in the reader’s language', () => {
  it('chooses ?lang=, then the user’s choice, then Accept-Language by quality, else English', () => {
    expect(chooseLocale({ query: { lang: 'sq' }, userLanguage: 'mk', acceptLanguage: 'hr' })).toBe('sq');
    expect(chooseLocale({ query: { lang: 'xx' }, userLanguage: 'mk', acceptLanguage: 'hr' })).toBe('mk');
    expect(chooseLocale({ query: {}, userLanguage: null, acceptLanguage: 'de;q=0.9, hr;q=0.8, en;q=0.5' })).toBe('hr');
    expect(chooseLocale({ acceptLanguage: 'de, fr' })).toBe('en');
    // The web app's page language (X-Language) comes after a link's ?lang= and before the profile.
    expect(chooseLocale({ query: {}, pageLanguage: 'sq', userLanguage: 'mk', acceptLanguage: 'hr' })).toBe('sq');
    expect(chooseLocale({ query: { lang: 'bs' }, pageLanguage: 'sq', userLanguage: 'mk' })).toBe('bs');
    expect(chooseLocale({ pageLanguage: 'xx', userLanguage: 'mk' })).toBe('mk');
    expect(fromAcceptLanguage('en;q=0.2, sq-AL;q=0.7')).toBe('sq');
    expect(fromAcceptLanguage('*')).toBe(null);
  });

  it('reads Serbian tags as the scripts and Montenegro as Montenegrin', () => {
    expect(localeOfTag('sr')).toBe('sr-Cyrl');
    expect(localeOfTag('sr-RS')).toBe('sr-Cyrl');
    expect(localeOfTag('sr-Latn-RS')).toBe('sr-Latn');
    expect(localeOfTag('sr-ME')).toBe('cnr');
    expect(localeOfTag('mk-MK')).toBe('mk');
    expect(localeOfTag('de')).toBe(null);
  });

  it('picks CLDR plural forms and derives Serbian Cyrillic from the Latin file', () => {
    const sr = translator('sr-Latn');
    expect([1, 2, 5, 21, 22, 11].map((count) => sr.t('messages:schema.minItems', { count }))).toEqual([
      'treba najmanje 1 stavku',
      'treba najmanje 2 stavke',
      'treba najmanje 5 stavki',
      'treba najmanje 21 stavku',
      'treba najmanje 22 stavke',
      'treba najmanje 11 stavki',
    ]);
    expect(translator('sr-Cyrl').t('messages:schema.minItems', { count: 3 })).toBe('треба најмање 3 ставке');
    expect(translator('mk').t('messages:schema.minItems', { count: 21 })).toBe('бара најмалку 21 ставка');
    expect(translator('cnr').t('messages:schema.minItems', { count: 4 })).toBe('treba najmanje 4 stavke');
  });

  it('falls back to English for a key a language lacks, and writes numbers and dates as the language does', () => {
    expect(translator('sq').t('messages:only_in_tests_missing', { defaultValue: 'x' })).toBe('x');
    expect(translator('mk').number(1234567.5, 1)).toBe('1.234.567,5');
    expect(translator('en').number(1234567.5, 1)).toBe('1,234,567.5');
    expect(translator('sq').date('2026-12-01')).toBe('1 dhjetor 2026');
    expect(translator('en').date('2026-12-01')).toBe('1 December 2026');
  });
});
