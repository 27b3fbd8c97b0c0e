import SwaggerParser from '@apidevtools/swagger-parser';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { buildApp } from './app.js';

type Responses = Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
type Paths = Record<string, Record<string, { responses?: Responses }>>;

/** The operations whose success answer the document leaves undeclared (Fastify's placeholder or no schema). */
function undeclared(paths: Paths): string[] {
  const out: string[] = [];
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const success = Object.entries(op.responses ?? {}).filter(([status]) => /^[23]\d\d$/.test(status));
      // Fastify's placeholder for a route without a response schema is a 200 with no content; a 204
      // or a redirect (3xx) has no content and is declared by its own description.
      const declared = success.some(
        ([status, r]) => r.content !== undefined || ((status === '204' || status.startsWith('3')) && r.description !== 'Default Response'),
      );
      if (!declared) out.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return out.sort();
}

describeEachDatabase('OpenAPI document', (get) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
  });
  afterAll(async () => app.close());

  it('declares a response schema on every operation and passes an OpenAPI validator', async () => {
    const doc = (await app.inject('/api/docs/json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    const operations = Object.values(doc.paths as Paths).flatMap((ops) => Object.keys(ops));
    // Every route of the platform and the modules (a new route changes this count on purpose).
    expect(operations.length).toBe(142);
    expect(undeclared(doc.paths)).toEqual([]);
    // The validator dereferences in place: give it a copy.
    const validated = await SwaggerParser.validate(structuredClone(doc));
    expect(validated.info.title).toBe('JHA Hub API');
  });

  it('a route without a response schema is caught by the check', () => {
    expect(
      undeclared({
        '/a': { get: { responses: { 200: { description: 'Default Response' } } } },
        '/b': { post: { responses: { 204: { description: 'No content' } } } },
        '/c': { get: { responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } } } } },
      }),
    ).toEqual(['GET /a']);
  });
});
