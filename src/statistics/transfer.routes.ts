// HTTP for moving values in and out: file imports (CSV, JSON, XLSX; dry run), exports, XLSX
// templates, and the org-unit import.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../platform/auth/auth.service.js';
import { UnsupportedMediaTypeError } from '../platform/errors.js';
import { PUBLIC } from '../platform/http/access.js';
import { uploadedText } from '../platform/http/input-hygiene.js';
import { download } from '../platform/http/schemas.js';
import { mediaTypeOf } from '../platform/http/uploads.js';
import { importOrgUnits } from '../platform/partners/org-units.service.js';
import { orgUnitKinds } from './catalog.js';
import { datasetDownload, readOptionsFor } from './downloads.service.js';
import { dimensionsOf, exportValues, templateRows } from './export.service.js';
import { formatFromMediaType, readValueFile, writeJson, writeXlsx, XLSX_TYPE } from './formats.js';
import { serveDownload } from './freshness.js';
import { importValues } from './import.service.js';
import { KeyParams } from './submissions.schema.js';
import { ExportQuery, ExportResponse, ImportQuery, ImportSummarySchema, OrgUnitImportSchema } from './transfer.schema.js';
import { requireDataset } from './submissions.service.js';
import { viewerOf } from '../platform/viewer.js';

const UPLOAD_LIMIT = 50 * 1024 * 1024;

/** Imports (uploads as bytes: the one body parser of value files). */
const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Every upload arrives as bytes and is read by the one parser of value files (readValueFile).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    ['text/csv', 'application/json', XLSX_TYPE],
    { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/imports/values',
    {
      config: { access: { roles: ['coordinator', 'admin'] } },
      bodyLimit: UPLOAD_LIMIT,
      schema: {
        tags: ['statistics'],
        summary: 'Import values from a CSV, JSON or XLSX body (one transaction; dryRun=true shows what would change)',
        querystring: ImportQuery,
        response: { 200: ImportSummarySchema },
      },
    },
    async (request) => {
      const format = formatFromMediaType(mediaTypeOf(request.headers['content-type']));
      const rows = await readValueFile(format, request.body as Buffer, app.catalog);
      return importValues(app.db, app.catalog, viewerOf(request.principal), actorOf(request.principal!, request.id), rows, {
        dryRun: request.query.dryRun ?? false,
      });
    },
  );

  app.post(
    '/imports/org-units',
    {
      config: { access: { roles: ['admin'] } },
      bodyLimit: UPLOAD_LIMIT,
      schema: {
        tags: ['partners'],
        summary: 'Import org units from CSV (code,name,partner,kind,parent)',
        response: { 200: OrgUnitImportSchema },
      },
    },
    async (request) => {
      if (mediaTypeOf(request.headers['content-type']) !== 'text/csv')
        throw new UnsupportedMediaTypeError('Send the org units as text/csv.');
      return importOrgUnits(
        app.db,
        actorOf(request.principal!, request.id),
        uploadedText(request.body as Buffer),
        orgUnitKinds(app.catalog),
      );
    },
  );
};

/** Exports and XLSX templates. */
const exportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/exports/values',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['statistics'],
        summary:
          'Values of a dataset as far as the caller may see them (published only without sign-in): CSV (the import layout, or with labels=code|name|both the open-data layout), JSON, XLSX (data and metadata sheets) or SDMX-CSV 2.0 (dataflow of the dataset, published figures only)',
        querystring: ExportQuery,
        response: { 200: ExportResponse },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const viewer = viewerOf(request.principal);
      const format = q.format ?? 'csv';
      const query = {
        dataset: q.dataset,
        partner: q.partner?.toUpperCase(),
        period: q.period,
        asOf: q.asOf,
        publishedOnly: q.publishedOnly,
      };
      if (format !== 'json')
        return serveDownload(app.db, request, reply, readOptionsFor(format, query), () =>
          datasetDownload(app.db, app.catalog, viewer, {
            ...query,
            format,
            labels: q.labels,
            source: `${app.config.publicUrl}${request.url}`,
          }),
        );
      requireDataset(app.catalog, q.dataset);
      const rows = await exportValues(app.db, app.catalog, viewer, query);
      const name = `${q.dataset}${query.partner ? `-${query.partner}` : ''}${q.period ? `-${q.period}` : ''}`;
      reply.header('content-disposition', `attachment; filename="${name}.json"`);
      return reply.type('application/json').send(writeJson(rows));
    },
  );

  app.get(
    '/submissions/:dataset/:partner/:period/template.xlsx',
    {
      config: { access: { roles: ['coordinator', 'admin', 'commission', 'reviewer'], partnerParam: 'partner' } },
      schema: {
        tags: ['statistics'],
        summary: 'XLSX template to fill in and upload back, pre-filled with stored values',
        params: KeyParams,
        response: { 200: download('The template as XLSX', XLSX_TYPE) },
      },
    },
    async (request, reply) => {
      const key = { dataset: request.params.dataset, partner: request.params.partner.toUpperCase(), period: request.params.period };
      const dataset = requireDataset(app.catalog, key.dataset);
      const rows = await templateRows(app.db, app.catalog, viewerOf(request.principal), key);
      const note = `JHA Hub template: ${dataset.label}, ${key.partner}, ${key.period}.\nFill in the value column (numbers without thousands separators, or NA, NAP, NQ) and a comment where useful.\nLeave a value empty to leave it unchanged. Upload the file back under Import.`;
      reply.header('content-disposition', `attachment; filename="${key.dataset}-${key.partner}-${key.period}.xlsx"`);
      return reply.type(XLSX_TYPE).send(await writeXlsx(rows, dimensionsOf(app.catalog, dataset), note));
    },
  );
};

/** Files in and out. */
export const transferRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(importRoutes);
  await app.register(exportRoutes);
};
