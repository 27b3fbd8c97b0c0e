// HTTP for sign-in, sign-out, the current user and the caller's own API tokens; the second factor
// (mfa.routes.ts) and identity providers (oidc.routes.ts) are registered with them.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PUBLIC, SESSION_COOKIE, SIGNED_IN } from '../http/access.js';
import { NoContent } from '../http/schemas.js';
import { MeSchema, SecondFactorDueSchema, SessionSchema } from './auth.schema.js';
import { actorOf, createApiToken, listApiTokens, login, logout, revokeApiToken } from './auth.service.js';
import { sendSignIn } from './cookies.js';
import { mfaRoutes } from './mfa.routes.js';
import { OidcRelyingParty } from './oidc.js';
import { oidcRoutes } from './oidc.routes.js';

const TokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  revoked: Type.Boolean(),
});

/** Sign-in, sign-out and the signed-in user. */
const sessionRoutes = (rp: OidcRelyingParty): FastifyPluginAsyncTypebox =>
  async function sessionRoutes(app) {
    app.post(
      '/auth/login',
      {
        config: { access: PUBLIC },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with e-mail and password; sets the session cookie, or asks for the second factor (202)',
          body: Type.Object({
            email: Type.String({ minLength: 1, maxLength: 254 }),
            password: Type.String({ minLength: 1, maxLength: 1024 }),
          }),
          response: { 200: MeSchema, 202: SecondFactorDueSchema },
        },
      },
      async (request, reply) => {
        const result = await login(app.db, {
          email: request.body.email,
          password: request.body.password,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          requestId: request.id,
          mfaRequiredRoles: app.config.signIn?.mfaRequiredRoles ?? [],
        });
        return sendSignIn(request, reply, result);
      },
    );

    app.post(
      '/auth/logout',
      {
        config: { access: SIGNED_IN },
        schema: {
          tags: ['auth'],
          summary: 'Sign out (ends this session); after a provider’s sign-in, 200 with the provider’s sign-out URL to open',
          response: { 200: Type.Object({ endSessionUrl: Type.String() }), 204: NoContent },
        },
      },
      async (request, reply) => {
        const ended = await logout(app.db, request.principal!, actorOf(request.principal!, request.id));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        const endSessionUrl = ended ? await rp.endSessionUrl(ended.provider, ended.idToken) : null;
        return endSessionUrl ? reply.status(200).send({ endSessionUrl }) : reply.status(204).send(null);
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

    app.get(
      '/session',
      {
        config: { access: PUBLIC },
        schema: {
          tags: ['auth'],
          summary: 'Who this browser is: the signed-in user with the CSRF token, or `user: null` for a visitor (200 either way)',
          response: { 200: SessionSchema },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'private, no-store');
        return { user: request.principal?.user ?? null, csrfToken: request.principal?.csrfToken ?? null };
      },
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

/** Sign-in (passwords, the second factor, identity providers), sessions and API tokens. */
export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const rp = new OidcRelyingParty(app.config.signIn?.oidcProviders ?? [], app.config.publicUrl);
  await app.register(sessionRoutes(rp));
  await app.register(tokenRoutes);
  await app.register(mfaRoutes);
  await app.register(oidcRoutes(rp));
};
