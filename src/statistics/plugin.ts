// The statistics capability as one Fastify plugin: the catalogue on the app, and its routes.
import type { FastifyInstance } from 'fastify';
import type { Catalog } from './catalog.js';
import { catalogRoutes } from './catalog.routes.js';
import { indicatorsRoutes } from './indicators.routes.js';
import { submissionsRoutes } from './submissions.routes.js';
import { transferRoutes } from './transfer.routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    catalog: Catalog;
  }
}

export async function statisticsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(catalogRoutes);
  await app.register(submissionsRoutes);
  await app.register(indicatorsRoutes);
  await app.register(transferRoutes);
}
