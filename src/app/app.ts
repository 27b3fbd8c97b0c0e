// The HTTP application of JHA Hub: the platform's app with every module's routes, the catalogue
// and the reviewer domains. Tests build it with inject(); the server listens on it.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../platform/config.js';
import type { Db } from '../platform/db/database.js';
import { buildHttpApp } from '../platform/http/app.js';
import type { Catalog } from '../statistics/catalog.js';
import { allMigrations, createContext, reviewDomains } from './context.js';
import { modules, type AppContext } from './modules.js';
import { tasksRoutes } from './tasks.routes.js';

export interface BuildOptions {
  config: Config;
  db: Db;
  /** The process context; made from `config` (and `catalog`) when not given. */
  ctx?: AppContext;
  /** The statistical catalogue, when no context is given; by default the shipped catalogs/ folder. */
  catalog?: Catalog;
  /** Close the database when the app closes (the server does; tests that share a database do not). */
  closeDb?: boolean;
  /** Extra routes registered under /api/v1, used by tests to show that an undeclared route is caught. */
  extraApiRoutes?: (app: FastifyInstance) => Promise<void>;
  logger?: boolean;
  webRoot?: string;
}

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const ctx = opts.ctx ?? createContext({ config: opts.config, catalog: opts.catalog });
  return buildHttpApp({
    config: opts.config,
    db: opts.db,
    closeDb: opts.closeDb,
    extraApiRoutes: opts.extraApiRoutes,
    logger: opts.logger,
    webRoot: opts.webRoot,
    migrations: allMigrations(),
    reviewDomains: reviewDomains(ctx),
    decorate: (app) => app.decorate('catalog', ctx.catalog),
    api: [...modules.flatMap((m) => (m.routes ? [m.routes] : [])), tasksRoutes(ctx)],
  });
}
