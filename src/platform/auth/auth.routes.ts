// HTTP for sign-in, sign-out, the current user and the caller's own API tokens.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PUBLIC, SESSION_COOKIE, SIGNED_IN } from '../http/access.js';
import { UserSchema } from '../users/users.schema.js';
import { NoContent } from '../http/schemas.js';
import { actorOf, createApiToken, listApiTokens, login, logout, revokeApiToken } from './auth.service.js';

const MeSchema = Type.Object({ user: UserSchema, csrfToken: Type.Union([Type.String(), Type.Null()]) });
const TokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  revoked: Type.Boolean(),
});

/** Sign-in, sign-out and the signed-in user. */
const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/auth/login',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password; sets the session cookie',
        body: Type.Object({
          email: Type.String({ minLength: 1, maxLength: 254 }),
          password: Type.String({ minLength: 1, maxLength: 1024 }),
        }),
        response: { 200: MeSchema },
      },
    },
    async (request, reply) => {
      const result = await login(app.db, {
        email: request.body.email,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        requestId: request.id,
      });
      reply.setCookie(SESSION_COOKIE, result.sessionSecret, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        signed: true,
        expires: new Date(result.expiresAt),
      });
      return { user: result.user, csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: SIGNED_IN },
      schema: { tags: ['auth'], summary: 'Sign out (ends this session)', response: { 204: NoContent } },
    },
    async (request, reply) => {
      await logout(app.db, request.principal!, actorOf(request.principal!, request.id));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, with the CSRF token for state-changing requests',
        response: { 200: MeSchema },
      },
    },
    async (request) => ({ user: request.principal!.user, csrfToken: request.principal!.csrfToken }),
  );
};

/** API tokens of the signed-in user; revoking one. */
const tokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me/tokens',
    {
      config: { access: SIGNED_IN },
      schema: { tags: ['auth'], summary: 'My API tokens', response: { 200: Type.Object({ tokens: Type.Array(TokenSchema) }) } },
    },
    async (request) => ({ tokens: await listApiTokens(app.db, request.principal!.user.id) }),
  );

  app.post(
    '/me/tokens',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['auth'],
        summary: 'Create an API token for myself (shown once)',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ token: Type.String(), info: TokenSchema }) },
      },
    },
    async (request, reply) => {
      const { token, view } = await createApiToken(
        app.db,
        actorOf(request.principal!, request.id),
        request.principal!.user.email,
        request.body.name,
      );
      return reply.status(201).send({ token, info: view });
    },
  );

  app.delete(
    '/tokens/:id',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['auth'],
        summary: 'Revoke an API token (own tokens; admins: any)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await revokeApiToken(app.db, actorOf(request.principal!, request.id), request.principal!, request.params.id);
      return reply.status(204).send(null);
    },
  );
};

/** Sign-in, sessions and API tokens. */
export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(sessionRoutes);
  await app.register(tokenRoutes);
};
