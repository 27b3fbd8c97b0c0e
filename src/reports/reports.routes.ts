// HTTP for the public partner profile: the figures and commitments as JSON, the printable page
// (HTML) and the same page as a tagged PDF (503 when the server has no Chromium to print it), the
// page and the PDF in the reader's language (`?lang=`, else theirs).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PUBLIC } from '../platform/http/access.js';
import { styleNonce } from '../platform/http/replies.js';
import { download } from '../platform/http/schemas.js';
import { requestLocale } from '../platform/i18n/request-locale.js';
import { closePdfPrinter, printPdf } from '../platform/pdf/pdf-printer.js';
import { renderProfile } from './profile-html.js';
import { PartnerParams, PartnerProfileSchema } from './profile.schema.js';
import { partnerProfile } from './profile.service.js';

const tags = ['reports'];

export const reportsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // The printer's browser is shared by the process; a server that stops closes it.
  app.addHook('onClose', async () => closePdfPrinter());

  app.get(
    '/reports/partners/:code',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'A partner’s public profile: latest published figures against the regional median, commitments by status',
        params: PartnerParams,
        response: { 200: PartnerProfileSchema },
      },
    },
    async (request) => partnerProfile(app.db, app.catalog, request.params.code),
  );

  app.get(
    '/reports/partners/:code.html',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'A partner’s profile as a printable page (HTML with print styles)',
        params: PartnerParams,
        response: { 200: { description: 'The profile as HTML', content: { 'text/html': { schema: { type: 'string' } } } } },
      },
    },
    async (request, reply) => {
      const profile = await partnerProfile(app.db, app.catalog, request.params.code);
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(renderProfile(profile, styleNonce(reply), requestLocale(request)));
    },
  );

  app.get(
    '/reports/partners/:code.pdf',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'A partner’s profile as a tagged PDF (503 when the server has no Chromium to print it)',
        params: PartnerParams,
        response: { 200: download('The profile (PDF)', 'application/pdf') },
      },
    },
    async (request, reply) => {
      const profile = await partnerProfile(app.db, app.catalog, request.params.code);
      const pdf = await printPdf(renderProfile(profile, '', requestLocale(request)), 'the partner profile');
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="profile-${profile.partner.code}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );
};
