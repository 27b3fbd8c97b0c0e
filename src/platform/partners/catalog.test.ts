import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { parsePartnerCatalog } from './catalog.js';
import { loadShippedPartners } from './partners.service.js';

describe('partner catalogue', () => {
  it('ships the EU, the six Western Balkan partners and the 27 member states', () => {
    const partners = loadShippedPartners();
    expect(partners.filter((p) => p.group === 'WB6').map((p) => p.code)).toEqual(['AL', 'BA', 'XK', 'ME', 'MK', 'RS']);
    expect(partners.filter((p) => p.group === 'EU27')).toHaveLength(27);
    expect(partners.find((p) => p.code === 'EU')?.name).toBe('European Union');
    expect(partners.find((p) => p.code === 'HR')?.name).toBe('Croatia');
  });

  const header = 'groups:\n  WB6: Western Balkans\npartners:\n';
  const problem = (text: string) => {
    try {
      parsePartnerCatalog(text, 'partners.yaml');
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      return (err as Error).message;
    }
    throw new Error('expected an error');
  };

  it('names file and line of a bad entry', () => {
    expect(problem(`${header}  - { code: AL, name: Albania, group: WB6 }\n  - { code: al, name: x, group: WB6 }\n`)).toMatch(
      /^partners\.yaml:5: partner #2: code must be two capital letters/,
    );
    expect(problem(`${header}  - { code: AL, name: Albania, group: WB6 }\n  - { code: AL, name: Again, group: WB6 }\n`)).toMatch(
      /^partners\.yaml:5: partner AL is listed twice/,
    );
    expect(problem(`${header}  - { code: RS, name: Serbia, group: XX }\n`)).toMatch(
      /^partners\.yaml:4: partner RS: group "XX" is not one of WB6/,
    );
  });

  it('names the line of a YAML syntax error', () => {
    expect(problem(`${header}  - { code: AL, name: Albania\n`)).toMatch(/^partners\.yaml:\d+: /);
  });
});
