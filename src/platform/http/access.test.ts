import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../db/tables.js';
import { describeEachDatabase, testConfig } from '../../testing/databases.js';
import { bearer, makeUser, type TestUser } from '../../testing/factories.js';
import { routesWithoutRule, type AccessRule } from './access.js';
import { buildApp } from '../../app/app.js';

/** The error codes of refusals by an access rule (access.ts). */
const ACCESS_CODES = new Set(['authentication_required', 'forbidden', 'csrf_token_invalid']);

describeEachDatabase('access rules', (get) => {
  let app: FastifyInstance;
  const callers: Partial<Record<Role, TestUser>> = {};

  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
    await app.ready();
    for (const role of ['admin', 'commission', 'reviewer'] as const) callers[role] = await makeUser(get().db, role);
    callers.coordinator = await makeUser(get().db, 'coordinator', 'AL');
  });
  afterAll(async () => app.close());

  it('every registered route declares who may call it', () => {
    expect(app.registeredRoutes.length).toBeGreaterThan(10);
    expect(routesWithoutRule(app.registeredRoutes)).toEqual([]);
  });

  it('catches a route added without a rule, and refuses to serve it', async () => {
    const careless = await buildApp({
      config: testConfig(get().config),
      db: get().db,
      logger: false,
      extraApiRoutes: async (api) => {
        api.get('/undeclared', async () => ({ secret: 'leaked' }));
      },
    });
    await careless.ready();
    expect(routesWithoutRule(careless.registeredRoutes)).toEqual(['GET /api/v1/undeclared', 'HEAD /api/v1/undeclared']);
    const response = await careless.inject({ method: 'GET', url: '/api/v1/undeclared', headers: bearer(callers.admin!) });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('leaked');
    expect(response.json().error.code).toBe('access_rule_missing');
    await careless.close();
  });

  /** What the declared rule says a caller should get: 401, 403 or allowed. */
  function expected(rule: AccessRule, role: Role | 'anonymous', partner: string | null): 401 | 403 | 'allowed' {
    if ('public' in rule) return 'allowed';
    if (role === 'anonymous') return 401;
    if (rule.roles !== 'any' && !rule.roles.includes(role)) return 403;
    if (rule.partnerParam && role === 'coordinator' && partner !== 'AL') return 403;
    return 'allowed';
  }

  it('answers every API route for every role as its rule says (401 anonymous, 403 wrong role or other partner)', async () => {
    const apiRoutes = app.registeredRoutes.filter((r) => typeof r.url === 'string' && r.url.startsWith('/api/v1/') && r.method !== 'HEAD');
    expect(apiRoutes.length).toBeGreaterThan(8);
    const mismatches: string[] = [];
    for (const route of apiRoutes) {
      const rule = route.config!.access!;
      const partners = rule && 'partnerParam' in rule && rule.partnerParam ? ['AL', 'RS'] : [null];
      for (const partner of partners) {
        const param = 'partnerParam' in rule ? rule.partnerParam : undefined;
        let url = route.url!.replace(':id', randomUUID()).replace(':partner', partner ?? 'AL');
        // A partner named in the query rather than the path.
        if (param && !route.url!.includes(`:${param}`)) url += `?${param}=${partner}`;
        for (const role of ['anonymous', 'admin', 'commission', 'reviewer', 'coordinator'] as const) {
          const headers = role === 'anonymous' ? {} : bearer(callers[role]!);
          const method = route.method as 'GET' | 'POST' | 'PATCH' | 'DELETE';
          const response = await app.inject({ method, url, headers, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }) });
          const want = expected(rule, role, partner);
          // An allowed call may still be refused by the route itself (a wrong second-factor code), with a code of its own.
          const byRule = [401, 403].includes(response.statusCode) && ACCESS_CODES.has(response.json().error?.code);
          const ok = want === 'allowed' ? !byRule : response.statusCode === want;
          if (!ok) mismatches.push(`${method} ${url} as ${role}: got ${response.statusCode}, expected ${want}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it.each([
    ['anonymous', 'GET', '/api/v1/users', 401],
    ['coordinator', 'GET', '/api/v1/users', 403],
    ['reviewer', 'GET', '/api/v1/users', 403],
    ['commission', 'GET', '/api/v1/users', 403],
    ['admin', 'GET', '/api/v1/users', 200],
    ['coordinator', 'GET', '/api/v1/partners/AL/users', 200],
    ['coordinator', 'GET', '/api/v1/partners/RS/users', 403],
    ['coordinator', 'GET', '/api/v1/partners/al/users', 200],
    ['commission', 'GET', '/api/v1/partners/RS/users', 200],
    ['reviewer', 'GET', '/api/v1/partners/RS/users', 403],
    ['coordinator', 'GET', '/api/v1/audit', 403],
    ['reviewer', 'GET', '/api/v1/audit', 403],
    ['commission', 'GET', '/api/v1/audit', 200],
    ['admin', 'GET', '/api/v1/audit/verify', 200],
    ['anonymous', 'GET', '/api/v1/partners', 200],
    ['anonymous', 'GET', '/api/v1/me', 401],
    ['coordinator', 'GET', '/api/v1/me', 200],
    ['anonymous', 'GET', '/healthz', 200],
  ] as const)('%s %s %s → %i', async (role, method, url, status) => {
    const headers = role === 'anonymous' ? {} : bearer(callers[role]!);
    const response = await app.inject({ method, url, headers });
    expect(response.statusCode).toBe(status);
    if (status === 401) expect(response.json().error.code).toBe('authentication_required');
    if (status === 403) expect(response.json().error.code).toBe('forbidden');
  });
});
