import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latinLeft, toCyrillic, toCyrillicTexts } from './cyrillic.js';
import { flattenTexts, type Texts } from './texts.js';

describe('Serbian Cyrillic from Latin', () => {
  it('maps letters and the digraphs lj, nj and dž, keeping the case', () => {
    expect(toCyrillic('Ljubljana, Njegoš i džep')).toBe('Љубљана, Његош и џеп');
    expect(toCyrillic('Pravosuđe i unutrašnji poslovi')).toBe('Правосуђе и унутрашњи послови');
    expect(toCyrillic('Ćuprija, Čačak, Žabalj')).toBe('Ћуприја, Чачак, Жабаљ');
  });

  it('leaves placeholders, acronyms, codes, addresses and the product name as written', () => {
    expect(toCyrillic('{{count}} podnesaka za {{partner}}')).toBe('{{count}} поднесака за {{partner}}');
    expect(toCyrillic('Preuzmite CSV ili SDMX za EU i WB6')).toBe('Преузмите CSV или SDMX за EU и WB6');
    expect(toCyrillic('Prijava u JHA Hub, vidi https://example.org/a i cases-AL.csv')).toBe(
      'Пријава у JHA Hub, види https://example.org/a и cases-AL.csv',
    );
  });

  it('converts every text of a nested object and nothing else', () => {
    expect(toCyrillicTexts({ a: { b: 'Sud', c_one: '{{count}} sud' }, n: 3 })).toEqual({ a: { b: 'Суд', c_one: '{{count}} суд' }, n: 3 });
  });
});

describe('the Serbian Cyrillic texts, derived from the Latin files', () => {
  const ROOT = join(import.meta.dirname, '..', '..', '..');
  const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { $meta?: { verbatim?: string[] } } & Record<string, unknown>;
  const files = [
    join(ROOT, 'web', 'src', 'i18n', 'locales', 'sr-Latn.json'),
    ...readdirSync(join(ROOT, 'locales', 'sr-Latn')).map((f) => join(ROOT, 'locales', 'sr-Latn', f)),
    ...(existsSync(join(ROOT, 'catalogs', 'i18n', 'sr-Latn.json')) ? [join(ROOT, 'catalogs', 'i18n', 'sr-Latn.json')] : []),
  ];

  it('keep no Latin letters outside codes, names, placeholders and the texts marked verbatim', () => {
    for (const file of files) {
      const texts = read(file);
      const verbatim = new Set(texts.$meta?.verbatim ?? []);
      const left = [...flattenTexts(toCyrillicTexts(texts, verbatim) as Texts)]
        .filter(([key, text]) => !verbatim.has(key) && latinLeft(text) !== '')
        .map(([key, text]) => `${file.slice(ROOT.length)} ${key}: ${text}`);
      expect(left).toEqual([]);
    }
  });

  it('keep codes, file types and foreign names as written', () => {
    expect(toCyrillic('Izaberite datoteku .csv ili .parquet (u Excelu: „CSV UTF-8”)')).toBe(
      'Изаберите датотеку .csv или .parquet (у Excelu: „CSV UTF-8”)',
    );
    expect(toCyrillic('closed_on je prazno; format %d.%m.%Y; axe-core i Word')).toBe(
      'closed_on је празно; формат %d.%m.%Y; axe-core и Word',
    );
    expect(latinLeft('Суд и case_type, CEPEJ')).toBe('');
    expect(latinLeft('Суд и court')).toBe('court');
  });
});
