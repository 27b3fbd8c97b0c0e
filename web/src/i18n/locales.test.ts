// Every language file against the English one: the same texts (plural keys per CLDR for the
// language), the same placeholders, and a review state; and i18next choosing the right plural form.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import {
  expectedKeys,
  flattenTexts as flatten,
  placeholdersOf as placeholders,
  PLURAL,
  type Texts,
} from '../../../src/platform/i18n/texts';

const DIR = join(import.meta.dirname, 'locales');
const read = (file: string) => JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Texts & { $meta?: Record<string, unknown> };

const english = flatten(read('en.json'));
const others = readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'en.json');

describe('language files', () => {
  it('English plural groups have _one and _other', () => {
    const groups = [...english.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, ''));
    for (const group of new Set(groups)) expect([english.has(`${group}_one`), english.has(`${group}_other`)]).toEqual([true, true]);
  });

  for (const file of others) {
    const language = file.replace(/\.json$/, '');
    it(`${language}: every English text, in the language's plural forms, with the same placeholders, and its review state`, () => {
      const texts = read(file);
      expect(texts.$meta).toMatchObject({ locale: language, reviewed: expect.any(Boolean) });
      const own = flatten(texts);
      expect([...own.keys()].sort()).toEqual(expectedKeys(english, language));
      const wrong = [...own].filter(([key, text]) => {
        const source = english.get(key) ?? english.get(key.replace(PLURAL, '_other'))!;
        return JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(source));
      });
      expect(wrong.map(([key]) => key)).toEqual([]);
    });
  }
});

describe('plural forms', () => {
  it('follow CLDR: Serbian, Bosnian, Croatian and Montenegrin one/few/other; Macedonian 21 is one; Albanian one/other', async () => {
    const i18n = i18next.createInstance();
    const forms = { n_one: 'one', n_few: 'few', n_other: 'other' };
    await i18n.init({
      resources: Object.fromEntries(['sr-Latn', 'bs', 'hr', 'cnr', 'mk', 'sq'].map((l) => [l, { translation: forms }])),
      supportedLngs: ['sr-Latn', 'bs', 'hr', 'cnr', 'mk', 'sq'],
      nonExplicitSupportedLngs: false,
      load: 'currentOnly',
      fallbackLng: false,
    });
    const say = (lng: string) => [1, 2, 5, 11, 21, 22, 101].map((count) => i18n.t('n', { lng, count }));
    for (const lng of ['sr-Latn', 'bs', 'hr', 'cnr']) expect(say(lng)).toEqual(['one', 'few', 'other', 'other', 'one', 'few', 'one']);
    expect(say('mk')).toEqual(['one', 'other', 'other', 'other', 'one', 'other', 'one']);
    expect(say('sq')).toEqual(['one', 'other', 'other', 'other', 'other', 'other', 'other']);
  });
});
