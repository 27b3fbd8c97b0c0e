// HTTP for reporting rounds: the lists (published ones only without sign-in), one round, opening
// and publishing (the Commission), and a round's exports (CSV/XLSX and the printable report), which
// hold what the caller may read of its reports.
import { type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { XLSX_MEDIA_TYPE, rowsToCsv, rowsToXlsx } from '../platform/exports/tables.js';
import { PUBLIC } from '../platform/http/access.js';
import { styleNonce } from '../platform/http/replies.js';
import { download } from '../platform/http/schemas.js';
import { printPdf } from '../platform/pdf/pdf-printer.js';
import { viewerAndActor } from '../platform/http/viewer.js';
import { viewerOf } from '../platform/viewer.js';
import { PlanParams } from './plans.schema.js';
import { MANAGING } from './progress.js';
import {
  ExportQuery,
  OpenRoundBody,
  PublishBody,
  RoundExportResponse,
  RoundListSchema,
  RoundParams,
  RoundReportHtmlResponse,
  RoundSchema,
} from './progress.schema.js';
import { renderRoundReport } from './report-html.js';
import { getRound, listVisibleRounds, openRound, publishRound, roundRows } from './rounds.service.js';

const tags = ['commitments'];

export const ROUND_COLUMNS = [
  'round',
  'plan',
  'partner',
  'report_status',
  'objective',
  'action',
  'action_title',
  'deadline',
  'status',
  'narrative',
  'evidence',
  'assessment',
  'assessment_comment',
] as const;

function safeFileName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'report';
}

export const roundsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/plans/:code/rounds',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'Reporting rounds of a plan (published ones only without sign-in)',
        params: PlanParams,
        response: { 200: RoundListSchema },
      },
    },
    async (request) => ({ rounds: await listVisibleRounds(app.db, viewerOf(request.principal), request.params.code) }),
  );

  app.get(
    '/rounds',
    {
      config: { access: PUBLIC },
      schema: { tags, summary: 'Reporting rounds of every plan, newest first', response: { 200: RoundListSchema } },
    },
    async (request) => ({ rounds: await listVisibleRounds(app.db, viewerOf(request.principal)) }),
  );

  app.post(
    '/plans/:code/rounds',
    {
      config: { access: MANAGING },
      schema: {
        tags,
        summary: 'Open a reporting round: one draft report per committed partner',
        params: PlanParams,
        body: OpenRoundBody,
        response: { 201: RoundSchema },
      },
    },
    async (request, reply) => {
      const { viewer, actor } = viewerAndActor(request);
      return reply.status(201).send(await openRound(app.db, viewer, actor, request.params.code, request.body));
    },
  );

  app.get(
    '/rounds/:id',
    {
      config: { access: PUBLIC },
      schema: { tags, summary: 'One round with the state of each partner’s report', params: RoundParams, response: { 200: RoundSchema } },
    },
    async (request) => getRound(app.db, viewerOf(request.principal), request.params.id),
  );

  app.post(
    '/rounds/:id/publish',
    {
      config: { access: MANAGING },
      schema: {
        tags,
        summary: 'Publish the assessed reports of a round (before its due date only with early: true)',
        params: RoundParams,
        body: PublishBody,
        response: { 200: RoundSchema },
      },
    },
    async (request) => {
      const { viewer, actor } = viewerAndActor(request);
      return publishRound(app.db, viewer, actor, request.params.id, request.body.version, { early: request.body.early === true });
    },
  );
};

export const roundExportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/rounds/:id/export',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'The round as CSV or XLSX, one row per commitment, as far as the caller may read the reports',
        params: RoundParams,
        querystring: ExportQuery,
        response: { 200: RoundExportResponse },
      },
    },
    async (request, reply) => {
      const { round, rows } = await roundRows(app.db, viewerOf(request.principal), request.params.id);
      const name = safeFileName(`${round.plan}_${round.title}`);
      if (request.query.format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(rowsToCsv(ROUND_COLUMNS, rows));
      return reply
        .type(XLSX_MEDIA_TYPE)
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(await rowsToXlsx('progress', ROUND_COLUMNS, rows));
    },
  );

  app.get(
    '/rounds/:id/report.html',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'Printable progress report of a round (HTML with print styles)',
        params: RoundParams,
        response: { 200: RoundReportHtmlResponse },
      },
    },
    async (request, reply) => {
      const { round, rows } = await roundRows(app.db, viewerOf(request.principal), request.params.id);
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(renderRoundReport(round, rows, styleNonce(reply)));
    },
  );

  app.get(
    '/rounds/:id/report.pdf',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'The progress report of a round as a tagged PDF (503 when the server has no Chromium to print it)',
        params: RoundParams,
        response: { 200: download('The progress report (PDF)', 'application/pdf') },
      },
    },
    async (request, reply) => {
      const { round, rows } = await roundRows(app.db, viewerOf(request.principal), request.params.id);
      const pdf = await printPdf(renderRoundReport(round, rows, ''), 'the progress report');
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="progress-report-${request.params.id}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );
};
