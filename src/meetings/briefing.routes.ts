// HTTP for a delegation's briefing book: as JSON and as a printable document (participants).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SIGNED_IN } from '../platform/http/access.js';
import { styleNonce } from '../platform/http/replies.js';
import { requestLocale } from '../platform/i18n/request-locale.js';
import { download } from '../platform/http/schemas.js';
import { printPdf } from '../platform/pdf/pdf-printer.js';
import { listPartners } from '../platform/partners/partners.service.js';
import { viewerOf } from '../platform/viewer.js';
import { BriefingBookSchema, BriefingHtmlReply, BriefingQuery } from './briefing.schema.js';
import { briefingBook, briefingHtml } from './briefing.service.js';
import { MeetingParams } from './meetings.schema.js';

const tags = ['meetings'];

/** GET /meetings/:id/briefing, /briefing.html and /briefing.pdf. */
export const briefingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/meetings/:id/briefing',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: 'The briefing book of a delegation (indicators and commitments per agenda item)',
        params: MeetingParams,
        querystring: BriefingQuery,
        response: { 200: BriefingBookSchema },
      },
    },
    async (request) =>
      briefingBook(app.db, app.catalog, viewerOf(request.principal), request.params.id, request.query.partner?.toUpperCase() ?? null),
  );

  app.get(
    '/meetings/:id/briefing.html',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: 'The briefing book as a printable document',
        params: MeetingParams,
        querystring: BriefingQuery,
        response: { 200: BriefingHtmlReply },
      },
    },
    async (request, reply) => {
      const partner = request.query.partner?.toUpperCase() ?? null;
      const book = await briefingBook(app.db, app.catalog, viewerOf(request.principal), request.params.id, partner);
      const names = new Map((await listPartners(app.db)).map((p) => [p.code, p.name]));
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(briefingHtml(book, partner ? (names.get(partner) ?? partner) : null, styleNonce(reply), requestLocale(request)));
    },
  );

  app.get(
    '/meetings/:id/briefing.pdf',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: 'The briefing book as a tagged PDF (503 when the server has no Chromium to print it)',
        params: MeetingParams,
        querystring: BriefingQuery,
        response: { 200: download('The briefing book (PDF)', 'application/pdf') },
      },
    },
    async (request, reply) => {
      const partner = request.query.partner?.toUpperCase() ?? null;
      const book = await briefingBook(app.db, app.catalog, viewerOf(request.principal), request.params.id, partner);
      const names = new Map((await listPartners(app.db)).map((p) => [p.code, p.name]));
      const pdf = await printPdf(
        briefingHtml(book, partner ? (names.get(partner) ?? partner) : null, '', requestLocale(request)),
        'the briefing book',
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="briefing-book-${request.params.id}${partner ? `-${partner}` : ''}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );
};
