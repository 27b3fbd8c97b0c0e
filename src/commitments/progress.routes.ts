// HTTP for progress reporting (rounds, reports, evidence, assessments, publication, exports) and
// the commitments views. Reading is public as far as the service lets each viewer see; changes
// declare their roles, and reporting routes also the partner a coordinator must belong to.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { XLSX_MEDIA_TYPE, rowsToCsv, rowsToXlsx } from '../platform/exports/tables.js';
import { MAX_UPLOAD_BYTES } from '../platform/files/file-check.js';
import { PUBLIC } from '../platform/http/access.js';
import { rawUploadRoutes, sendStoredFile, styleNonce, uploadedFile } from '../platform/http/replies.js';
import { viewerOf } from '../platform/viewer.js';
import { viewerAndActor } from '../platform/http/viewer.js';
import { addPlanAction, updatePlanAction } from './plan-editing.service.js';
import { ASSESSMENTS, STATUSES } from './progress.js';
import {
  addEvidenceFile,
  addEvidenceLink,
  evidenceFile,
  getReport,
  getRound,
  listVisibleRounds,
  openRound,
  publishRound,
  removeEvidence,
  returnReport,
  roundRows,
  saveAssessments,
  saveEntries,
  submitReport,
} from './progress.service.js';
import { renderRoundReport } from './report-html.js';
import { actionDetail, overdueList, partnerCommitments, planHeatmap } from './views.service.js';

const REPORTING = { roles: ['coordinator', 'admin'], partnerParam: 'partner' } as const;
const ASSESSING = { roles: ['reviewer', 'commission', 'admin'] } as const;
const MANAGING = { roles: ['commission', 'admin'] } as const;

const Id = Type.String({ maxLength: 64 });
const PartnerCode = Type.String({ pattern: '^[A-Za-z]{2}$' });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const PlanParams = Type.Object({ code: Type.String({ maxLength: 100 }) });
const RoundParams = Type.Object({ id: Id });
const ReportParams = Type.Object({ id: Id, partner: PartnerCode });
const Text = (max: number) => Type.String({ maxLength: max });
const Version = Type.Integer({ minimum: 1, description: 'the version that was read; a stale one gets 409' });

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

