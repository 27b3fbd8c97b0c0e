// Every server language folder against English, namespace by namespace: the same texts (plural keys
// per the language's CLDR categories), the same {{placeholders}}, and a review state. Serbian
// Cyrillic has no folder: it is derived from sr-Latn.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { LOCALE_DIR } from '../paths.js';
import { translator } from './index.js';
import { expectedKeys, flattenTexts as flatten, placeholdersOf as placeholders, PLURAL, type Texts } from './texts.js';
import { KOSOVO_DESIGNATION } from '../partners/designation.js';

const read = (language: string, file: string) =>
  JSON.parse(readFileSync(join(LOCALE_DIR, language, file), 'utf8')) as Texts & { $meta?: Record<string, unknown> };

const languages = readdirSync(LOCALE_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'en')
  .map((d) => d.name)
  .sort();
const namespaces = readdirSync(join(LOCALE_DIR, 'en'))
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('server language files', () => {
  it('are the six languages besides English, and no Serbian Cyrillic folder', () => {
    expect(languages).toEqual(['bs', 'cnr', 'hr', 'mk', 'sq', 'sr-Latn']);
  });

  for (const file of namespaces) {
    const english = flatten(read('en', file));

    it(`${file}: English plural groups have _one and _other`, () => {
      const groups = [...english.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, ''));
      for (const group of new Set(groups))
        expect([group, english.has(`${group}_one`), english.has(`${group}_other`)]).toEqual([group, true, true]);
    });

    for (const language of languages) {
      it(`${language}/${file}: every English text, in the language's plural forms, with the same placeholders, and its review state`, () => {
        expect(existsSync(join(LOCALE_DIR, language, file))).toBe(true);
        const texts = read(language, file);
        expect(texts.$meta).toMatchObject({ language, reviewed: expect.any(Boolean) });
        const own = flatten(texts);
        expect([...own.keys()].sort()).toEqual(expectedKeys(english, language));
        const wrong = [...own].filter(([key, text]) => {
          const source = english.get(key) ?? english.get(key.replace(PLURAL, '_other'))!;
          return JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(source));
        });
        expect(wrong.map(([key]) => key)).toEqual([]);
      });
    }
  }

  it('English documents carry the Kosovo designation word for word', () => {
    expect(translator('en').t('documents:kosovo_designation')).toBe(KOSOVO_DESIGNATION);
  });
});

describe('server texts and code', () => {
  const SRC = join(import.meta.dirname, '..', '..');
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sources(path);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
    });

  it('every English key is used: named in the code, or under a prefix the code completes (`submission.${step}.title`)', () => {
    const literals = new Set<string>();
    const prefixes = new Set<string>();
    for (const file of sources(SRC)) {
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) literals.add(node.text);
        if (ts.isTemplateExpression(node) && node.head.text.includes('.')) prefixes.add(node.head.text);
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    const unused: string[] = [];
    for (const file of readdirSync(join(LOCALE_DIR, 'en'))) {
      const namespace = file.replace(/\.json$/, '');
      const groups = new Set([...flatten(read('en', file)).keys()].map((key) => key.replace(PLURAL, '')));
      for (const key of groups) {
        const named = [key, `${namespace}:${key}`];
        const used =
          named.some((k) => literals.has(k)) ||
          [...prefixes].some((p) => named.some((k) => k.startsWith(p))) ||
          [...literals].some((l) => l.includes('.') && named.some((k) => k.startsWith(`${l}.`)));
        if (!used) unused.push(`${namespace}:${key}`);
      }
    }
    expect(unused).toEqual([]);
  });
});
