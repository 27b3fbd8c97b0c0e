// The reports capability: the public portal's documents and open data — partner profiles (JSON,
// printable HTML, PDF), the SDMX structures of the catalogue's dataflows and the bulk download of
// everything published. The download formats of single datasets and indicators (CSV with labels,
// XLSX with metadata, SDMX-CSV) are statistics' (downloads.service.ts).
import type { FastifyInstance } from 'fastify';
import type { Module } from '../platform/module.js';
import type { CatalogContext } from '../statistics/catalog.js';
import { openDataRoutes } from './open-data.routes.js';
import { reportsRoutes } from './reports.routes.js';

async function routes(app: FastifyInstance): Promise<void> {
  await app.register(reportsRoutes);
  await app.register(openDataRoutes);
}

export const reportsModule: Module<CatalogContext> = {
  name: 'reports',
  routes,
};
