import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../app/app.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { bearer, makeUser, type TestUser } from '../testing/factories.js';

// Error answers in the caller's language: the same `code` and details, the message (and each row's
// message) from locales/<lang>/messages.json.

const BAD_ROWS = [
  { dataset: 'justice.annual', partner: 'AL', period: '1991', variable: 'cases.incomin', value: 5 },
  { dataset: 'justice.annual', partner: 'AL', period: '1991', variable: 'cases.incoming', value: '12 345' },
];
const ENGLISH = {
  code: 'validation_failed',
  message:
    'Import rejected, nothing was changed: 2 problems. row 1, variable: "cases.incomin" is not a variable of dataset justice.annual; ' +
    'row 2, value: "12 345" is not a number or one of NA, NAP, NQ (no thousands separators)',
  details: [
    { row: 1, column: 'variable', message: '"cases.incomin" is not a variable of dataset justice.annual' },
    { row: 2, column: 'value', message: '"12 345" is not a number or one of NA, NAP, NQ (no thousands separators)' },
  ],
};
const SERBIAN = {
  code: 'validation_failed',
  message:
    'Uvoz je odbijen, ništa nije izmenjeno: 2 problema. red 1, variable: „cases.incomin” nije varijabla skupa podataka justice.annual; ' +
    'red 2, value: „12 345” nije broj niti jedna od oznaka NA, NAP, NQ (bez razdvajača hiljada)',
  details: [
    { row: 1, column: 'variable', message: '„cases.incomin” nije varijabla skupa podataka justice.annual' },
    { row: 2, column: 'value', message: '„12 345” nije broj niti jedna od oznaka NA, NAP, NQ (bez razdvajača hiljada)' },
  ],
};

describeEachDatabase('error messages in the caller’s language', (get) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
  });
  afterAll(async () => app.close());

  const importAs = (who: TestUser, headers: Record<string, string> = {}, url = '/api/v1/imports/values') =>
    app.inject({ method: 'POST', url, headers: { ...bearer(who), ...headers }, payload: { values: BAD_ROWS } });

  it('refuses an import in English by default and in Serbian for Accept-Language: sr-Latn, with the same code', async () => {
    const al = await makeUser(get().db, 'coordinator', 'AL');
    const english = await importAs(al);
    expect([english.statusCode, english.json().error]).toEqual([400, ENGLISH]);
    const serbian = await importAs(al, { 'accept-language': 'sr-Latn' });
    expect([serbian.statusCode, serbian.json().error]).toEqual([400, SERBIAN]);
  });

  it('writes to a user in the language of their profile, unless the address names another', async () => {
    const al = await makeUser(get().db, 'coordinator', 'AL');
    const chosen = await app.inject({ method: 'PUT', url: '/api/v1/me/language', headers: bearer(al), payload: { language: 'sr-Latn' } });
    expect(chosen.statusCode).toBe(200);
    expect((await importAs(al, { 'accept-language': 'en' })).json().error).toEqual(SERBIAN);
    expect((await importAs(al, {}, '/api/v1/imports/values?lang=en')).json().error).toEqual(ENGLISH);
    // Serbian in Cyrillic script is the Latin text transliterated; codes and placeholders stay Latin.
    const cyrillic = (await importAs(al, {}, '/api/v1/imports/values?lang=sr-Cyrl')).json().error;
    expect([cyrillic.code, cyrillic.details[1].message]).toEqual([
      'validation_failed',
      '„12 345” није број нити једна од ознака NA, NAP, NQ (без раздвајача хиљада)',
    ]);
  });

  it('renders a request-schema error, a missing record and a refused access in the caller’s language', async () => {
    const al = await makeUser(get().db, 'coordinator', 'AL');
    const schema = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/language',
      headers: { ...bearer(al), 'accept-language': 'hr' },
      payload: {},
    });
    expect([schema.statusCode, schema.json().error]).toEqual([
      400,
      { code: 'validation_failed', message: 'language: je obvezno', details: [{ field: 'language', message: 'je obvezno' }] },
    ]);
    const missing = await app.inject({
      method: 'GET',
      url: '/api/v1/indicators/justice.no_such_indicator/values',
      headers: { 'accept-language': 'mk' },
    });
    expect([missing.statusCode, missing.json().error]).toEqual([
      404,
      {
        code: 'not_found',
        message: 'Индикаторот justice.no_such_indicator не постои.',
        details: { entity: 'Indicator', id: 'justice.no_such_indicator' },
      },
    ]);
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { 'accept-language': 'sq' } });
    expect([anonymous.statusCode, anonymous.json().error]).toEqual([
      401,
      { code: 'authentication_required', message: 'Hyni për të vazhduar.', details: null },
    ]);
  });

  it('gives a submission’s validation findings in the reader’s language: rule messages from the catalogue, checks from messages.json', async () => {
    const al = await makeUser(get().db, 'coordinator', 'AL');
    const url = '/api/v1/submissions/justice.annual/AL/1993';
    const values = [
      { variable: 'cases.pending_end', value: 10 },
      { variable: 'cases.pending_over_2y', value: 20 },
      { variable: 'cases.incoming', value: 100 },
      { variable: 'cases.incoming', coords: { instance: 'first' }, value: 40 },
    ];
    const saved = await app.inject({ method: 'PUT', url: `${url}/values`, headers: bearer(al), payload: { version: 0, values } });
    expect(saved.statusCode).toBe(200);
    const read = async (language: string) => {
      const answer = await app.inject({ method: 'GET', url, headers: { ...bearer(al), 'accept-language': language } });
      const findings: { ruleCode: string; message: string }[] = answer.json().findings;
      return ['justice.old_within_pending', 'total_mismatch'].map((code) => findings.find((f) => f.ruleCode === code)?.message);
    };
    expect(await read('en')).toEqual([
      'Pending cases older than 2 years cannot exceed all pending cases.',
      'Incoming cases: the given total 100 differs from the sum of its breakdown 40.',
    ]);
    expect(await read('sr-Latn')).toEqual([
      'Nerešenih predmeta starijih od 2 godine ne može biti više od svih nerešenih predmeta.',
      'Primljeni predmeti: navedeni ukupan iznos 100 razlikuje se od zbira njegove raspodele 40.',
    ]);
  });

  it('refuses a workflow step in the wrong state in the caller’s language, with the status translated', async () => {
    const al = await makeUser(get().db, 'coordinator', 'AL');
    const url = '/api/v1/submissions/justice.annual/AL/1992';
    const saved = await app.inject({
      method: 'PUT',
      url: `${url}/values`,
      headers: bearer(al),
      payload: { version: 0, values: [{ variable: 'cases.incoming', value: 10 }] },
    });
    expect(saved.statusCode).toBe(200);
    const commission = await makeUser(get().db, 'commission');
    const approve = await app.inject({
      method: 'POST',
      url: `${url}/approve`,
      headers: { ...bearer(commission), 'accept-language': 'sr-Latn' },
      payload: { version: saved.json().version },
    });
    expect([approve.statusCode, approve.json().error]).toEqual([
      409,
      { code: 'conflict', message: 'Ne može se odobriti podnesak koji je u nacrtu.', details: { status: 'draft' } },
    ]);
  });
});
