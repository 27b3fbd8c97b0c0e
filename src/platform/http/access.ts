// Access rules declared per route (config.access) and the one hook that enforces them.
// A route without a rule is refused (fail closed), and a test lists any such route.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { principalFromSession, principalFromToken, type Principal } from '../auth/auth.service.js';
import { safeEqual } from '../auth/secrets.js';
import type { Role } from '../db/tables.js';
import {
  AppError,
  AuthenticationRequiredError,
  CsrfError,
  ForbiddenError,
  InvalidCodeError,
  InvalidCredentialsError,
  InvitationUnusableError,
  RateLimitedError,
} from '../errors.js';
import { pathOf, SecurityLog, type SecurityEventKind } from '../security/security-events.service.js';

export type AccessRule =
  | { public: true }
  | {
      /** Roles allowed to call the route; 'any' means any signed-in user. */
      roles: readonly Role[] | 'any';
      /**
       * Name of the path or query parameter that holds a partner code. A coordinator may call the
       * route only for their own partner; the other allowed roles are not limited.
       */
      partnerParam?: string;
    };

export const SESSION_COOKIE = 'jha_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /**
     * The account a sign-in step is about before anyone is signed in (the second-factor step), so
     * that its refusals name the account in the security log.
     */
    signInAccount: { userId: string; email: string } | null;
  }
  interface FastifyInstance {
    /** The security event log, for refusals that are not error answers (a provider's sign-in sent to a page). */
    securityLog: SecurityLog;
  }
}

export const PUBLIC: AccessRule = { public: true };
export const SIGNED_IN: AccessRule = { roles: 'any' };

/** The partner a request is about, read from the route's declared parameter. */
function requestedPartner(request: FastifyRequest, name: string): string | undefined {
  const params = request.params as Record<string, unknown> | undefined;
  const query = request.query as Record<string, unknown> | undefined;
  const value = params?.[name] ?? query?.[name];
  return typeof value === 'string' ? value.toUpperCase() : undefined;
}

/** A coordinator asking for another partner: a 403 like any other, told apart in the security log. */
class OtherPartnerError extends ForbiddenError {}

/** Decides one request against one rule; throws the 401/403 error, or returns when allowed. */
export function enforce(rule: AccessRule, principal: Principal | null, request: FastifyRequest): void {
  if ('public' in rule) return;
  if (!principal) throw new AuthenticationRequiredError();
  const { user } = principal;
  if (rule.roles !== 'any' && !rule.roles.includes(user.role)) throw new ForbiddenError();
  if (principal.via === 'session' && !SAFE_METHODS.has(request.method)) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !principal.csrfToken || !safeEqual(sent, principal.csrfToken)) throw new CsrfError();
  }
  if (rule.partnerParam && user.role === 'coordinator') {
    const partner = requestedPartner(request, rule.partnerParam);
    if (partner === undefined || partner !== user.partner) {
      throw new OtherPartnerError(`As coordinator for ${user.partner} you cannot access data of ${partner ?? 'all partners'}.`);
    }
  }
}

async function resolvePrincipal(app: FastifyInstance, request: FastifyRequest): Promise<Principal | null> {
  const auth = request.headers.authorization;
  if (auth !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(auth);
    const principal = match ? await principalFromToken(app.db, match[1]!) : null;
    if (!principal) throw new AuthenticationRequiredError('The API token is invalid or revoked.', { key: 'errors.token_invalid' });
    return principal;
  }
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  return principalFromSession(app.db, unsigned.value, app.config.sessionIdleMinutes, app.config.signIn?.mfaRequiredRoles);
}

/** The security event kind of an error answer, or null when it is none (security-events.service.ts). */
function securityKindOf(error: unknown, request: FastifyRequest): SecurityEventKind | null {
  if (!(error instanceof AppError)) return null;
  if (error instanceof InvalidCredentialsError) return 'login_failed';
  if (error instanceof InvalidCodeError) return 'mfa_failed';
  if (error instanceof InvitationUnusableError) return 'invitation_invalid';
  if (error instanceof RateLimitedError || error.status === 429) return 'throttled';
  if (error instanceof CsrfError) return 'csrf_invalid';
  if (error instanceof OtherPartnerError) return 'other_partner';
  if (error instanceof AuthenticationRequiredError || error.status === 401) {
    return request.headers.authorization !== undefined && !request.principal ? 'token_invalid' : 'unauthenticated';
  }
  if (error.status === 403) return 'forbidden';
  return null;
}

/** The e-mail address a sign-in request typed, for failed and throttled sign-ins. */
function typedEmail(request: FastifyRequest): string | null {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email : null;
}

/**
 * Registered once on the root instance: resolves who is calling and applies the route's rule;
 * records every refusal (from the rule or from a service) in the security event log.
 */
export const accessControl = fp(
  async (app: FastifyInstance) => {
    const securityLog = new SecurityLog(app.db);
    app.addHook('onError', async (request, _reply, error) => {
      const kind = securityKindOf(error, request);
      if (!kind) return;
      const account = request.signInAccount;
      await securityLog.record(
        {
          kind,
          ip: request.ip,
          userId: request.principal?.user.id ?? account?.userId ?? null,
          email: account?.email ?? (kind === 'login_failed' || kind === 'throttled' ? typedEmail(request) : null),
          method: request.method,
          path: pathOf(request.url),
          status: (error as AppError).status,
          requestId: request.id,
        },
        request.log,
      );
    });
    app.decorate('securityLog', securityLog);
    app.decorateRequest('principal', null);
    app.decorateRequest('signInAccount', null);
    app.addHook('onRequest', async (request) => {
      // Unmatched URLs go to the not-found handler, which serves nothing private.
      if (request.is404) return;
      const rule = request.routeOptions.config.access;
      if (!rule) {
        request.log.error({ url: request.routeOptions.url }, 'route declares no access rule');
        throw new AppError('access_rule_missing', 500, 'This route is not available.');
      }
      request.principal = await resolvePrincipal(app, request);
      enforce(rule, request.principal, request);
    });
  },
  { name: 'access-control', dependencies: ['database'] },
);

/** Routes (method and URL) that declare no access rule; the access test fails on any. */
export function routesWithoutRule(routes: readonly { method: string | string[]; url?: string; config?: unknown }[]): string[] {
  return routes
    .filter((r) => !(r.config as { access?: AccessRule } | undefined)?.access)
    .map((r) => `${[r.method].flat().join(',')} ${r.url}`);
}
