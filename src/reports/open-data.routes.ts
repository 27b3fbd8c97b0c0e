// HTTP for open data: the SDMX structures of the dataflows and the bulk download of everything
// published. Public. (The per-dataset and per-indicator downloads are statistics' routes:
// /exports/values and /indicators/{code}/values with format=csv|xlsx|sdmx-csv.)
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PUBLIC } from '../platform/http/access.js';
import { serveDownload } from '../statistics/freshness.js';
import { SDMX_STRUCTURE_TYPE } from '../statistics/sdmx.js';
import { ARCHIVE_NAME, publishedArchive, ZIP_TYPE } from './bulk.service.js';
import { ArchiveResponse, DataflowParams, DataflowsResponse, StructureResponse } from './open-data.schema.js';
import { dataflowList, dataflowStructure } from './sdmx.service.js';

/** Structures change with the catalogue (a restart) and org units: cached for a few minutes at most. */
const STRUCTURE_CACHE = 'public, max-age=300';

export const openDataRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/sdmx/dataflows',
    {
      config: { access: PUBLIC },
      schema: { tags: ['open data'], summary: 'Every SDMX dataflow (SDMX-ML 2.1 structure message)', response: { 200: DataflowsResponse } },
    },
    async (_request, reply) =>
      reply
        .header('cache-control', STRUCTURE_CACHE)
        .type(SDMX_STRUCTURE_TYPE)
        .send(await dataflowList(app.db, app.catalog)),
  );

  app.get(
    '/sdmx/structure/:dataflow',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['open data'],
        summary: 'The SDMX-ML 2.1 structure of a dataflow: code lists, concepts, data structure definition, dataflow',
        params: DataflowParams,
        response: { 200: StructureResponse },
      },
    },
    async (request, reply) =>
      reply
        .header('cache-control', STRUCTURE_CACHE)
        .type(SDMX_STRUCTURE_TYPE)
        .send(await dataflowStructure(app.db, app.catalog, request.params.dataflow)),
  );

  app.get(
    '/exports/published.zip',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['open data'],
        summary: 'Everything published, as one zip archive (CSV, SDMX-CSV, SDMX structures, README with licence and citation)',
        response: { 200: ArchiveResponse },
      },
    },
    async (request, reply) =>
      serveDownload(app.db, request, reply, { publishedOnly: true }, async () => ({
        body: publishedArchive(app.db, app.catalog, `${app.config.publicUrl}${request.url}`),
        type: ZIP_TYPE,
        filename: ARCHIVE_NAME,
      })),
  );
};
