// Cross-origin reads of the public API (@fastify/cors): other sites' pages may GET (and HEAD)
// what anyone may read without signing in — figures, downloads, SDMX structures — and nothing
// else. No credentials: the answer is `Access-Control-Allow-Origin: *`, which browsers never
// combine with cookies, so a page elsewhere reads only what an anonymous caller reads. Routes
// with any other access rule, and every other method, get no CORS headers at all.
import cors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { PUBLIC } from './access.js';

const READS = new Set(['GET', 'HEAD']);

/** The CORS answer for a request: allowed for reads of public routes and for their preflight. */
function corsFor(request: FastifyRequest) {
  const access = request.routeOptions.config.access;
  const preflight = request.method === 'OPTIONS';
  const allowed = preflight || (READS.has(request.method) && access !== undefined && 'public' in access);
  return {
    origin: allowed ? '*' : false,
    methods: ['GET', 'HEAD'],
    credentials: false,
    // A conditional request (If-None-Match) is the one header besides the safe ones a reader sends.
    allowedHeaders: ['If-None-Match'],
    exposedHeaders: ['ETag', 'Content-Disposition', 'X-Request-Id'],
    maxAge: 7200,
  };
}

/**
 * Registered in the /api/v1 scope before its routes. The preflight route @fastify/cors adds
 * (OPTIONS on every path) is public: it answers with the headers above and reads nothing.
 */
export const publicCors = fp(
  async (api: FastifyInstance) => {
    api.addHook('onRoute', (route) => {
      if (route.method === 'OPTIONS' && route.url.endsWith('*'))
        route.config = { ...(route.config as object), access: PUBLIC } as typeof route.config;
    });
    await api.register(cors, { delegator: (request, done) => done(null, corsFor(request)) });
  },
  { name: 'public-cors' },
);
