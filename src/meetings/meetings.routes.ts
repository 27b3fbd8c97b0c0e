// HTTP for the meeting itself: the list and one meeting (as far as its visibility allows),
// creating and changing it, and the texts generated from it (announcement, printable agenda, .ics).
// The sub-resources have their own plugins (agenda, delegations, documents, outcome, briefing).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PUBLIC } from '../platform/http/access.js';
import { requestLocale } from '../platform/i18n/request-locale.js';
import { styleNonce } from '../platform/http/replies.js';
import { viewerAndActor } from '../platform/http/viewer.js';
import { listPartners } from '../platform/partners/partners.service.js';
import { viewerOf } from '../platform/viewer.js';
import { agendaHtml, announcement, invitationIcs, ORGANISING } from './meetings.js';
import {
  AgendaReply,
  AnnouncementReply,
  CreateMeetingBody,
  InvitationReply,
  MeetingListSchema,
  MeetingParams,
  MeetingSchema,
  UpdateMeetingBody,
} from './meetings.schema.js';
import { createMeeting, getMeeting, listVisibleMeetings, updateMeetingDetails } from './meetings.service.js';

const tags = ['meetings'];

/** GET/POST /meetings, GET/PATCH /meetings/:id. */
export const meetingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/meetings',
    {
      config: { access: PUBLIC },
      schema: { tags, summary: 'Meetings the caller may see, newest first', response: { 200: MeetingListSchema } },
    },
    async (request) => ({ meetings: await listVisibleMeetings(app.db, viewerOf(request.principal)) }),
  );

  app.post(
    '/meetings',
    {
      config: { access: ORGANISING },
      schema: { tags, summary: 'Create a meeting', body: CreateMeetingBody, response: { 201: MeetingSchema } },
    },
    async (request, reply) => {
      const { viewer, actor } = viewerAndActor(request);
      return reply.status(201).send(await createMeeting(app.db, viewer, actor, request.body));
    },
  );

  app.get(
    '/meetings/:id',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'One meeting: agenda, delegations, documents the caller may read, outcome',
        params: MeetingParams,
        response: { 200: MeetingSchema },
      },
    },
    async (request) => getMeeting(app.db, viewerOf(request.principal), request.params.id),
  );

  app.patch(
    '/meetings/:id',
    {
      config: { access: ORGANISING },
      schema: {
        tags,
        summary: 'Change the meeting’s details',
        params: MeetingParams,
        body: UpdateMeetingBody,
        response: { 200: MeetingSchema },
      },
    },
    async (request) => {
      const { viewer, actor } = viewerAndActor(request);
      const { version, ...patch } = request.body;
      return updateMeetingDetails(app.db, viewer, actor, request.params.id, version, patch);
    },
  );
};

/** The generated texts: /meetings/:id/announcement, /agenda.html and /invitation.ics, in the reader's language (`?lang=`, else theirs). */
export const meetingTextRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/meetings/:id/announcement',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'The public announcement generated from the agenda (text)',
        params: MeetingParams,
        response: { 200: AnnouncementReply },
      },
    },
    async (request, reply) => {
      const meeting = await getMeeting(app.db, viewerOf(request.principal), request.params.id);
      const names = new Map((await listPartners(app.db)).map((p) => [p.code, p.name]));
      return reply
        .type('text/plain; charset=utf-8')
        .send(announcement(meeting, meeting.sessions, meeting.delegations, names, requestLocale(request)));
    },
  );

  app.get(
    '/meetings/:id/agenda.html',
    { config: { access: PUBLIC }, schema: { tags, summary: 'Printable agenda', params: MeetingParams, response: { 200: AgendaReply } } },
    async (request, reply) => {
      const meeting = await getMeeting(app.db, viewerOf(request.principal), request.params.id);
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(agendaHtml(meeting, meeting.sessions, styleNonce(reply), requestLocale(request)));
    },
  );

  app.get(
    '/meetings/:id/invitation.ics',
    {
      config: { access: PUBLIC },
      schema: { tags, summary: 'iCalendar invitation', params: MeetingParams, response: { 200: InvitationReply } },
    },
    async (request, reply) => {
      const meeting = await getMeeting(app.db, viewerOf(request.principal), request.params.id);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="meeting.ics"')
        .send(invitationIcs(meeting, meeting.sessions, `${app.config.publicUrl}/meetings/${meeting.id}`, requestLocale(request)));
    },
  );
};