export const progressRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['commitments'];

  app.get(
    '/plans/:code/rounds',
    {
      config: { access: PUBLIC },
      schema: { tags, summary: 'Reporting rounds of a plan (published ones only without sign-in)', params: PlanParams },
    },
    async (request) => ({ rounds: await listVisibleRounds(app.db, viewerOf(request.principal), request.params.code) }),
  );

  app.get(
    '/rounds',
    { config: { access: PUBLIC }, schema: { tags, summary: 'Reporting rounds of every plan, newest first' } },
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
        body: Type.Object(
          { title: Text(200), periodStart: IsoDate, periodEnd: IsoDate, dueDate: IsoDate },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { viewer, actor } = viewerAndActor(request);
      return reply.status(201).send(await openRound(app.db, viewer, actor, request.params.code, request.body));
    },
  );

  app.get(
    '/rounds/:id',
    { config: { access: PUBLIC }, schema: { tags, summary: 'One round with the state of each partner’s report', params: RoundParams } },
    async (request) => getRound(app.db, viewerOf(request.principal), request.params.id),
  );

  app.post(
    '/rounds/:id/publish',
    {
      config: { access: MANAGING },
      schema: { tags, summary: 'Publish the assessed reports of a round', params: RoundParams, body: Type.Object({ version: Version }) },
    },
    async (request) => {
      const { viewer, actor } = viewerAndActor(request);
      return publishRound(app.db, viewer, actor, request.params.id, request.body.version);
    },
  );

  app.get(
    '/rounds/:id/export',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'The round as CSV or XLSX, one row per commitment, as far as the caller may read the reports',
        params: RoundParams,
        querystring: Type.Object({ format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]) }),
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
      schema: { tags, summary: 'Printable progress report of a round (HTML with print styles)', params: RoundParams },
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
    '/rounds/:id/reports/:partner',
    {
      config: { access: PUBLIC },
      schema: { tags, summary: 'One partner’s report with entries, evidence and (once visible) assessments', params: ReportParams },
    },
    async (request) => getReport(app.db, viewerOf(request.principal), request.params.id, request.params.partner.toUpperCase()),
  );

  app.put(
    '/rounds/:id/reports/:partner/entries',
    {
      config: { access: REPORTING },
      schema: {
        tags,
        summary: 'Save statuses and narratives (all or nothing)',
        params: ReportParams,
        body: Type.Object(
          {
            version: Version,
            entries: Type.Array(
              Type.Object(
                {
                  commitment: Id,
                  status: Type.Optional(Type.Union([Type.Null(), Type.Union(STATUSES.map((s) => Type.Literal(s)))])),
                  narrative: Type.Optional(Type.Union([Type.Null(), Text(10_000)])),
                },
                { additionalProperties: false },
              ),
              { maxItems: 2000 },
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { viewer, actor } = viewerAndActor(request);
      return saveEntries(
        app.db,
        viewer,
        actor,
        request.params.id,
        request.params.partner.toUpperCase(),
        request.body.version,
        request.body.entries,
      );
    },
  );

  app.post(
    '/rounds/:id/reports/:partner/submit',
    {
      config: { access: REPORTING },
      schema: { tags, summary: 'Submit the report for assessment', params: ReportParams, body: Type.Object({ version: Version }) },
    },
    async (request) => {
      const { viewer, actor } = viewerAndActor(request);
      return submitReport(app.db, viewer, actor, request.params.id, request.params.partner.toUpperCase(), request.body.version);
    },
  );

  app.post(
    '/rounds/:id/reports/:partner/return',
    {
      config: { access: ASSESSING },
      schema: {
        tags,
        summary: 'Return the report to the partner with a comment',
        params: ReportParams,
        body: Type.Object({ version: Version, comment: Text(5000) }),
      },
    },
    async (request) => {
      const { viewer, actor } = viewerAndActor(request);
      return returnReport(
        app.db,
        viewer,
        actor,
        request.params.id,
        request.params.partner.toUpperCase(),
        request.body.version,
        request.body.comment,
      );
    },
  );

  app.put(
    '/rounds/:id/reports/:partner/assessments',
    {
      config: { access: ASSESSING },
      schema: {
        tags,
        summary: 'Assess commitments of a submitted report',
        params: ReportParams,
        body: Type.Object(
          {
            version: Version,
            assessments: Type.Array(
              Type.Object(
                {
                  commitment: Id,
                  assessment: Type.Union([Type.Null(), Type.Union(ASSESSMENTS.map((a) => Type.Literal(a)))]),
                  comment: Type.Optional(Type.Union([Type.Null(), Text(10_000)])),
                },
                { additionalProperties: false },
              ),
              { maxItems: 2000 },
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { viewer, actor } = viewerAndActor(request);
      return saveAssessments(
        app.db,
        viewer,
        actor,
        request.params.id,
        request.params.partner.toUpperCase(),
        request.body.version,
        request.body.assessments,
      );
    },
  );

  app.post(
    '/rounds/:id/reports/:partner/links',
    {
      config: { access: REPORTING },
      schema: {
        tags,
        summary: 'Add a link as evidence',
        params: ReportParams,
        body: Type.Object({ commitment: Id, url: Text(2000), title: Type.Optional(Text(300)) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const { viewer, actor } = viewerAndActor(request);
      return reply
        .status(201)
        .send(
          await addEvidenceLink(
            app.db,
            viewer,
            actor,
            request.params.id,
            request.params.partner.toUpperCase(),
            request.body.commitment,
            request.body.url,
            request.body.title,
          ),
        );
    },
  );

  app.delete(
    '/rounds/:id/reports/:partner/evidence/:evidence',
    {
      config: { access: REPORTING },
      schema: { tags, summary: 'Remove a piece of evidence', params: Type.Object({ id: Id, partner: PartnerCode, evidence: Id }) },
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
      schema: { tags, summary: 'Download an evidence file (as far as the caller may read its report)', params: Type.Object({ id: Id }) },
    },
    async (request, reply) => {
      return sendStoredFile(reply, await evidenceFile(app.db, viewerOf(request.principal), request.params.id));
    },
  );

  // Uploads arrive as the raw file body (any content type); the type is judged from the content.
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
          querystring: Type.Object({ commitment: Id, name: Text(300) }),
        },
      },
      async (request, reply) => {
        const { viewer, actor } = viewerAndActor(request);
        return reply
          .status(201)
          .send(
            await addEvidenceFile(
              app.db,
              viewer,
              actor,
              request.params.id,
              request.params.partner.toUpperCase(),
              request.query.commitment,
              request.query.name,
              uploadedFile(request),
            ),
          );
      },
    );
  });

  app.get(
    '/plans/:code/heatmap',
    {
      config: { access: PUBLIC },
      schema: { tags, summary: 'Partners × objectives coloured by the latest visible assessment', params: PlanParams },
    },
    async (request) => planHeatmap(app.db, viewerOf(request.principal), request.params.code),
  );

  app.get(
    '/plans/:code/actions/:action',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'One action: commitments, history across rounds and linked indicator values',
        params: Type.Object({ code: Type.String({ maxLength: 100 }), action: Type.String({ maxLength: 40 }) }),
      },
    },
    async (request) => actionDetail(app.db, app.catalog, viewerOf(request.principal), request.params.code, request.params.action),
  );

  const ActionFields = {
    title: Text(500),
    description: Type.Optional(Type.Union([Type.Null(), Text(5000)])),
    deadline: Type.Optional(Type.Union([Type.Null(), IsoDate])),
    indicators: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
    institutions: Type.Optional(Type.Union([Type.Null(), Text(500)])),
  };
  app.post(
    '/plans/:code/actions',
    {
      config: { access: MANAGING },
      schema: {
        tags,
        summary: 'Add a recommendation or follow-up action (plans of kind recommendations or meeting conclusions)',
        params: PlanParams,
        body: Type.Object(
          { objective: Type.String({ maxLength: 40 }), partners: Type.Array(PartnerCode, { minItems: 1, maxItems: 10 }), ...ActionFields },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { viewer, actor } = viewerAndActor(request);
      return reply.status(201).send(await addPlanAction(app.db, app.catalog, viewer, actor, request.params.code, request.body));
    },
  );

  app.patch(
    '/plans/:code/actions/:action',
    {
      config: { access: MANAGING },
      schema: {
        tags,
        summary: 'Edit a recommendation or follow-up action',
        params: Type.Object({ code: Type.String({ maxLength: 100 }), action: Type.String({ maxLength: 40 }) }),
        body: Type.Partial(Type.Object(ActionFields), { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const { viewer, actor } = viewerAndActor(request);
      await updatePlanAction(app.db, app.catalog, viewer, actor, request.params.code, request.params.action, request.body);
      return reply.status(204).send();
    },
  );

  app.get(
    '/partners/:partner/commitments',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'A partner’s commitments across plans with deadlines, latest status and assessment',
        params: Type.Object({ partner: PartnerCode }),
      },
    },
    async (request) => ({
      commitments: await partnerCommitments(app.db, viewerOf(request.principal), request.params.partner.toUpperCase()),
    }),
  );

  app.get(
    '/commitments/overdue',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'Commitments past their deadline, and (signed in) reports past their round’s due date',
        querystring: Type.Object({ partner: Type.Optional(PartnerCode) }),
      },
    },
    async (request) => overdueList(app.db, viewerOf(request.principal), { partner: request.query.partner?.toUpperCase() }),
  );
};
