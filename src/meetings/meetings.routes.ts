// HTTP for meetings: the list and one meeting (as far as its visibility allows), organising
// (meeting, sessions, agenda items, reordering, delegations, documents, outcome, follow-ups),
// invitation replies, and the generated texts (announcement, printable agenda, .ics, briefing book).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAX_UPLOAD_BYTES } from '../platform/files/file-check.js';
import { PUBLIC, SIGNED_IN } from '../platform/http/access.js';
import { rawUploadRoutes, sendStoredFile, styleNonce, uploadedFile } from '../platform/http/replies.js';
import { listPartners } from '../platform/partners/partners.service.js';
import { viewerOf } from '../platform/viewer.js';
import { viewerAndActor } from '../platform/http/viewer.js';
import { briefingBook, briefingHtml } from './briefing.service.js';
import { agendaHtml, announcement, invitationIcs } from './meetings.js';
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
const Id = Type.String({ maxLength: 64 });
const Params = Type.Object({ id: Id });
const Text = (max: number) => Type.String({ maxLength: max });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Optional(Type.Union([Type.Null(), t]));
const Version = Type.Integer({ minimum: 1, description: 'the meeting version that was read; a stale one gets 409' });
const Topics = Type.Object(
  {
    domains: Type.Optional(Type.Array(Text(50), { maxItems: 10 })),
    indicators: Type.Optional(Type.Array(Text(100), { maxItems: 20 })),
    plans: Type.Optional(Type.Array(Text(100), { maxItems: 10 })),
  },
  { additionalProperties: false },
);
const MeetingFields = {
  title: Text(300),
  kind: Text(30),
  format: Text(30),
  host: Nullable(Text(300)),
  start: Text(40),
  end: Text(40),
  timeZone: Text(60),
  location: Nullable(Text(300)),
  videoUrl: Nullable(Text(2000)),
  status: Type.Optional(Text(20)),
  visibility: Text(20),
  description: Nullable(Text(5000)),
};
const ItemFields = {
  title: Text(300),
  description: Nullable(Text(5000)),
  topics: Type.Optional(Topics),
  lead: Nullable(Text(300)),
  presenters: Type.Optional(Type.Array(Text(200), { maxItems: 20 })),
  durationMinutes: Type.Optional(Type.Union([Type.Null(), Type.Integer({ minimum: 1, maximum: 1440 })])),
};

export const meetingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/meetings',
    { config: { access: PUBLIC }, schema: { tags, summary: 'Meetings the caller may see, newest first' } },
    async (request) => ({ meetings: await listVisibleMeetings(app.db, viewerOf(request.principal)) }),
  );

  app.post(
    '/meetings',
    {
      config: { access: ORGANISING },
      schema: { tags, summary: 'Create a meeting', body: Type.Object(MeetingFields, { additionalProperties: false }) },
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
      schema: { tags, summary: 'One meeting: agenda, delegations, documents the caller may read, outcome', params: Params },
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
        params: Params,
        body: Type.Object({ version: Version, ...Type.Partial(Type.Object(MeetingFields)).properties }, { additionalProperties: false }),
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
        params: Params,
        body: Type.Object({ title: Text(200), start: Text(40), end: Text(40) }, { additionalProperties: false }),
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
        params: Params,
        body: Type.Object({ sessionId: Id, ...ItemFields }, { additionalProperties: false }),
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
        params: Type.Object({ id: Id, item: Id }),
        body: Type.Object({ version: Version, ...Type.Partial(Type.Object(ItemFields)).properties }, { additionalProperties: false }),
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
        params: Type.Object({ id: Id, session: Id }),
        body: Type.Object({ version: Version, items: Type.Array(Id, { maxItems: 200 }) }, { additionalProperties: false }),
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
        params: Params,
        body: Type.Object(
          {
            partner: Nullable(Type.String({ pattern: '^[A-Za-z]{2}$' })),
            institution: Nullable(Text(200)),
            headName: Nullable(Text(200)),
            headFunction: Nullable(Text(200)),
          },
          { additionalProperties: false },
        ),
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
        params: Type.Object({ id: Id, delegation: Id }),
        body: Type.Object({ reply: Text(20), representedBy: Nullable(Text(200)) }, { additionalProperties: false }),
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
        params: Type.Object({ id: Id, delegation: Id }),
        body: Type.Object({ name: Text(200), function: Nullable(Text(200)), email: Nullable(Text(200)) }, { additionalProperties: false }),
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
      schema: { tags, summary: 'The participants list (delegations that accepted or are represented)', params: Params },
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
        params: Type.Object({ id: Id, document: Id }),
        querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }),
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
          params: Params,
          querystring: Type.Object({ name: Text(300), title: Type.Optional(Text(300)), access: Text(20), item: Type.Optional(Id) }),
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
          params: Type.Object({ id: Id, document: Id }),
          querystring: Type.Object({ name: Text(300) }),
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
        params: Params,
        body: Type.Object(
          {
            version: Version,
            conclusions: Nullable(Text(20_000)),
            decisions: Type.Optional(
              Type.Array(Type.Object({ text: Text(2000), itemId: Type.Optional(Type.Union([Type.Null(), Id])) }), { maxItems: 100 }),
            ),
          },
          { additionalProperties: false },
        ),
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
        params: Params,
        body: Type.Object(
          {
            title: Text(500),
            partners: Type.Array(Type.String({ pattern: '^[A-Za-z]{2}$' }), { minItems: 1, maxItems: 10 }),
            deadline: Nullable(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
            description: Nullable(Text(5000)),
            indicators: Type.Optional(Type.Array(Text(100), { maxItems: 20 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { viewer, actor } = viewerAndActor(request);
      return reply.status(201).send(await addFollowUp(app.db, app.catalog, viewer, actor, request.params.id, request.body));
    },
  );

  app.get(
    '/meetings/:id/announcement',
    { config: { access: PUBLIC }, schema: { tags, summary: 'The public announcement generated from the agenda (text)', params: Params } },
    async (request, reply) => {
      const meeting = await getMeeting(app.db, viewerOf(request.principal), request.params.id);
      const names = new Map((await listPartners(app.db)).map((p) => [p.code, p.name]));
      return reply.type('text/plain; charset=utf-8').send(announcement(meeting, meeting.sessions, meeting.delegations, names));
    },
  );

  app.get(
    '/meetings/:id/agenda.html',
    { config: { access: PUBLIC }, schema: { tags, summary: 'Printable agenda', params: Params } },
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
    { config: { access: PUBLIC }, schema: { tags, summary: 'iCalendar invitation', params: Params } },
    async (request, reply) => {
      const meeting = await getMeeting(app.db, viewerOf(request.principal), request.params.id);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="meeting.ics"')
        .send(invitationIcs(meeting, meeting.sessions, `${app.config.publicUrl}/meetings/${meeting.id}`));
    },
  );

  const BriefingQuery = Type.Object({ partner: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })) });
  app.get(
    '/meetings/:id/briefing',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags,
        summary: 'The briefing book of a delegation (indicators and commitments per agenda item)',
        params: Params,
        querystring: BriefingQuery,
      },
    },
    async (request) =>
      briefingBook(app.db, app.catalog, viewerOf(request.principal), request.params.id, request.query.partner?.toUpperCase() ?? null),
  );

  app.get(
    '/meetings/:id/briefing.html',
    {
      config: { access: SIGNED_IN },
      schema: { tags, summary: 'The briefing book as a printable document', params: Params, querystring: BriefingQuery },
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
