import type { FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app/app.js';
import { CATALOG_DIR } from '../platform/paths.js';
import { createTestDatabase, testConfig, type TestDatabase } from '../testing/databases.js';
import { CatalogError, loadCatalogs } from './catalog.js';
import { catalogIn } from './catalog-i18n.js';

const JUSTICE = `
domain: justice
label: Justice
dimensions:
  instance:
    label: Instance
    codes:
      - { code: first, label: First instance }
      - { code: second, label: Second instance }
variables:
  - { code: cases.incoming, label: Incoming cases, kind: flow, dimensions: [instance] }
  - { code: cases.resolved, label: Resolved cases, kind: flow, dimensions: [instance] }
datasets:
  - { code: justice.annual, label: Annual, period: yearly, level: partner, variables: [cases.incoming, cases.resolved] }
indicators:
  - { code: justice.clearance_rate, label: Clearance rate, unit: '%', numerator: cases.resolved, denominator: cases.incoming, factor: 100 }
`;

/** A catalogue folder of one file and the given translation files (language → content). */
function folder(translations: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'jha-catalog-i18n-'));
  writeFileSync(join(dir, 'justice.yaml'), JUSTICE);
  mkdirSync(join(dir, 'i18n'));
  for (const [name, content] of Object.entries(translations))
    writeFileSync(join(dir, 'i18n', name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

describe('catalogue translation files', () => {
  const dirs: string[] = [];
  const load = (translations: Record<string, unknown>) => {
    const dir = folder(translations);
    dirs.push(dir);
    return { dir, catalog: () => loadCatalogs(dir) };
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('gives the language’s labels, English for what it lacks, and Serbian Cyrillic from the Latin file', () => {
    const { catalog } = load({
      'sr-Latn.json': {
        $meta: { language: 'sr-Latn', reviewed: false },
        indicators: { 'justice.clearance_rate': { label: 'Stopa rešavanja' } },
        dimensions: { instance: { label: 'Stepen', codes: { first: 'Prvi stepen' } } },
      },
    });
    const loaded = catalog();
    const latin = catalogIn(loaded, 'sr-Latn');
    expect(latin.indicators.get('justice.clearance_rate')!.label).toBe('Stopa rešavanja');
    expect(latin.variables.get('cases.incoming')!.label).toBe('Incoming cases');
    expect(latin.dimensions.get('instance')).toMatchObject({
      label: 'Stepen',
      codes: [
        { code: 'first', label: 'Prvi stepen' },
        { code: 'second', label: 'Second instance' },
      ],
    });
    expect(catalogIn(loaded, 'sr-Cyrl').indicators.get('justice.clearance_rate')!.label).toBe('Стопа решавања');
    // Languages without a file, and English, are the catalogue itself.
    expect(catalogIn(loaded, 'sq')).toBe(loaded);
    expect(catalogIn(loaded, 'en')).toBe(loaded);
    expect(loaded.indicators.get('justice.clearance_rate')!.label).toBe('Clearance rate');
  });

  it('refuses a key that names no code of the catalogue, or no translated field, naming the file and the key', () => {
    const unknownCode = load({ 'mk.json': { indicators: { 'justice.clearance_rat': { label: 'Стапка' } } } });
    expect(unknownCode.catalog).toThrow(CatalogError);
    expect(unknownCode.catalog).toThrow(
      `${join(unknownCode.dir, 'i18n', 'mk.json')}: indicators.justice.clearance_rat: the catalogue has no indicator justice.clearance_rat`,
    );
    const unknownDimensionCode = load({ 'hr.json': { dimensions: { instance: { codes: { third: 'Treći stupanj' } } } } });
    expect(unknownDimensionCode.catalog).toThrow(': dimensions.instance.codes.third: instance has no code third');
    const unknownField = load({ 'sq.json': { variables: { 'cases.incoming': { lable: 'Çështje' } } } });
    expect(unknownField.catalog).toThrow(': variables.cases.incoming.lable: not translated here (label, definition)');
    const unknownSection = load({ 'bs.json': { indicator: {} } });
    expect(unknownSection.catalog).toThrow(': indicator: not a section of catalogue translations');
    const notText = load({ 'cnr.json': { datasets: { 'justice.annual': { label: 7 } } } });
    expect(notText.catalog).toThrow(': datasets.justice.annual.label: must be a text');
    const unknownPartner = load({ 'sq.json': { partners: { QQ: { name: 'Askund' } } } });
    expect(unknownPartner.catalog).toThrow(': partners.QQ: the catalogue has no partner QQ');
  });

  it('refuses a file named after no translated language, and one that is no JSON', () => {
    expect(load({ 'en.json': {} }).catalog).toThrow('en.json: not a translation file');
    expect(load({ 'de.json': {} }).catalog).toThrow('de.json: not a translation file');
    expect(load({ 'hr.json': '{ "datasets": ' }).catalog).toThrow('hr.json: not valid JSON');
  });

  it('checks the shipped translation files against the shipped catalogue', () => {
    const shipped = loadCatalogs(CATALOG_DIR);
    for (const locale of ['sq', 'mk', 'sr-Latn', 'sr-Cyrl', 'bs', 'cnr', 'hr'] as const)
      expect(catalogIn(shipped, locale).indicators.get('justice.clearance_rate')!.label).not.toBe('Clearance rate');
  });
});

describe('catalogue labels over HTTP', () => {
  let database: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    app = await buildApp({ config: testConfig(database.config), db: database.db, logger: false });
  });
  afterAll(async () => {
    await app.close();
    await database.dispose();
  });

  const get = (url: string, language?: string) =>
    app.inject({ method: 'GET', url, headers: language ? { 'accept-language': language } : {} });

  it('answers GET /catalog in Macedonian, English where a code is not translated, Serbian Cyrillic transliterated', async () => {
    const english = (await get('/api/v1/catalog')).json();
    const untranslated = english.indicators.find((i: { domain: string }) => i.domain !== 'justice' && i.domain !== 'migration');
    const macedonian = await get('/api/v1/catalog', 'mk-MK, en;q=0.5');
    expect(macedonian.headers.vary).toContain('accept-language');
    const mk = macedonian.json();
    const byCode = (answer: typeof mk, code: string) => answer.indicators.find((i: { code: string }) => i.code === code);
    expect(byCode(mk, 'justice.clearance_rate').label).toBe('Стапка на решавање');
    expect(byCode(mk, untranslated.code).label).toBe(untranslated.label);
    expect(mk.dimensions.find((d: { code: string }) => d.code === 'instance').codes[0]).toEqual({ code: 'first', label: 'Прв степен' });
    expect(mk.domains.find((d: { code: string }) => d.code === 'justice').label).toBe('Ефикасност на правосудството (методологија CEPEJ)');
    const cyrillic = (await get('/api/v1/catalog', 'sr')).json();
    expect(byCode(cyrillic, 'justice.clearance_rate').label).toBe('Стопа решавања');
    expect(byCode(cyrillic, 'migration.recognition_rate').label).toBe('Стопа признавања (први степен)');
    expect(byCode(english, 'justice.clearance_rate').label).toBe('Clearance rate');
  });

  it('names the indicator of an answer and the partners in the caller’s language', async () => {
    const values = (await get('/api/v1/indicators/justice.clearance_rate/values?period=2019', 'hr')).json();
    expect(values.indicator).toMatchObject({ code: 'justice.clearance_rate', label: 'Stopa rješavanja' });
    // The stored English answer is not served to another language; ?lang= names one and filters nothing.
    expect((await get('/api/v1/indicators/justice.clearance_rate/values?period=2019')).json().indicator.label).toBe('Clearance rate');
    const asked = await get('/api/v1/indicators/justice.clearance_rate/values?period=2019&lang=mk');
    expect([asked.statusCode, asked.json().indicator.label, asked.json().dimensions]).toEqual([200, 'Стапка на решавање', {}]);
    const list = (await get('/api/v1/indicators', 'sq')).json().indicators;
    expect(list.find((i: { code: string }) => i.code === 'justice.disposition_time').label).toBe('Koha e zgjidhjes');
    const partners = (await get('/api/v1/partners', 'sq')).json().partners;
    expect(partners.filter((p: { group: string }) => p.group === 'WB6').map((p: { name: string }) => p.name)).toEqual([
      'Shqipëria',
      'Bosnja dhe Hercegovina',
      'Kosova',
      'Mali i Zi',
      'Maqedonia e Veriut',
      'Serbia',
    ]);
    expect(partners.find((p: { code: string }) => p.code === 'DE').name).toBe('Germany');
  });
});
