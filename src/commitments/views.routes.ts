// HTTP for the commitments views (public, each showing what the viewer may read): a plan's heat
// map, one action's history and indicators, a partner's commitments and the overdue list.
import { type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PUBLIC } from '../platform/http/access.js';
import { viewerOf } from '../platform/viewer.js';
import { ActionParams, PlanParams } from './plans.schema.js';
import { ActionDetailSchema, HeatmapSchema, OverdueQuery, OverdueSchema, PartnerCommitmentsSchema, PartnerParams } from './views.schema.js';
import { actionDetail, overdueList, partnerCommitments, planHeatmap } from './views.service.js';

const tags = ['commitments'];

export const viewsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/plans/:code/heatmap',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'Partners × objectives coloured by the latest visible assessment',
        params: PlanParams,
        response: { 200: HeatmapSchema },
      },
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
        params: ActionParams,
        response: { 200: ActionDetailSchema },
      },
    },
    async (request) => actionDetail(app.db, app.catalog, viewerOf(request.principal), request.params.code, request.params.action),
  );

  app.get(
    '/partners/:partner/commitments',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'A partner’s commitments across plans with deadlines, latest status and assessment',
        params: PartnerParams,
        response: { 200: PartnerCommitmentsSchema },
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
        querystring: OverdueQuery,
        response: { 200: OverdueSchema },
      },
    },
    async (request) => overdueList(app.db, viewerOf(request.principal), { partner: request.query.partner?.toUpperCase() }),
  );
};
