// HTTP for the recommendations and follow-up actions the Commission adds and edits (plans of kind
// recommendations or meeting conclusions).
import { type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { viewerAndActor } from '../platform/http/viewer.js';
import { addPlanAction, updatePlanAction } from './plan-editing.service.js';
import { ActionParams, AddActionBody, AddedActionSchema, PlanParams, UpdateActionBody } from './plans.schema.js';
import { MANAGING } from './progress.js';
import { NoContent } from './progress.schema.js';

const tags = ['commitments'];

export const planEditingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/plans/:code/actions',
    {
      config: { access: MANAGING },
      schema: {
        tags,
        summary: 'Add a recommendation or follow-up action (plans of kind recommendations or meeting conclusions)',
        params: PlanParams,
        body: AddActionBody,
        response: { 201: AddedActionSchema },
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
        params: ActionParams,
        body: UpdateActionBody,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const { viewer, actor } = viewerAndActor(request);
      await updatePlanAction(app.db, app.catalog, viewer, actor, request.params.code, request.params.action, request.body);
      return reply.status(204).send();
    },
  );
};
