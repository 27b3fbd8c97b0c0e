// HTTP for user administration (admin only) and a partner's own user list (coordinators see their colleagues).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { NoContent } from '../http/schemas.js';
import { SIGNED_IN } from '../http/access.js';
import { LOCALES } from '../locales.js';
import { actorOf } from '../auth/auth.service.js';
import { usersWithSecondFactor } from '../auth/mfa.service.js';
import { invitationsRoutes } from './invitations.routes.js';
import { changeLanguage, changeUser, createUser, getUserView, listUserViews, resetPassword } from './users.service.js';
import { CreateUserBody, PartnerCode, ResetPasswordBody, UpdateUserBody, UserIdParams, UserSchema } from './users.schema.js';

const ADMIN = { roles: ['admin'] } as const;

/** Who is there: all users (admins), the reviewer domains, a partner's own users. */
const directoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/users',
    {
      config: { access: ADMIN },
      schema: { tags: ['users'], summary: 'List all users', response: { 200: Type.Object({ users: Type.Array(UserSchema) }) } },
    },
    async () => {
      const withSecondFactor = await usersWithSecondFactor(app.db);
      return { users: (await listUserViews(app.db)).map((u) => ({ ...u, secondFactor: withSecondFactor.has(u.id) })) };
    },
  );

  app.get(
    '/review-domains',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['users'],
        summary: 'The domains a reviewer may be given (the catalogue’s and the modules’)',
        response: { 200: Type.Object({ domains: Type.Array(Type.String()) }) },
      },
    },
    async () => ({ domains: [...(app.reviewDomains ?? [])].sort() }),
  );

  app.get(
    '/partners/:partner/users',
    {
      config: { access: { roles: ['admin', 'commission', 'coordinator'], partnerParam: 'partner' } },
      schema: {
        tags: ['users'],
        summary: 'Users bound to one partner',
        params: Type.Object({ partner: PartnerCode }),
        response: {
          200: Type.Object({ users: Type.Array(Type.Pick(UserSchema, ['id', 'email', 'name', 'role', 'partner', 'disabled'])) }),
        },
      },
    },
    async (request) => ({ users: await listUserViews(app.db, { partner: request.params.partner.toUpperCase() }) }),
  );
};

/** An admin's changes to accounts. */
const accountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/users',
    {
      config: { access: ADMIN },
      schema: { tags: ['users'], summary: 'Create a user', body: CreateUserBody, response: { 201: UserSchema } },
    },
    async (request, reply) => {
      const user = await createUser(app.db, actorOf(request.principal!, request.id), request.body, app.reviewDomains);
      return reply.status(201).send(user);
    },
  );

  app.get(
    '/users/:id',
    {
      config: { access: ADMIN },
      schema: { tags: ['users'], summary: 'One user', params: UserIdParams, response: { 200: UserSchema } },
    },
    async (request) => {
      return getUserView(app.db, request.params.id);
    },
  );

  app.patch(
    '/users/:id',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['users'],
        summary: 'Change name, role, partner or disable/enable a user',
        params: UserIdParams,
        body: UpdateUserBody,
        response: { 200: UserSchema },
      },
    },
    async (request) => changeUser(app.db, actorOf(request.principal!, request.id), request.params.id, request.body, app.reviewDomains),
  );

  app.post(
    '/users/:id/password',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['users'],
        summary: 'Reset a user’s password (signs them out everywhere)',
        params: UserIdParams,
        body: ResetPasswordBody,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await resetPassword(app.db, actorOf(request.principal!, request.id), request.params.id, request.body.password);
      return reply.status(204).send(null);
    },
  );
};

/** The signed-in user's own settings. */
const ownSettingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/me/language',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['users'],
        summary: 'Choose the language I read the web app in (null: my browser’s)',
        body: Type.Object(
          { language: Type.Union([Type.Union(LOCALES.map((l) => Type.Literal(l))), Type.Null()]) },
          { additionalProperties: false },
        ),
        response: { 200: UserSchema },
      },
    },
    async (request) => changeLanguage(app.db, actorOf(request.principal!, request.id), request.principal!.user.id, request.body.language),
  );
};

export const usersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(invitationsRoutes);
  await app.register(directoryRoutes);
  await app.register(accountRoutes);
  await app.register(ownSettingsRoutes);
};
