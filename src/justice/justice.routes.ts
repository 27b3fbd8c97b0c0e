// HTTP for the case-level import (upload, progress, rejected rows) and the partner's mapping.
import { Type, type FastifyPluginAsyncTypebox, type Static } from '@fastify/type-provider-typebox';
import type { Readable } from 'node:stream';
import { actorOf } from '../platform/auth/auth.service.js';
import { AppError, ValidationError } from '../platform/errors.js';
import { SIGNED_IN } from '../platform/http/access.js';
import { CreatedId, download } from '../platform/http/schemas.js';
import { discardUpload, mediaTypeOf, saveUpload } from '../platform/http/uploads.js';
import { viewerOf } from '../platform/viewer.js';
import {
  createCaseImport,
  formatOfFile,
  getMapping,
  getRun,
  listCaseImports,
  presentRun,
  saveMapping,
  type CaseImportRequest,
} from './case-import.service.js';
import { parseYears } from './mapping.js';
import { CaseImportSchema, ListQuery, MappingBody, MappingParams, MappingSchema, RunIdParams, UploadQuery } from './case-imports.schema.js';

const UPLOAD_LIMIT = 2 * 1024 * 1024 * 1024;
const PARQUET_TYPE = 'application/vnd.apache.parquet';
const ENTRY = { roles: ['coordinator', 'admin'], partnerParam: 'partner' } as const;
const READ = { roles: ['coordinator', 'admin', 'commission', 'reviewer'], partnerParam: 'partner' } as const;

class UploadTooLargeError extends AppError {
  constructor() {
    super(
      'upload_too_large',
      413,
      `The case file is larger than ${UPLOAD_LIMIT / 1024 ** 3} GiB; import it with \`jha import cases\` on the server.`,
    );
  }
}

/** What an upload asks for: its format from the media type and the file name, the partner, the years. */
function uploadRequest(type: string, query: Static<typeof UploadQuery>): CaseImportRequest {
  if (!['text/csv', PARQUET_TYPE, 'application/octet-stream'].includes(type)) {
    throw new ValidationError(`content-type: send the case file itself as text/csv or ${PARQUET_TYPE}, not ${type || 'nothing'}.`, {
      field: 'content-type',
    });
  }
  const fileName = query.fileName ?? (type === PARQUET_TYPE ? 'cases.parquet' : 'cases.csv');
  const format = formatOfFile(fileName);
  if (type === 'text/csv' && format !== 'csv') throw new ValidationError('A text/csv body needs a .csv file name.');
  return { partner: query.partner.toUpperCase(), fileName, format, file: '', years: query.years ? parseYears(query.years) : undefined };
}

/** Case imports: the upload (its own body parser: the file streams to disk), runs, rejected rows. */
const caseImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Case files can be large: the body goes to disk as a stream, not into memory.
  app.addContentTypeParser(['text/csv', PARQUET_TYPE, 'application/octet-stream'], (_request, payload, done) => done(null, payload));

  app.post(
    '/justice/case-imports',
    {
      config: { access: ENTRY },
      schema: {
        tags: ['justice'],
        summary:
          'Upload a case-level file (CSV or Parquet, one row per case); the counts land as draft values of justice.annual. Runs in the background: poll the returned id.',
        querystring: UploadQuery,
        response: { 202: CreatedId },
      },
    },
    async (request, reply) => {
      const req = uploadRequest(mediaTypeOf(request.headers['content-type']), request.query);
      const actor = actorOf(request.principal!, request.id);
      const upload = await saveUpload(request.body as Readable, `cases.${req.format}`, UPLOAD_LIMIT, () => new UploadTooLargeError());
      try {
        // Queued as a job: the import goes on after the answer; its progress and result are on the run.
        const id = await createCaseImport(app.db, viewerOf(request.principal), actor, { ...req, file: upload.path }, upload);
        return reply.status(202).send({ id });
      } catch (err) {
        discardUpload(upload.dir);
        throw err;
      }
    },
  );

  app.get(
    '/justice/case-imports',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['justice'],
        summary: 'Recent case imports (coordinators: their own partner)',
        querystring: ListQuery,
        response: { 200: Type.Object({ imports: Type.Array(CaseImportSchema) }) },
      },
    },
    async (request) => ({ imports: await listCaseImports(app.db, viewerOf(request.principal), request.query.partner?.toUpperCase()) }),
  );

  app.get(
    '/justice/case-imports/:id',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['justice'],
        summary: 'Status, progress and result of a case import',
        params: RunIdParams,
        response: { 200: CaseImportSchema },
      },
    },
    async (request) => presentRun(await getRun(app.db, viewerOf(request.principal), request.params.id)),
  );

  app.get(
    '/justice/case-imports/:id/rejected.csv',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['justice'],
        summary: 'The first 1,000 rejected rows of a case import, with the reason',
        params: RunIdParams,
        response: { 200: download('The rejected rows as CSV', 'text/csv') },
      },
    },
    async (request, reply) => {
      const run = await getRun(app.db, viewerOf(request.principal), request.params.id);
      reply.header('content-disposition', `attachment; filename="rejected-${run.id}.csv"`);
      return reply
        .type('text/csv; charset=utf-8')
        .send(run.rejected_csv ?? 'line,reason,case_id,court,case_type,instance,filed_on,closed_on\n');
    },
  );
};

/** The partners’ mappings of their case-management exports. */
const mappingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/justice/mappings/:partner',
    {
      config: { access: READ },
      schema: {
        tags: ['justice'],
        summary: 'The partner’s mapping of its case-management export',
        params: MappingParams,
        response: { 200: MappingSchema },
      },
    },
    async (request) => getMapping(app.db, viewerOf(request.principal), request.params.partner.toUpperCase()),
  );

  app.put(
    '/justice/mappings/:partner',
    {
      config: { access: ENTRY },
      schema: {
        tags: ['justice'],
        summary: 'Save the partner’s mapping (checked against the catalogue)',
        params: MappingParams,
        body: MappingBody,
        response: { 200: MappingSchema },
      },
    },
    async (request) =>
      saveMapping(
        app.db,
        app.catalog,
        viewerOf(request.principal),
        actorOf(request.principal!, request.id),
        request.params.partner.toUpperCase(),
        request.body.yaml,
      ),
  );
};

/** The justice capability’s routes. */
export const justiceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(caseImportRoutes);
  await app.register(mappingRoutes);
};
