import { describe, expect, it } from 'vitest';
import { toCyrillic, toCyrillicTexts } from './cyrillic';

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
