// HTTP for moving values in and out: file imports (CSV, JSON, XLSX; dry run), exports, XLSX
// templates, and the org-unit import.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Readable } from 'node:stream';
import { actorOf } from '../platform/auth/auth.service.js';
import { ValidationError } from '../platform/errors.js';
import { PUBLIC } from '../platform/http/access.js';
import { importOrgUnits } from '../platform/partners/org-units.service.js';
import { dimensionsOf, exportValues, templateRows } from './export.service.js';
import { readCsv, readJson, readXlsx, writeCsv, writeJson, writeXlsx, type ValueFormat } from './formats.js';
import { importValues } from './import.service.js';
import { KeyParams } from './submissions.schema.js';
import { requireDataset } from './submissions.service.js';
import { viewerOf } from '../platform/viewer.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UPLOAD_LIMIT = 50 * 1024 * 1024;
const Format = Type.Union([Type.Literal('csv'), Type.Literal('json'), Type.Literal('xlsx')]);

function formatOf(contentType: string | undefined): ValueFormat {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/csv') return 'csv';
  if (type === 'application/json') return 'json';
  if (type === XLSX_TYPE) return 'xlsx';
  throw new ValidationError(`Content-Type "${type}" is not text/csv, application/json or ${XLSX_TYPE}.`, { field: 'content-type' });
}

export const transferRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser(['text/csv', XLSX_TYPE], { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT }, (_request, body, done) =>
    done(null, body),
  );

  app.post(
    '/imports/values',
    {
      config: { access: { roles: ['coordinator', 'admin'] } },
      bodyLimit: UPLOAD_LIMIT,
      schema: {
        tags: ['statistics'],
        summary: 'Import values from a CSV, JSON or XLSX body (one transaction; dryRun=true shows what would change)',
        querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: false })) }),
      },
    },
    async (request) => {
      const format = formatOf(request.headers['content-type']);
      const body = request.body as Buffer | unknown;
      const rows =
        format === 'csv'
          ? await readCsv(Readable.from([body as Buffer]), app.catalog)
          : format === 'xlsx'
            ? await readXlsx(body as Buffer, app.catalog)
            : readJson(JSON.stringify(body), app.catalog);
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
      schema: { tags: ['partners'], summary: 'Import org units from CSV (code,name,partner,kind,parent)' },
    },
    async (request) => {
      if (formatOf(request.headers['content-type']) !== 'csv') throw new ValidationError('Send the org units as text/csv.');
      return importOrgUnits(app.db, actorOf(request.principal!, request.id), (request.body as Buffer).toString('utf8'));
    },
  );

  app.get(
    '/exports/values',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['statistics'],
        summary: 'Values of a dataset as far as the caller may see them (published only without sign-in)',
        querystring: Type.Object({
          dataset: Type.String({ maxLength: 100 }),
          partner: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
          period: Type.Optional(Type.String({ maxLength: 8 })),
          format: Type.Optional(Format),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query;
      const dataset = requireDataset(app.catalog, q.dataset);
      const rows = await exportValues(app.db, app.catalog, viewerOf(request.principal), {
        dataset: q.dataset,
        partner: q.partner?.toUpperCase(),
        period: q.period,
      });
      const name = `${q.dataset}${q.partner ? `-${q.partner.toUpperCase()}` : ''}${q.period ? `-${q.period}` : ''}`;
      const format = q.format ?? 'csv';
      reply.header('content-disposition', `attachment; filename="${name}.${format}"`);
      if (format === 'json') return reply.type('application/json').send(writeJson(rows));
      if (format === 'xlsx') return reply.type(XLSX_TYPE).send(await writeXlsx(rows, dimensionsOf(app.catalog, dataset)));
      return reply.type('text/csv; charset=utf-8').send(writeCsv(rows, dimensionsOf(app.catalog, dataset)));
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
