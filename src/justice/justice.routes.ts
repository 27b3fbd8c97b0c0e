// HTTP for the case-level import (upload, progress, rejected rows) and the partner's mapping.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { actorOf } from '../platform/auth/auth.service.js';
import { AppError, ValidationError } from '../platform/errors.js';
import { SIGNED_IN } from '../platform/http/access.js';
import { viewerOf } from '../platform/viewer.js';
import {
  createCaseImport,
  formatOfFile,
  getMapping,
  getRun,
  listCaseImports,
  presentRun,
  runCaseImport,
  saveMapping,
} from './case-import.service.js';
import { parseYears } from './mapping.js';

const UPLOAD_LIMIT = 2 * 1024 * 1024 * 1024;
const PARQUET_TYPE = 'application/vnd.apache.parquet';
const Partner = Type.String({ pattern: '^[A-Za-z]{2}$' });
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

/** Streams the request body to a temporary file, refusing more than the limit. */
async function saveUpload(body: Readable, name: string): Promise<{ dir: string; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'jha-upload-'));
  const path = join(dir, name);
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      done(size > UPLOAD_LIMIT ? new UploadTooLargeError() : null, chunk);
    },
  });
  try {
    await pipeline(body, limit, createWriteStream(path));
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { dir, path };
}

export const justiceRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
        querystring: Type.Object({
          partner: Partner,
          years: Type.Optional(Type.String({ maxLength: 9 })),
          fileName: Type.Optional(Type.String({ maxLength: 200 })),
        }),
      },
    },
    async (request, reply) => {
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim();
      if (!['text/csv', PARQUET_TYPE, 'application/octet-stream'].includes(type)) {
        throw new ValidationError(`content-type: send the case file itself as text/csv or ${PARQUET_TYPE}, not ${type || 'nothing'}.`, {
          field: 'content-type',
        });
      }
      const fileName = request.query.fileName ?? (type === PARQUET_TYPE ? 'cases.parquet' : 'cases.csv');
      const format = formatOfFile(fileName);
      if (type === 'text/csv' && format !== 'csv') throw new ValidationError('A text/csv body needs a .csv file name.');
      const req = {
        partner: request.query.partner.toUpperCase(),
        fileName,
        format,
        file: '',
        years: request.query.years ? parseYears(request.query.years) : undefined,
      };
      const actor = actorOf(request.principal!, request.id);
      const upload = await saveUpload(request.body as Readable, format === 'csv' ? 'cases.csv' : 'cases.parquet');
      let id: string;
      try {
        id = await createCaseImport(app.db, viewerOf(request.principal), actor, req);
      } catch (err) {
        rmSync(upload.dir, { recursive: true, force: true });
        throw err;
      }
      // The import goes on after the answer; its progress and result are on the run.
      void runCaseImport(app.db, app.catalog, actor, id, { ...req, file: upload.path })
        .catch((err) => request.log.info({ err, id }, 'case import failed'))
        .finally(() => rmSync(upload.dir, { recursive: true, force: true }));
      return reply.status(202).send({ id });
    },
  );

  app.get(
    '/justice/case-imports',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['justice'],
        summary: 'Recent case imports (coordinators: their own partner)',
        querystring: Type.Object({ partner: Type.Optional(Partner) }),
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
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
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
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
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

  app.get(
    '/justice/mappings/:partner',
    {
      config: { access: READ },
      schema: {
        tags: ['justice'],
        summary: 'The partner’s mapping of its case-management export',
        params: Type.Object({ partner: Partner }),
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
        params: Type.Object({ partner: Partner }),
        body: Type.Object({ yaml: Type.String({ minLength: 1, maxLength: 200_000 }) }, { additionalProperties: false }),
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
