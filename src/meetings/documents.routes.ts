// HTTP for a meeting's documents: downloads as far as their access allows, and uploads of a
// document or a new version (organisers; the file is the raw body, in a plugin with its own parser).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAX_UPLOAD_BYTES } from '../platform/files/file-check.js';
import { PUBLIC } from '../platform/http/access.js';
import { rawUploadRoutes, sendStoredFile, uploadedFile } from '../platform/http/replies.js';
import { viewerAndActor } from '../platform/http/viewer.js';
import { viewerOf } from '../platform/viewer.js';
import { documentFile, uploadDocument } from './documents.service.js';
import { ORGANISING } from './meetings.js';
import {
  DocumentFileQuery,
  DocumentFileReply,
  DocumentParams,
  DocumentSchema,
  MeetingParams,
  UploadDocumentQuery,
  UploadVersionQuery,
} from './meetings.schema.js';

const tags = ['meetings'];

/** GET /meetings/:id/documents/:document/file; POST /meetings/:id/documents and /documents/:document/versions. */
export const documentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/meetings/:id/documents/:document/file',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'Download a document (latest version unless `version`), if its access allows',
        params: DocumentParams,
        querystring: DocumentFileQuery,
        response: { 200: DocumentFileReply },
      },
    },
    async (request, reply) =>
      sendStoredFile(
        reply,
        await documentFile(app.db, viewerOf(request.principal), request.params.id, request.params.document, request.query.version),
      ),
  );

  await rawUploadRoutes(app, async (uploads) => {
    uploads.post(
      '/meetings/:id/documents',
      {
        config: { access: ORGANISING },
        bodyLimit: MAX_UPLOAD_BYTES,
        schema: {
          tags,
          summary: 'Upload a document (the file is the body; access public, participants or commission; optional agenda item)',
          params: MeetingParams,
          querystring: UploadDocumentQuery,
          response: { 201: DocumentSchema },
        },
      },
      async (request, reply) => {
        const { viewer, actor } = viewerAndActor(request);
        const q = request.query;
        return reply.status(201).send(
          await uploadDocument(app.db, viewer, actor, request.params.id, {
            title: q.title,
            access: q.access,
            itemId: q.item ?? null,
            name: q.name,
            content: uploadedFile(request),
          }),
        );
      },
    );
    uploads.post(
      '/meetings/:id/documents/:document/versions',
      {
        config: { access: ORGANISING },
        bodyLimit: MAX_UPLOAD_BYTES,
        schema: {
          tags,
          summary: 'Upload a new version of a document',
          params: DocumentParams,
          querystring: UploadVersionQuery,
          response: { 201: DocumentSchema },
        },
      },
      async (request, reply) => {
        const { viewer, actor } = viewerAndActor(request);
        return reply.status(201).send(
          await uploadDocument(app.db, viewer, actor, request.params.id, {
            documentId: request.params.document,
            name: request.query.name,
            content: uploadedFile(request),
          }),
        );
      },
    );
  });
};
