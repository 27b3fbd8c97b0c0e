// HTTP for a meeting's agenda: sessions, agenda items and the order of a session's items (organisers).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { viewerAndActor } from '../platform/http/viewer.js';
import { addItem, addSession, reorderItems, updateAgendaItem } from './agenda.service.js';
import { ORGANISING } from './meetings.js';
import {
  ItemBody,
  ItemParams,
  MeetingParams,
  MeetingSchema,
  ReorderBody,
  SessionBody,
  SessionParams,
  UpdateItemBody,
} from './meetings.schema.js';

const tags = ['meetings'];

/** /meetings/:id/sessions, /items, /items/:item and /sessions/:session/order. */
export const agendaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/meetings/:id/sessions',
    {
      config: { access: ORGANISING },
      schema: {
        tags,
        summary: 'Add a session (e.g. morning, afternoon)',
        params: MeetingParams,
        body: SessionBody,
        response: { 201: MeetingSchema },
      },
    },
    async (request, reply) => {
      const { viewer, actor } = viewerAndActor(request);
      return reply.status(201).send(await addSession(app.db, viewer, actor, request.params.id, request.body));
    },
  );

  app.post(
    '/meetings/:id/items',
    {
      config: { access: ORGANISING },
      schema: {
        tags,
        summary: 'Add an agenda item at the end of a session',
        params: MeetingParams,
        body: ItemBody,
        response: { 201: MeetingSchema },
      },
    },
    async (request, reply) => {
      const { viewer, actor } = viewerAndActor(request);
      return reply.status(201).send(await addItem(app.db, app.catalog, viewer, actor, request.params.id, request.body));
    },
  );

  app.patch(
    '/meetings/:id/items/:item',
    {
      config: { access: ORGANISING },
      schema: {
        tags,
        summary: 'Change an agenda item',
        params: ItemParams,
        body: UpdateItemBody,
        response: { 200: MeetingSchema },
      },
    },
    async (request) => {
      const { viewer, actor } = viewerAndActor(request);
      const { version, ...patch } = request.body;
      return updateAgendaItem(app.db, app.catalog, viewer, actor, request.params.id, request.params.item, version, patch);
    },
  );

  app.put(
    '/meetings/:id/sessions/:session/order',
    {
      config: { access: ORGANISING },
      schema: {
        tags,
        summary: 'Put a session’s agenda items in a new order',
        params: SessionParams,
        body: ReorderBody,
        response: { 200: MeetingSchema },
      },
    },
    async (request) => {
      const { viewer, actor } = viewerAndActor(request);
      return reorderItems(app.db, viewer, actor, request.params.id, request.params.session, request.body.version, request.body.items);
    },
  );
};
