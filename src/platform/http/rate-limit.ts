// A rate limit for every caller: per signed-in user, per address for anonymous callers (stricter),
// and uploads counted apart (strictest). Over the limit, the answer is 429 with Retry-After and the
// security log records it. Counters live in the process (each instance limits on its own).
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RateLimits } from '../config.js';
import { RateLimitedError } from '../errors.js';

const WINDOW_MS = 60_000;
const API_PREFIX = '/api/';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** An upload: a change to a route that accepts more than the default body (files, value sheets). */
function isUpload(request: FastifyRequest, defaultBodyLimit: number): boolean {
  return !SAFE_METHODS.has(request.method) && (request.routeOptions.bodyLimit ?? 0) > defaultBodyLimit;
}

/** Who is counted: the signed-in user, else the address; uploads on a counter of their own. */
function keyOf(request: FastifyRequest, defaultBodyLimit: number): string {
  const who = request.principal ? `user:${request.principal.user.id}` : `ip:${request.ip}`;
  return isUpload(request, defaultBodyLimit) ? `${who}:upload` : who;
}

/** The limit for one request's counter; 0 turns that limit off. */
function maxOf(limits: RateLimits, request: FastifyRequest, defaultBodyLimit: number): number {
  if (isUpload(request, defaultBodyLimit)) return limits.uploads;
  return request.principal ? limits.signedIn : limits.anonymous;
}

/**
 * Registers the limit on every route registered after it. It must come after the access control,
 * so that its hook (a route-level onRequest hook) knows who is calling.
 */
export async function registerRateLimit(app: FastifyInstance, limits: RateLimits, defaultBodyLimit: number): Promise<void> {
  if (limits.signedIn === 0 && limits.anonymous === 0 && limits.uploads === 0) return;
  await app.register(rateLimit, {
    global: true,
    timeWindow: WINDOW_MS,
    keyGenerator: (request) => keyOf(request, defaultBodyLimit),
    // The web app's files (hashed assets served from disk, the page shell) and the health checks are
    // not counted: a page load fetches a dozen of them. A limit of 0 is "no limit" as well.
    allowList: (request) => !request.url.startsWith(API_PREFIX) || maxOf(limits, request, defaultBodyLimit) === 0,
    max: (request) => maxOf(limits, request, defaultBodyLimit) || Number.MAX_SAFE_INTEGER,
    addHeadersOnExceeding: { 'x-ratelimit-limit': true, 'x-ratelimit-remaining': true, 'x-ratelimit-reset': true },
    errorResponseBuilder: (request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      const what = isUpload(request, defaultBodyLimit) ? 'uploads' : 'requests';
      return new RateLimitedError(seconds, `Too many ${what}: at most ${context.max} a minute; try again in ${seconds} s.`, {
        key: `errors.rate_limited_${what}`,
        params: { max: context.max, seconds },
      });
    },
  });
}
