// The rate limit: per address for anonymous callers, per user when signed in, uploads apart;
// over the limit a 429 with Retry-After that names the limit, recorded in the security log.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../app/app.js';
import { describeEachDatabase, testConfig } from '../../testing/databases.js';
import { bearer, makeUser, type TestUser } from '../../testing/factories.js';

describeEachDatabase('rate limit', (get) => {
  let app: FastifyInstance;
  let coordinator: TestUser;

  beforeAll(async () => {
    app = await buildApp({
      config: testConfig(get().config, { rateLimit: { anonymous: 3, signedIn: 5, uploads: 1 } }),
      db: get().db,
      logger: false,
    });
    coordinator = await makeUser(get().db, 'coordinator', 'AL');
  });
  afterAll(async () => app.close());

  const get3 = (remoteAddress: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url: '/api/v1/partners', remoteAddress, headers });

  it('answers the fourth anonymous request in a minute with 429 and Retry-After; another address is not affected', async () => {
    const statuses = [];
    let last;
    for (let i = 0; i < 4; i += 1) {
      last = await get3('192.0.2.1');
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThanOrEqual(59);
    expect(Number(last!.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(last!.json().error.code).toBe('rate_limited');
    expect(last!.json().error.message).toMatch(/^Too many requests: at most 3 a minute; try again in (59|60) s\.$/);
    expect((await get3('192.0.2.2')).statusCode).toBe(200);
    // The health checks and the web app's files are not counted.
    expect((await app.inject({ method: 'GET', url: '/healthz', remoteAddress: '192.0.2.1' })).statusCode).toBe(200);
    const logged = await get()
      .db.selectFrom('security_events')
      .select(['kind', 'status', 'path'])
      .where('request_id', '=', String(last!.headers['x-request-id']))
      .execute();
    expect(logged).toEqual([{ kind: 'throttled', status: 429, path: '/api/v1/partners' }]);
  });

  it('counts a signed-in user on their own, with the higher limit, wherever they call from', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await get3(`192.0.2.${10 + i}`, bearer(coordinator))).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('counts uploads apart, with the strictest limit', async () => {
    const uploader = await makeUser(get().db, 'coordinator', 'AL');
    const upload = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/imports/values?dryRun=true',
        headers: { ...bearer(uploader), 'content-type': 'text/csv' },
        payload: 'dataset,partner,org_unit,period,variable,value\n',
        remoteAddress: '192.0.2.50',
      });
    expect((await upload()).statusCode).toBe(200);
    const second = await upload();
    expect(second.statusCode).toBe(429);
    expect(second.json().error.message).toMatch(/^Too many uploads: at most 1 a minute/);
    expect((await get3('192.0.2.50', bearer(uploader))).statusCode).toBe(200);
  });
});
