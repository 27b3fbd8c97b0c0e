import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app/app.js';
import { describeEachDatabase, testConfig } from '../../testing/databases.js';
import { bearer, makeUser, type TestUser } from '../../testing/factories.js';
import { jsonDepth, textProblemAt } from './input-hygiene.js';

/** The path of the first text holding a control character, or null. */
const controlCharacterAt = (value: unknown, path: string) => {
  const hit = textProblemAt(value, path);
  return hit?.problem === 'control' ? hit.field : null;
};

describe('input hygiene rules', () => {
  it('measures JSON depth without parsing, ignoring brackets inside strings', () => {
    expect(jsonDepth('{"a":[1,[2]],"b":"[[[["}')).toBe(3);
    expect(jsonDepth('"\\"[["')).toBe(0);
    expect(jsonDepth('['.repeat(10_000), 64)).toBe(65);
  });

  it('names the first text over the length limit', () => {
    expect(textProblemAt({ a: 'short', b: ['x'.repeat(100_001)] }, '')).toEqual({ field: 'b[0]', problem: 'length' });
    expect(textProblemAt({ a: 'x'.repeat(100_000) }, '')).toBeNull();
  });

  it('names the first text with a control character', () => {
    expect(controlCharacterAt({ values: [{ comment: 'fine\nand\ttabbed' }, { comment: 'bad\u0000' }] }, '')).toBe('values[1].comment');
    expect(controlCharacterAt({ email: 'a\u0007@x' }, '')).toBe('email');
    expect(controlCharacterAt({ ok: 'line\r\nbreak' }, '')).toBeNull();
    // A streamed upload's body is a stream, not parsed text: never walked (it hung the server).
    expect(
      controlCharacterAt(
        new (class Stream {
          socket = { name: 'x\u0000' };
        })(),
        '',
      ),
    ).toBeNull();
  });
});

describeEachDatabase('input hygiene over HTTP', (get) => {
  let app: FastifyInstance;
  let al: TestUser;
  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
    al = await makeUser(get().db, 'coordinator', 'AL');
  });
  afterAll(async () => app.close());

  it('refuses NUL in a sign-in with 400 naming the field, on both databases', async () => {
    const answer = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'a\u0000@example.org', password: 'x' },
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().error).toMatchObject({ code: 'validation_failed', details: { field: 'email' } });
  });

  it('refuses any text over 100,000 characters with 400 naming the field, before the route sees it', async () => {
    const answer = await app.inject({
      method: 'PUT',
      url: '/api/v1/submissions/justice.annual/AL/2061/values',
      headers: bearer(al),
      payload: { version: 0, values: [{ variable: 'cases.incoming', value: 5, comment: 'x'.repeat(100_001) }] },
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().error).toMatchObject({
      message: 'values[0].comment: is longer than 100000 characters.',
      details: { field: 'values[0].comment' },
    });
    const key = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { ['k'.repeat(100_001)]: 1, email: 'a@b.c' } });
    expect(key.statusCode).toBe(400);
    expect(key.json().error.message).toBe(`${'k'.repeat(100)}: is longer than 100000 characters.`);
    expect(await get().db.selectFrom('submissions').select('id').where('period', '=', '2061').execute()).toEqual([]);
  });

  it('refuses JSON nested 10,000 deep with 400 before parsing it', async () => {
    const answer = await app.inject({
      method: 'PUT',
      url: '/api/v1/submissions/justice.annual/AL/2060/values',
      headers: { ...bearer(al), 'content-type': 'application/json' },
      payload: `{"version":0,"values":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().error.message).toBe('body: JSON nested deeper than 64 levels is not accepted.');
  });

  it('refuses a NUL in a value comment in a save and in a dry-run import alike, storing nothing', async () => {
    const save = await app.inject({
      method: 'PUT',
      url: '/api/v1/submissions/justice.annual/AL/2063/values',
      headers: bearer(al),
      payload: { version: 0, values: [{ variable: 'cases.incoming', value: 5, comment: 'x\u0000y' }] },
    });
    expect(save.statusCode).toBe(400);
    expect(save.json().error.details).toEqual({ field: 'values[0].comment' });
    const csv = 'dataset,partner,org_unit,period,variable,value,comment\njustice.annual,AL,,2063,cases.incoming,5,x\u0000y\n';
    const dry = await app.inject({
      method: 'POST',
      url: '/api/v1/imports/values?dryRun=true',
      headers: { ...bearer(al), 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(dry.statusCode).toBe(400);
    expect(dry.json().error.message).toMatch(/comment/);
    const stored = await get().db.selectFrom('submissions').select('id').where('period', '=', '2063').execute();
    expect(stored).toEqual([]);
  });

  it('answers in English, never a 5xx, whatever a caller says its language is', async () => {
    const asked = [
      { url: '/api/v1/catalog?lang=xx-evil' },
      { url: '/api/v1/catalog?lang=sq&lang=mk' },
      { url: '/api/v1/catalog', headers: { 'x-language': 'sq'.repeat(5000) } },
      { url: '/api/v1/catalog', headers: { 'accept-language': `${'de;q=0.9, '.repeat(2000)}xx;q=abc, *;q=1` } },
      { url: '/api/v1/partners', headers: { 'x-language': '__proto__', 'accept-language': 'constructor' } },
    ];
    for (const request of asked) {
      const answer = await app.inject({ method: 'GET', ...request });
      expect([request.url, answer.statusCode]).toEqual([request.url, 200]);
    }
    const english = await app.inject({ method: 'GET', url: '/api/v1/partners', headers: { 'x-language': '__proto__' } });
    expect(english.json().partners.find((p: { code: string }) => p.code === 'AL').name).toBe('Albania');
    const missing = await app.inject({ method: 'GET', url: '/api/v1/submissions/nope', headers: { 'x-language': 'sr-Latn' } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
  });
});
