// The texts of the web app against its code: every key the code asks for exists in English (and so,
// by locales.test.ts, in every language), every English key is used somewhere, and no page writes
// words to the reader outside the translation files (JSX text, or a label, title, placeholder,
// description, alt or aria-label given as a plain string). Read with the TypeScript compiler, so
// that comments and type names do not count.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { flattenTexts, PLURAL, type Texts } from '../../../src/platform/i18n/texts';

const WEB = join(import.meta.dirname, '..');
const READER_ATTRIBUTES = new Set(['label', 'title', 'placeholder', 'description', 'alt', 'aria-label']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Words meant for a reader: a text with a space and a word of letters (not a code, a file header or an address). */
const isWords = (text: string) => /\p{L}{2,}/u.test(text) && /\s/.test(text.trim());

interface Scan {
  /** Keys given to t() as a literal. */
  asked: { key: string; where: string }[];
  /** Every string literal, and the fixed start of every template literal (`status.${s}` → 'status.'). */
  literals: Set<string>;
  prefixes: Set<string>;
  /** Words written straight into the page. */
  written: string[];
}

function scan(): Scan {
  const out: Scan = { asked: [], literals: new Set(), prefixes: new Set(), written: [] };
  for (const file of sourceFiles(WEB)) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const where = (node: ts.Node) => `${relative(WEB, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.literals.add(node.text);
      if (ts.isTemplateExpression(node)) out.prefixes.add(node.head.text);
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 't') {
        const first = node.arguments[0];
        if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)))
          out.asked.push({ key: first.text, where: where(node) });
      }
      if (ts.isJsxText(node) && isWords(node.text)) out.written.push(`${where(node)} ${node.text.trim()}`);
      if (
        ts.isJsxAttribute(node) &&
        READER_ATTRIBUTES.has(node.name.getText()) &&
        node.initializer &&
        ts.isStringLiteral(node.initializer)
      ) {
        if (isWords(node.initializer.text)) out.written.push(`${where(node)} ${node.getText()}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

const english = [...flattenTexts(JSON.parse(readFileSync(join(WEB, 'i18n', 'locales', 'en.json'), 'utf8')) as Texts).keys()];
const groups = new Set(english.map((key) => key.replace(PLURAL, '')));
const found = scan();

describe('texts and code', () => {
  it('every key the code gives t() is in the English file', () => {
    // The scan sees the calls: the skip link's text is asked for in App.tsx, once.
    expect(found.asked.filter(({ key }) => key === 'a11y.skip').map(({ where }) => where.replace(/:\d+$/, ''))).toEqual(['App.tsx']);
    expect(found.asked.filter(({ key }) => !groups.has(key)).map(({ key, where }) => `${where} ${key}`)).toEqual([]);
  });

  it('every English key is used: named in the code, or under a prefix the code completes (`status.${s}`, texts="thread.kind")', () => {
    const prefixes = [...found.prefixes].filter((p) => p.endsWith('.'));
    const used = (key: string) =>
      found.literals.has(key) ||
      prefixes.some((p) => key.startsWith(p)) ||
      [...found.literals].some((l) => l.includes('.') && key.startsWith(`${l}.`));
    expect([...groups].filter((key) => !used(key))).toEqual([]);
  });

  it('no page writes words to the reader outside the translation files', () => {
    expect(found.written).toEqual([]);
  });
});
