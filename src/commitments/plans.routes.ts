// HTTP for plans: the list with counts, and one plan with objectives, actions and commitments (public content).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PUBLIC } from '../platform/http/access.js';
import { planDetail, planSummaries } from './plans.service.js';

export const plansRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/plans',
    {
      config: { access: PUBLIC },
      schema: { tags: ['commitments'], summary: 'Action plans, roadmaps and recommendations with their counts' },
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
        params: Type.Object({ code: Type.String({ maxLength: 100 }) }),
      },
    },
    async (request) => planDetail(app.db, request.params.code),
  );
};
