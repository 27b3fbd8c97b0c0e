// HTTP for invitations: admins (and the Commission, for national coordinators) invite and withdraw;
// the invited person reads the invitation and accepts it by setting a password (or through a
// provider: POST /auth/oidc/{provider}/start with the invitation).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../auth/auth.service.js';
import { MeSchema, SecondFactorDueSchema } from '../auth/auth.schema.js';
import { sendSignIn } from '../auth/cookies.js';
import { PUBLIC } from '../http/access.js';
import {
  AcceptInvitationBody,
  CreatedInvitationSchema,
  CreateInvitationBody,
  InvitationDetailsSchema,
  InvitationSchema,
  InvitationToken,
} from './invitations.schema.js';
import { acceptWithPassword, createInvitation, describeInvitation, listInvitations, revokeInvitation } from './invitations.service.js';

const INVITERS = { roles: ['admin', 'commission'] } as const;
const TAGS = ['users'];

type App = Parameters<FastifyPluginAsyncTypebox>[0];

/** The identity providers one may accept an invitation with. */
const providersOf = (app: App) => (app.config.signIn?.oidcProviders ?? []).map((p) => ({ id: p.id, label: p.label }));

/** Admins (and the Commission, for national coordinators) invite, list and withdraw. */
const invitingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const providers = () => providersOf(app);

  app.post(
    '/invitations',
    {
      config: { access: INVITERS },
      schema: {
        tags: TAGS,
        summary: 'Invite someone by e-mail with a role and partner (the Commission: national coordinators only)',
        body: CreateInvitationBody,
        response: { 201: CreatedInvitationSchema },
      },
    },
    async (request, reply) => {
      const created = await createInvitation(
        app.db,
        actorOf(request.principal!, request.id),
        request.principal!.user,
        request.body,
        { config: app.config, providerLabels: providers().map((p) => p.label), log: request.log },
        app.reviewDomains,
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/invitations',
    {
      config: { access: INVITERS },
      schema: {
        tags: TAGS,
        summary: 'Invitations, newest first (the Commission: those of national coordinators)',
        response: { 200: Type.Object({ invitations: Type.Array(InvitationSchema) }) },
      },
    },
    async (request) => ({ invitations: await listInvitations(app.db, request.principal!.user.role) }),
  );

  app.post(
    '/invitations/:id/revoke',
    {
      config: { access: INVITERS },
      schema: {
        tags: TAGS,
        summary: 'Withdraw a pending invitation (its link stops working)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: InvitationSchema },
      },
    },
    async (request) => revokeInvitation(app.db, actorOf(request.principal!, request.id), request.principal!.user.role, request.params.id),
  );
};

/** The invited person reads the invitation and accepts it. */
const invitedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const providers = () => providersOf(app);
  const required = () => app.config.signIn?.mfaRequiredRoles ?? [];

  app.post(
    '/invitations/lookup',
    {
      config: { access: PUBLIC },
      schema: {
        tags: TAGS,
        summary: 'What an invitation link offers (410 when it is used, withdrawn or expired)',
        body: InvitationToken,
        response: { 200: InvitationDetailsSchema },
      },
    },
    async (request) => {
      const invitation = await describeInvitation(app.db, request.body.token);
      return {
        email: invitation.email,
        name: invitation.name,
        role: invitation.role,
        partner: invitation.partner,
        expiresAt: invitation.expiresAt,
        secondFactorRequired: required().includes(invitation.role),
        providers: providers(),
      };
    },
  );

  app.post(
    '/invitations/accept',
    {
      config: { access: PUBLIC },
      schema: {
        tags: TAGS,
        summary: 'Accept an invitation by setting a password: signs in, or asks to set up the second factor first (202)',
        body: AcceptInvitationBody,
        response: { 200: MeSchema, 202: SecondFactorDueSchema },
      },
    },
    async (request, reply) => {
      const result = await acceptWithPassword(app.db, request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        requestId: request.id,
        mfaRequiredRoles: required(),
      });
      return sendSignIn(request, reply, result);
    },
  );
};

export const invitationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(invitingRoutes);
  await app.register(invitedRoutes);
};
