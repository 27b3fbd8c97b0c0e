// HTTP for a meeting's outcome: conclusions and decisions, and follow-up actions (organisers).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { viewerAndActor } from '../platform/http/viewer.js';
import { ORGANISING } from './meetings.js';
import { FollowUpBody, MeetingParams, MeetingSchema, OutcomeBody } from './meetings.schema.js';
import { addFollowUp, setOutcome } from './outcome.service.js';

const tags = ['meetings'];

/** PUT /meetings/:id/outcome, POST /meetings/:id/follow-ups. */
export const outcomeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/meetings/:id/outcome',
    {
      config: { access: ORGANISING },
      schema: {
        tags,
        summary: 'Record the conclusions and decisions',
        params: MeetingParams,
        body: OutcomeBody,
        response: { 200: MeetingSchema },
      },
    },
    async (request) => {
      const { viewer, actor } = viewerAndActor(request);
      return setOutcome(app.db, viewer, actor, request.params.id, request.body.version, request.body);
    },
  );

  app.post(
    '/meetings/:id/follow-ups',
    {
      config: { access: ORGANISING },
      schema: {
        tags,
        summary: 'A follow-up action: a commitment per responsible partner in the meeting’s conclusions plan',
        params: MeetingParams,
        body: FollowUpBody,
        response: { 201: MeetingSchema },
      },
    },
    async (request, reply) => {
      const { viewer, actor } = viewerAndActor(request);
      return reply.status(201).send(await addFollowUp(app.db, app.catalog, viewer, actor, request.params.id, request.body));
    },
  );
};
