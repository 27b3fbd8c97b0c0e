import type { FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, createEmptyDatabase, testConfig } from '../../testing/databases.js';
import { bearer, makeUser, type TestUser } from '../../testing/factories.js';
import { PUBLIC } from './access.js';
import { buildApp } from '../../app/app.js';

describeEachDatabase('HTTP application', (get, kind) => {
  let app: FastifyInstance;
  let admin: TestUser;
  const webRoot = mkdtempSync(join(tmpdir(), 'jha-web-'));

  beforeAll(async () => {
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(
      join(webRoot, 'index.html'),
      '<html><head><meta name="csp-nonce" content="__CSP_NONCE__"></head><body>shell</body></html>',
    );
    writeFileSync(join(webRoot, 'assets', 'app.js'), 'console.log(1)');
    app = await buildApp({
      config: testConfig(get().config),
      db: get().db,
      logger: false,
      webRoot,
      extraApiRoutes: async (api) => {
        api.get('/explode', { config: { access: PUBLIC } }, async () => {
          throw new Error('secret internal detail: connection string postgres://user:pw@db');
        });
      },
    });
    admin = await makeUser(get().db, 'admin');
  });
  afterAll(async () => app.close());

  it('reports liveness and readiness', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await app.inject('/readyz')).json()).toEqual({ status: 'ready' });
  });

  it('is not ready while migrations are pending', async () => {
    const empty = await createEmptyDatabase(kind);
    const unmigrated = await buildApp({ config: testConfig(empty.config), db: empty.db, logger: false, webRoot });
    const response = await unmigrated.inject('/readyz');
    expect(response.statusCode).toBe(503);
    expect(response.json().status).toBe('migrations_pending');
    await unmigrated.close();
    await empty.dispose();
  });

  it('sends a strict Content-Security-Policy and the other security headers', async () => {
    const response = await app.inject('/');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[0-9a-f]+'(;|$)/);
    const directive = (name: string) => csp.split(';').find((d) => d.startsWith(`${name} `)) ?? '';
    expect(directive('script-src')).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(directive('style-src')).not.toContain('unsafe-inline');
    expect(directive('script-src-attr')).toBe("script-src-attr 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('same-origin');
  });

  it('serves the web app for browser paths with the style nonce of the request', async () => {
    const response = await app.inject('/admin/users');
    expect(response.statusCode).toBe(200);
    const styleNonce = /style-src 'self' 'nonce-([0-9a-f]+)'/.exec(String(response.headers['content-security-policy']))![1];
    expect(response.body).toContain(`content="${styleNonce}"`);
    expect((await app.inject('/assets/app.js')).body).toBe('console.log(1)');
  });

  it('answers unknown API paths with a JSON 404 in the error format', async () => {
    const response = await app.inject('/api/v1/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'not_found', message: 'No API route GET /api/v1/nothing-here.', details: null } });
  });

  it('turns an unexpected error into a 500 without internals, with the request id', async () => {
    const response = await app.inject('/api/v1/explode');
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret internal detail');
    expect(response.body).not.toContain('at ');
    expect(response.json().error.code).toBe('internal_error');
    expect(response.json().error.details.requestId).toBe(response.headers['x-request-id']);
  });

  it('names the field of a request that breaks the schema', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(admin),
      payload: { email: 'x@example.org', role: 'reviewer', password: 'long-enough-password', colour: 'blue' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/^colour: /);
    const wrongType = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(admin),
      payload: { email: 42, role: 'reviewer', password: 'long-enough-password' },
    });
    expect(wrongType.json().error.message).toMatch(/^email: /);
  });

  it('refuses malformed JSON and oversized bodies with a clear error', async () => {
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.message).toMatch(/JSON/i);
    const huge = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'x'.repeat(2 * 1024 * 1024), password: 'x' }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBeDefined();
  });

  it('publishes OpenAPI generated from the route schemas', async () => {
    const spec = (await app.inject('/api/docs/json')).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/users', '/api/v1/users/{id}', '/api/v1/audit']),
    );
    expect(spec.paths['/api/v1/users'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['email', 'role', 'password']),
    );
    const ui = await app.inject('/api/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });
});
