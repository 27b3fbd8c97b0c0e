// HTTP for the register of emergency measures: the list (?partner=, ?category=, ?status=) and one
// measure as far as the viewer may read them, creating, changing and deleting (the partner's
// coordinators), and the workflow steps submit, return, approve and publish.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PUBLIC } from '../platform/http/access.js';
import { NoContent } from '../platform/http/schemas.js';
import { viewerAndActor } from '../platform/http/viewer.js';
import { viewerOf } from '../platform/viewer.js';
import { ENTERING, PUBLISHING, REVIEWING, type Transition } from './measures.js';
import {
  CreateMeasureBody,
  ListQuery,
  MeasureListSchema,
  MeasureParams,
  MeasureSchema,
  ReturnBody,
  UpdateMeasureBody,
  VersionBody,
} from './measures.schema.js';
import { changeMeasure, createMeasure, getMeasure, listVisibleMeasures, moveMeasure, removeMeasure } from './measures.service.js';

const tags = ['rule of law'];
const BASE = '/emergency-measures';

/** Reading the register, as far as the viewer may. */
const readingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    BASE,
    {
      config: { access: PUBLIC },
      schema: { tags, summary: 'Emergency measures the viewer may read', querystring: ListQuery, response: { 200: MeasureListSchema } },
    },
    async (request) => listVisibleMeasures(app.db, viewerOf(request.principal), request.query),
  );

  app.get(
    `${BASE}/:id`,
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'One emergency measure (404 when the viewer may not read it)',
        params: MeasureParams,
        response: { 200: MeasureSchema },
      },
    },
    async (request) => getMeasure(app.db, viewerOf(request.principal), request.params.id),
  );
};

/** The partner's coordinators create, change and delete their drafts. */
const editingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    BASE,
    {
      config: { access: ENTERING },
      schema: { tags, summary: 'Add a draft emergency measure of a partner', body: CreateMeasureBody, response: { 201: MeasureSchema } },
    },
    async (request, reply) => {
      const { viewer, actor } = viewerAndActor(request);
      return reply.status(201).send(await createMeasure(app.db, viewer, actor, request.body));
    },
  );

  app.put(
    `${BASE}/:id`,
    {
      config: { access: ENTERING },
      schema: {
        tags,
        summary: 'Change a draft or returned emergency measure',
        params: MeasureParams,
        body: UpdateMeasureBody,
        response: { 200: MeasureSchema },
      },
    },
    async (request) => {
      const { viewer, actor } = viewerAndActor(request);
      const { version, ...fields } = request.body;
      return changeMeasure(app.db, viewer, actor, request.params.id, version, fields);
    },
  );

  app.delete(
    `${BASE}/:id`,
    {
      config: { access: ENTERING },
      schema: {
        tags,
        summary: 'Delete a draft emergency measure',
        params: MeasureParams,
        querystring: Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const { viewer, actor } = viewerAndActor(request);
      await removeMeasure(app.db, viewer, actor, request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );
};

/** The workflow steps: submit, return, approve, publish. */
const workflowRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const step = (name: Transition, summary: string, access: typeof ENTERING) =>
    app.post(
      `${BASE}/:id/${name}`,
      {
        config: { access },
        schema: {
          tags,
          summary,
          params: MeasureParams,
          body: name === 'return' ? ReturnBody : VersionBody,
          response: { 200: MeasureSchema },
        },
      },
      async (request) => {
        const { viewer, actor } = viewerAndActor(request);
        const body = request.body as { version: number; comment?: string };
        return moveMeasure(app.db, viewer, actor, request.params.id, name, body.version, body.comment);
      },
    );
  step('submit', 'Submit a draft or returned measure for review', ENTERING);
  step('return', 'Return a submitted measure to its partner with a comment', REVIEWING);
  step('approve', 'Approve a submitted measure', REVIEWING);
  step('publish', 'Publish an approved measure', PUBLISHING);
};

export const measuresRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(readingRoutes);
  await app.register(editingRoutes);
  await app.register(workflowRoutes);
};
