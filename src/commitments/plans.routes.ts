// HTTP for plans: the list with counts, and one plan with objectives, actions and commitments (public content).
import { type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PUBLIC } from '../platform/http/access.js';
import { PlanListSchema, PlanParams, PlanSchema } from './plans.schema.js';
import { planDetail, planSummaries } from './plans.service.js';

export const plansRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/plans',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['commitments'],
        summary: 'Action plans, roadmaps and recommendations with their counts',
        response: { 200: PlanListSchema },
      },
    },
    async () => ({ plans: await planSummaries(app.db) }),
  );
  app.get(
    '/plans/:code',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['commitments'],
        summary: 'One plan: objectives, actions (paraphrase marks a summarised title) and the partners committed to each',
        params: PlanParams,
        response: { 200: PlanSchema },
      },
    },
    async (request) => planDetail(app.db, request.params.code),
  );
};
