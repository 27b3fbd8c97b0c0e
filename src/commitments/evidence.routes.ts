// HTTP for the evidence of a partner's report: links, file uploads (the raw file is the body, in a
// plugin with its own parser) and removal by the partner's coordinators, and the download of a
// file by whoever may read its report.
import { type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAX_UPLOAD_BYTES } from '../platform/files/file-check.js';
import { PUBLIC } from '../platform/http/access.js';
import { rawUploadRoutes, sendStoredFile, uploadedFile } from '../platform/http/replies.js';
import { viewerAndActor } from '../platform/http/viewer.js';
import { viewerOf } from '../platform/viewer.js';
import { addEvidenceFile, addEvidenceLink, evidenceFile, removeEvidence } from './evidence.service.js';
import { REPORTING } from './progress.js';
import {
  AddLinkBody,
  EvidenceFileResponse,
  EvidenceIdParams,
  EvidenceParams,
  EvidenceSchema,
  NoContent,
  ReportParams,
  UploadQuery,
} from './progress.schema.js';

const tags = ['commitments'];

export const evidenceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/rounds/:id/reports/:partner/links',
    {
      config: { access: REPORTING },
      schema: {
        tags,
        summary: 'Add a link as evidence',
        params: ReportParams,
        body: AddLinkBody,
        response: { 201: EvidenceSchema },
      },
    },
    async (request, reply) => {
      const { viewer, actor } = viewerAndActor(request);
      const { id, partner } = request.params;
      const { commitment, url, title } = request.body;
      return reply.status(201).send(await addEvidenceLink(app.db, viewer, actor, id, partner.toUpperCase(), commitment, url, title));
    },
  );

  app.delete(
    '/rounds/:id/reports/:partner/evidence/:evidence',
    {
      config: { access: REPORTING },
      schema: { tags, summary: 'Remove a piece of evidence', params: EvidenceParams, response: { 204: NoContent } },
    },
    async (request, reply) => {
      const { viewer, actor } = viewerAndActor(request);
      await removeEvidence(app.db, viewer, actor, request.params.id, request.params.partner.toUpperCase(), request.params.evidence);
      return reply.status(204).send();
    },
  );

  app.get(
    '/evidence/:id/file',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'Download an evidence file (as far as the caller may read its report)',
        params: EvidenceIdParams,
        response: { 200: EvidenceFileResponse },
      },
    },
    async (request, reply) => {
      return sendStoredFile(reply, await evidenceFile(app.db, viewerOf(request.principal), request.params.id));
    },
  );
};

/** Uploads arrive as the raw file body (any content type), in a plugin of their own; the type is judged from the content. */
export const evidenceUploadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await rawUploadRoutes(app, async (uploads) => {
    uploads.post(
      '/rounds/:id/reports/:partner/evidence',
      {
        config: { access: REPORTING },
        bodyLimit: MAX_UPLOAD_BYTES,
        schema: {
          tags,
          summary: 'Upload a file as evidence (the file is the request body; PDF, images, office documents, CSV or text up to 10 MB)',
          params: ReportParams,
          querystring: UploadQuery,
          response: { 201: EvidenceSchema },
        },
      },
      async (request, reply) => {
        const { viewer, actor } = viewerAndActor(request);
        const { id, partner } = request.params;
        const { commitment, name } = request.query;
        const added = await addEvidenceFile(app.db, viewer, actor, id, partner.toUpperCase(), commitment, name, uploadedFile(request));
        return reply.status(201).send(added);
      },
    );
  });
};
