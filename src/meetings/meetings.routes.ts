// HTTP for meetings: the list and one meeting (as far as its visibility allows), organising
// (meeting, sessions, agenda items, reordering, delegations, documents, outcome, follow-ups),
// invitation replies, and the generated texts (announcement, printable agenda, .ics, briefing book).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAX_UPLOAD_BYTES } from '../platform/files/file-check.js';
import { PUBLIC, SIGNED_IN } from '../platform/http/access.js';
import { rawUploadRoutes, sendStoredFile, styleNonce, uploadedFile } from '../platform/http/replies.js';
import { listPartners } from '../platform/partners/partners.service.js';
import { viewerOf } from '../platform/viewer.js';
import { viewerAndActor } from '../platform/http/viewer.js';
import { BriefingBookSchema, BriefingHtmlReply, BriefingQuery } from './briefing.schema.js';
import { briefingBook, briefingHtml } from './briefing.service.js';
import { agendaHtml, announcement, invitationIcs } from './meetings.js';
import {
  AgendaReply,
  AnnouncementReply,
  CreateMeetingBody,
  DelegationParams,
  DocumentFileQuery,
  DocumentFileReply,
  DocumentParams,
  DocumentSchema,
  FollowUpBody,
  InvitationReply,
  InviteDelegationBody,
  ItemBody,
  ItemParams,
  MeetingListSchema,
  MeetingParams,
  MeetingSchema,
  MemberBody,
  OutcomeBody,
  ParticipantListSchema,
  ReorderBody,
  ReplyBody,
  SessionBody,
  SessionParams,
  UpdateItemBody,
  UpdateMeetingBody,
  UploadDocumentQuery,
  UploadVersionQuery,
} from './meetings.schema.js';
import {
  addFollowUp,
  addItem,
  addMember,
  addSession,
  createMeeting,
  documentFile,
  getMeeting,
  inviteDelegation,
  listVisibleMeetings,
  participantsOf,
  reorderItems,
  replyToInvitation,
  setOutcome,
  updateAgendaItem,
  updateMeetingDetails,
  uploadDocument,
} from './meetings.service.js';

const tags = ['meetings'];
const ORGANISING = { roles: ['commission', 'admin'] } as const;

export const meetingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
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

  app.post(
    '/meetings/:id/delegations',
    {
      config: { access: ORGANISING },
      schema: {
        tags,
        summary: 'Invite a delegation (a partner, or an institution such as the Presidency or an agency)',
        params: MeetingParams,
        body: InviteDelegationBody,
        response: { 201: MeetingSchema },
      },
    },
    async (request, reply) => {
      const { viewer, actor } = viewerAndActor(request);
      return reply.status(201).send(await inviteDelegation(app.db, viewer, actor, request.params.id, request.body));
    },
  );

  app.post(
    '/meetings/:id/delegations/:delegation/reply',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: 'Reply to an invitation (the partner’s coordinators or the organisers)',
        params: DelegationParams,
        body: ReplyBody,
        response: { 200: MeetingSchema },
      },
    },
    async (request) => {
      const { viewer, actor } = viewerAndActor(request);
      return replyToInvitation(app.db, viewer, actor, request.params.id, request.params.delegation, request.body);
    },
  );

  app.post(
    '/meetings/:id/delegations/:delegation/members',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: 'Add a member to a delegation',
        params: DelegationParams,
        body: MemberBody,
        response: { 201: MeetingSchema },
      },
    },
    async (request, reply) => {
      const { viewer, actor } = viewerAndActor(request);
      return reply.status(201).send(await addMember(app.db, viewer, actor, request.params.id, request.params.delegation, request.body));
    },
  );

  app.get(
    '/meetings/:id/participants',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'The participants list (delegations that accepted or are represented)',
        params: MeetingParams,
        response: { 200: ParticipantListSchema },
      },
    },
    async (request) => ({ participants: participantsOf(await getMeeting(app.db, viewerOf(request.principal), request.params.id)) }),
  );

  app.get(
    '/meetings/:id/documents/:document/file',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'Download a document (latest version unless `version`), if its access allows',
        params: DocumentParams,
        querystring: DocumentFileQuery,
        response: { 200: DocumentFileReply },
      },
    },
    async (request, reply) =>
      sendStoredFile(
        reply,
        await documentFile(app.db, viewerOf(request.principal), request.params.id, request.params.document, request.query.version),
      ),
  );

  await rawUploadRoutes(app, async (uploads) => {
    uploads.post(
      '/meetings/:id/documents',
      {
        config: { access: ORGANISING },
        bodyLimit: MAX_UPLOAD_BYTES,
        schema: {
          tags,
          summary: 'Upload a document (the file is the body; access public, participants or commission; optional agenda item)',
          params: MeetingParams,
          querystring: UploadDocumentQuery,
          response: { 201: DocumentSchema },
        },
      },
      async (request, reply) => {
        const { viewer, actor } = viewerAndActor(request);
        const q = request.query;
        return reply.status(201).send(
          await uploadDocument(app.db, viewer, actor, request.params.id, {
            title: q.title,
            access: q.access,
            itemId: q.item ?? null,
            name: q.name,
            content: uploadedFile(request),
          }),
        );
      },
    );
    uploads.post(
      '/meetings/:id/documents/:document/versions',
      {
        config: { access: ORGANISING },
        bodyLimit: MAX_UPLOAD_BYTES,
        schema: {
          tags,
          summary: 'Upload a new version of a document',
          params: DocumentParams,
          querystring: UploadVersionQuery,
          response: { 201: DocumentSchema },
        },
      },
      async (request, reply) => {
        const { viewer, actor } = viewerAndActor(request);
        return reply.status(201).send(
          await uploadDocument(app.db, viewer, actor, request.params.id, {
            documentId: request.params.document,
            name: request.query.name,
            content: uploadedFile(request),
          }),
        );
      },
    );
  });

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
      return reply.type('text/plain; charset=utf-8').send(announcement(meeting, meeting.sessions, meeting.delegations, names));
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
        .send(agendaHtml(meeting, meeting.sessions, styleNonce(reply)));
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
        .send(invitationIcs(meeting, meeting.sessions, `${app.config.publicUrl}/meetings/${meeting.id}`));
    },
  );

  app.get(
    '/meetings/:id/briefing',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: 'The briefing book of a delegation (indicators and commitments per agenda item)',
        params: MeetingParams,
        querystring: BriefingQuery,
        response: { 200: BriefingBookSchema },
      },
    },
    async (request) =>
      briefingBook(app.db, app.catalog, viewerOf(request.principal), request.params.id, request.query.partner?.toUpperCase() ?? null),
  );

  app.get(
    '/meetings/:id/briefing.html',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: 'The briefing book as a printable document',
        params: MeetingParams,
        querystring: BriefingQuery,
        response: { 200: BriefingHtmlReply },
      },
    },
    async (request, reply) => {
      const partner = request.query.partner?.toUpperCase() ?? null;
      const book = await briefingBook(app.db, app.catalog, viewerOf(request.principal), request.params.id, partner);
      const names = new Map((await listPartners(app.db)).map((p) => [p.code, p.name]));
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(briefingHtml(book, partner ? (names.get(partner) ?? partner) : null, styleNonce(reply)));
    },
  );
};
