// HTTP for signing in with an identity provider (OpenID Connect): the providers of the sign-in
// page, the start of a flow (to the provider, with an invitation when one is being accepted) and
// the provider's answer, which ends on a page of the app: the one asked for, or the refusal page
// ("ask your administrator for access"), every refusal recorded in the security log.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PUBLIC } from '../http/access.js';
import { pathOf, type SecurityEventKind } from '../security/security-events.service.js';
import { usableInvitation } from '../users/invitations.service.js';
import { ProvidersSchema } from './auth.schema.js';
import { clearFlowCookie, flowOf, setFlowCookie, setSessionCookie } from './cookies.js';
import { signInWithIdentity, type RefusalReason } from './identities.service.js';
import { OidcFlowError, OidcUnavailableError, type OidcRelyingParty } from './oidc.js';

const TAGS = ['auth'];
const Provider = Type.Object({ provider: Type.String({ pattern: '^[a-z][a-z0-9-]{0,30}$' }) });
const Redirect = (description: string) => Type.Null({ description });
/** The web app's page for refusals; the reason picks its text. */
const REFUSED_PAGE = '/sign-in/refused';

type App = Parameters<FastifyPluginAsyncTypebox>[0];

/** Ends a provider sign-in on the refusal page, recorded in the security log. */
async function refuse(
  app: App,
  request: FastifyRequest,
  reply: FastifyReply,
  kind: SecurityEventKind,
  reason: RefusalReason | 'failed' | 'unavailable',
  detail: { email?: string | null; message?: string },
) {
  request.log.warn(
    { provider: (request.params as { provider: string }).provider, reason, detail: detail.message },
    'sign-in with a provider refused',
  );
  // A provider that cannot be reached is an outage, not an attempt on anyone's account.
  if (reason !== 'unavailable') {
    await app.securityLog.record(
      {
        kind,
        ip: request.ip,
        userId: null,
        email: detail.email ?? null,
        method: request.method,
        path: pathOf(request.url),
        status: kind === 'oidc_refused' ? 403 : 400,
        requestId: request.id,
      },
      request.log,
    );
  }
  clearFlowCookie(reply);
  return reply.redirect(`${REFUSED_PAGE}?reason=${reason}`, 302);
}

/** The providers of the sign-in page and the start of a flow. */
const startRoutes = (rp: OidcRelyingParty): FastifyPluginAsyncTypebox =>
  async function startRoutes(app) {
    app.get(
      '/auth/providers',
      {
        config: { access: PUBLIC },
        schema: {
          tags: TAGS,
          summary: 'The identity providers one may sign in with (the buttons of the sign-in page)',
          response: { 200: ProvidersSchema },
        },
      },
      async () => ({ providers: rp.list() }),
    );

    app.get(
      '/auth/oidc/:provider/start',
      {
        config: { access: PUBLIC },
        schema: {
          tags: TAGS,
          summary: 'Start signing in with a provider: sends the browser to its sign-in page',
          params: Provider,
          querystring: Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 500 })) }),
          response: { 302: Redirect('to the provider’s sign-in page (or, when it cannot be reached, to the refusal page)') },
        },
      },
      async (request, reply) => {
        try {
          const { url, flow } = await rp.begin(request.params.provider, { returnTo: request.query.returnTo });
          setFlowCookie(request, reply, flow);
          return reply.redirect(url, 302);
        } catch (err) {
          if (err instanceof OidcUnavailableError)
            return refuse(app, request, reply, 'oidc_failed', 'unavailable', { message: err.message });
          throw err;
        }
      },
    );

    app.post(
      '/auth/oidc/:provider/start',
      {
        config: { access: PUBLIC },
        schema: {
          tags: TAGS,
          summary: 'Start signing in with a provider to accept an invitation; answers the URL to open',
          params: Provider,
          body: Type.Object(
            {
              invitation: Type.Optional(Type.String({ minLength: 20, maxLength: 200 })),
              returnTo: Type.Optional(Type.String({ maxLength: 500 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ location: Type.String() }) },
        },
      },
      async (request, reply) => {
        // An invitation that can no longer be used is refused here, before the detour through the provider.
        if (request.body.invitation) await usableInvitation(app.db, request.body.invitation);
        const { url, flow } = await rp.begin(request.params.provider, request.body);
        setFlowCookie(request, reply, flow);
        return { location: url };
      },
    );
  };

/** The provider's answer: signed in on the page asked for, or the refusal page. */
const callbackRoutes = (rp: OidcRelyingParty): FastifyPluginAsyncTypebox =>
  async function callbackRoutes(app) {
    app.get(
      '/auth/oidc/:provider/callback',
      {
        config: { access: PUBLIC },
        schema: {
          tags: TAGS,
          summary: 'Where the provider sends the browser back (the redirect URI to register)',
          params: Provider,
          response: { 302: Redirect('to the page asked for, signed in; or to the refusal page') },
        },
      },
      async (request, reply) => {
        const flow = flowOf(request);
        const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
        let outcome;
        try {
          outcome = await rp.complete(request.params.provider, query, flow);
        } catch (err) {
          if (err instanceof OidcFlowError) return refuse(app, request, reply, 'oidc_failed', 'failed', { message: err.message });
          if (err instanceof OidcUnavailableError)
            return refuse(app, request, reply, 'oidc_failed', 'unavailable', { message: err.message });
          throw err;
        }
        const { identity, idToken } = outcome;
        const result = await signInWithIdentity(app.db, identity, {
          provider: rp.provider(request.params.provider),
          idToken,
          invitationToken: flow!.invitation,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          requestId: request.id,
        });
        if (!result.ok) {
          return refuse(app, request, reply, 'oidc_refused', result.reason, {
            email: identity.email,
            message: `${identity.issuer} ${identity.subject} ${identity.email ?? '(no e-mail)'}`,
          });
        }
        clearFlowCookie(reply);
        setSessionCookie(request, reply, result.session);
        return reply.redirect(flow!.returnTo, 302);
      },
    );
  };

export const oidcRoutes = (rp: OidcRelyingParty): FastifyPluginAsyncTypebox =>
  async function oidcRoutes(app) {
    await app.register(startRoutes(rp));
    await app.register(callbackRoutes(rp));
  };
