// Builds the Fastify application (without listening): infrastructure plugins, access control,
// the API under /api/v1 (the platform's routes and the ones the composition root passes in),
// OpenAPI docs at /api/docs, health checks and the web app. It knows no capability.
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import { registerInputHygiene } from './input-hygiene.js';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type RouteOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import { auditRoutes } from '../audit/audit.routes.js';
import { authRoutes } from '../auth/auth.routes.js';
import type { Config } from '../config.js';
import type { Db, Migrations } from '../db/database.js';
import { notificationsRoutes } from '../notifications/notifications.routes.js';
import { partnersRoutes } from '../partners/partners.routes.js';
import { WEB_DIST_DIR } from '../paths.js';
import { securityEventsRoutes } from '../security/security-events.routes.js';
import { usersRoutes } from '../users/users.routes.js';
import { accessControl, PUBLIC } from './access.js';
import { registerCompression } from './compression.js';
import { databasePlugin } from './context.js';
import { publicCors } from './cors.js';
import { registerErrorHandler, registerNotFoundHandler } from './errors.js';
import { healthRoutes } from './health.routes.js';
import { registerLocale } from './locale.js';
import { registerRateLimit } from './rate-limit.js';
import { webPlugin } from './web.js';

export interface HttpAppOptions {
  config: Config;
  db: Db;
  /** Every migration the database should have applied (for /readyz). */
  migrations: Migrations;
  /** The domains a reviewer can be limited to (the modules declare them). */
  reviewDomains: ReadonlySet<string>;
  /** Decorates the app with what the modules' routes share (e.g. the catalogue), before they register. */
  decorate?: (app: FastifyInstance) => void;
  /** The modules' routes, registered under /api/v1 in this order. */
  api: FastifyPluginAsync[];
  /** Close the database when the app closes (the server does; tests that share a database do not). */
  closeDb?: boolean;
  /** Extra routes registered under /api/v1, used by tests to show that an undeclared route is caught. */
  extraApiRoutes?: (app: FastifyInstance) => Promise<void>;
  logger?: boolean;
  webRoot?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route as registered, for the access-rule checks. */
    registeredRoutes: Pick<RouteOptions, 'method' | 'url' | 'config'>[];
    /** Every migration the database should have applied. */
    migrations: Migrations;
    /** The domains a reviewer can be limited to. */
    reviewDomains: ReadonlySet<string>;
  }
}

export const API_PREFIX = '/api/v1';
const BODY_LIMIT = 1024 * 1024;

/** Security headers: a strict CSP with per-request nonces, HSTS, same-origin referrers. */
const SECURITY_HEADERS = {
  enableCSPNonces: true,
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: null,
    },
  },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  referrerPolicy: { policy: 'same-origin' },
} satisfies Parameters<typeof helmet>[1];

/** The OpenAPI document (/api/docs/json) and its viewer, public. */
async function registerDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'JHA Hub API',
        version: '1',
        description:
          'REST API of JHA Hub. Authenticate with the session cookie (plus X-CSRF-Token on changes) or with `Authorization: Bearer <API token>`.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(async (docs) => {
    docs.addHook('onRoute', (route) => {
      route.config = { ...(route.config as object), access: PUBLIC } as typeof route.config;
    });
    await docs.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  });
}

export async function buildHttpApp(opts: HttpAppOptions): Promise<FastifyInstance> {
  const { config } = opts;
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'] },
    genReqId: () => randomUUID(),
    // The first `trustProxy` hops (from the socket inwards) are our proxies; the address before them is the client.
    trustProxy: config.trustProxy > 0 ? (_address: string, hop: number) => hop < config.trustProxy : false,
    bodyLimit: BODY_LIMIT,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const routes: FastifyInstance['registeredRoutes'] = [];
  app.decorate('registeredRoutes', routes);
  // The route options themselves are kept: onRoute hooks of child plugins (docs, web app) may still
  // set their access rule after this hook has seen the route.
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  registerLocale(app as unknown as FastifyInstance);
  registerErrorHandler(app);
  registerNotFoundHandler(app);
  registerInputHygiene(app as unknown as FastifyInstance);
  await app.register(databasePlugin, { db: opts.db, config, closeDb: opts.closeDb ?? false });
  app.decorate('migrations', opts.migrations);
  app.decorate('reviewDomains', opts.reviewDomains);
  opts.decorate?.(app as unknown as FastifyInstance);
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(helmet, SECURITY_HEADERS);
  await registerCompression(app as unknown as FastifyInstance);
  await app.register(accessControl);
  await registerRateLimit(app as unknown as FastifyInstance, config.rateLimit, BODY_LIMIT);

  await registerDocs(app as unknown as FastifyInstance);
  await app.register(healthRoutes);
  await app.register(
    async (api) => {
      await api.register(publicCors);
      await api.register(authRoutes);
      await api.register(usersRoutes);
      await api.register(partnersRoutes);
      await api.register(auditRoutes);
      await api.register(securityEventsRoutes);
      await api.register(notificationsRoutes);
      for (const routes of opts.api) await api.register(routes);
      if (opts.extraApiRoutes) await opts.extraApiRoutes(api as unknown as FastifyInstance);
    },
    { prefix: API_PREFIX },
  );
  await app.register(webPlugin, { root: opts.webRoot ?? WEB_DIST_DIR });

  return app as unknown as FastifyInstance;
}
