// HTTP for a meeting's delegations: invitations (organisers), replies and members (the partner's
// coordinators or the organisers), and the participants list.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PUBLIC, SIGNED_IN } from '../platform/http/access.js';
import { viewerAndActor } from '../platform/http/viewer.js';
import { viewerOf } from '../platform/viewer.js';
import { addMember, inviteDelegation, participantsOf, replyToInvitation } from './delegations.service.js';
import { ORGANISING } from './meetings.js';
import {
  DelegationParams,
  InviteDelegationBody,
  MeetingParams,
  MeetingSchema,
  MemberBody,
  ParticipantListSchema,
  ReplyBody,
} from './meetings.schema.js';
import { getMeeting } from './meetings.service.js';

const tags = ['meetings'];

/** /meetings/:id/delegations, /delegations/:delegation/reply and /members, /participants. */
export const delegationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
};
