// HTTP for the second factor: the code step of a password sign-in and the set-up on the way in
// (both with the jha_pending cookie, before anyone is signed in), the account's own second factor,
// and an admin's reset of a lost one.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { PUBLIC, SIGNED_IN } from '../http/access.js';
import { NoContent } from '../http/schemas.js';
import { AppError, InvalidCodeError } from '../errors.js';
import { UserIdParams } from '../users/users.schema.js';
import { accountOf, NO_PASSWORD } from '../users/users.service.js';
import { CodeBody, EnrolmentSchema, MeSchema, RecoveryCodesSchema, SignedInWithCodesSchema, SignInDetailsSchema } from './auth.schema.js';
import { actorOf } from './auth.service.js';
import { clearPendingCookie, pendingSecret, setSessionCookie } from './cookies.js';
import { identitiesOf } from './identities.service.js';
import {
  completeWithCode,
  completeWithEnrolment,
  confirmAccountEnrolment,
  pendingSignIn,
  regenerateRecoveryCodes,
  removeOwnSecondFactor,
  resetSecondFactor,
  secondFactorStatus,
  startEnrolment,
} from './mfa.service.js';

const TAGS = ['auth'];

/** The second factor is the web sign-in's: an API token does not manage it. */
class SessionRequiredError extends AppError {
  constructor() {
    super('session_required', 403, 'The second factor is managed in the web app, not with an API token.');
  }
}

type App = Parameters<FastifyPluginAsyncTypebox>[0];

const from = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null, requestId: request.id });
const requiredRoles = (app: App) => app.config.signIn?.mfaRequiredRoles ?? [];

/** The pending sign-in of the jha_pending cookie, named on the request for the security log. */
async function pending(app: App, request: FastifyRequest) {
  const found = await pendingSignIn(app.db, pendingSecret(request));
  request.signInAccount = { userId: found.user.id, email: found.user.email };
  return found;
}

/** The signed-in user's account, through a web session (API tokens do not manage the second factor). */
async function ownAccount(app: App, request: FastifyRequest) {
  if (request.principal!.via !== 'session') throw new SessionRequiredError();
  return accountOf(app.db, request.principal!.user.id);
}

/** The code step of a password sign-in and the set-up on the way in, before anyone is signed in. */
const signInStepRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const sessionSecret = app.config.sessionSecret;

  app.post(
    '/auth/second-factor',
    {
      config: { access: PUBLIC },
      schema: {
        tags: TAGS,
        summary: 'The second step of a password sign-in: a TOTP code or a recovery code; sets the session cookie',
        body: CodeBody,
        response: { 200: MeSchema },
      },
    },
    async (request, reply) => {
      const result = await completeWithCode(app.db, sessionSecret, await pending(app, request), request.body.code, from(request));
      clearPendingCookie(reply);
      setSessionCookie(request, reply, result);
      return { user: result.user, csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/auth/second-factor/enrolment',
    {
      config: { access: PUBLIC },
      schema: {
        tags: TAGS,
        summary: 'Start setting up TOTP during a sign-in whose role requires a second factor',
        response: { 200: EnrolmentSchema },
      },
    },
    async (request) => {
      const { challenge, user } = await pending(app, request);
      if (challenge.purpose !== 'enrol') throw new InvalidCodeError('This sign-in asks for a code, not a set-up.');
      return startEnrolment(app.db, sessionSecret, user, request.id);
    },
  );

  app.post(
    '/auth/second-factor/enrolment/confirm',
    {
      config: { access: PUBLIC },
      schema: {
        tags: TAGS,
        summary: 'Confirm the set-up with a first code: sets the session cookie and returns the recovery codes (once)',
        body: CodeBody,
        response: { 200: SignedInWithCodesSchema },
      },
    },
    async (request, reply) => {
      const { session, recoveryCodes } = await completeWithEnrolment(
        app.db,
        sessionSecret,
        await pending(app, request),
        request.body.code,
        from(request),
      );
      clearPendingCookie(reply);
      setSessionCookie(request, reply, session);
      return { user: session.user, csrfToken: session.csrfToken, recoveryCodes };
    },
  );
};

/** The signed-in user's own second factor. */
const ownSecondFactorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const sessionSecret = app.config.sessionSecret;

  app.post(
    '/me/second-factor/enrolment',
    {
      config: { access: SIGNED_IN },
      schema: { tags: TAGS, summary: 'Start setting up TOTP for my account (QR code and secret)', response: { 200: EnrolmentSchema } },
    },
    async (request) => startEnrolment(app.db, sessionSecret, await ownAccount(app, request), request.id),
  );

  app.post(
    '/me/second-factor/confirm',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: TAGS,
        summary: 'Confirm my TOTP set-up with a first code; returns the recovery codes (once)',
        body: CodeBody,
        response: { 200: RecoveryCodesSchema },
      },
    },
    async (request) => {
      const user = await ownAccount(app, request);
      const recoveryCodes = await confirmAccountEnrolment(app.db, sessionSecret, user, request.body.code, {
        ...from(request),
        sessionId: request.principal!.sessionId!,
      });
      return { recoveryCodes };
    },
  );

  app.post(
    '/me/second-factor/recovery-codes',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: TAGS,
        summary: 'New recovery codes in place of the old ones (needs a current code)',
        body: CodeBody,
        response: { 200: RecoveryCodesSchema },
      },
    },
    async (request) => ({
      recoveryCodes: await regenerateRecoveryCodes(app.db, sessionSecret, await ownAccount(app, request), request.body.code, from(request)),
    }),
  );

  app.post(
    '/me/second-factor/remove',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: TAGS,
        summary: 'Remove my second factor (needs a current code; not when my role requires one)',
        body: CodeBody,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await removeOwnSecondFactor(
        app.db,
        sessionSecret,
        await ownAccount(app, request),
        request.body.code,
        requiredRoles(app),
        from(request),
      );
      return reply.status(204).send(null);
    },
  );
};

/** How the signed-in user signs in. */
const signInDetailsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me/sign-in',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: TAGS,
        summary: 'How I sign in: password, second factor, linked provider identities',
        response: { 200: SignInDetailsSchema },
      },
    },
    async (request) => {
      const user = await accountOf(app.db, request.principal!.user.id);
      return {
        password: user.password_hash !== NO_PASSWORD,
        secondFactor: await secondFactorStatus(app.db, user, requiredRoles(app)),
        identities: await identitiesOf(app.db, user.id),
      };
    },
  );
};

/** An admin's reset of a user's lost second factor. */
const resetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/users/:id/second-factor/reset',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['users'],
        summary: 'Reset a user’s lost second factor (ends their sessions; they set up a new one)',
        params: UserIdParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await resetSecondFactor(app.db, actorOf(request.principal!, request.id), request.params.id);
      return reply.status(204).send(null);
    },
  );
};

export const mfaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(signInStepRoutes);
  await app.register(signInDetailsRoutes);
  await app.register(ownSecondFactorRoutes);
  await app.register(resetRoutes);
};
