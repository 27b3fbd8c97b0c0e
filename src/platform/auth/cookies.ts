// The cookies of signing in, all HttpOnly, SameSite=Lax, signed with SESSION_SECRET and Secure over
// HTTPS: the session (jha_session), the half-way state before the second factor (jha_pending, 10
// minutes, sent to the sign-in routes only) and a provider flow under way (jha_oidc, 10 minutes,
// sent to the provider routes only).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../http/access.js';
import type { LoginResult, PasswordLoginResult, SecondFactorDue } from './auth.service.js';
import { FLOW_TTL_MS, type OidcFlow } from './oidc.js';

export const PENDING_COOKIE = 'jha_pending';
export const FLOW_COOKIE = 'jha_oidc';
const PENDING_PATH = '/api/v1/auth';
const FLOW_PATH = '/api/v1/auth/oidc';

function base(request: FastifyRequest) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: request.protocol === 'https', signed: true };
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, result: LoginResult): void {
  reply.setCookie(SESSION_COOKIE, result.sessionSecret, { ...base(request), path: '/', expires: new Date(result.expiresAt) });
}

export function setPendingCookie(request: FastifyRequest, reply: FastifyReply, due: SecondFactorDue): void {
  reply.setCookie(PENDING_COOKIE, due.challengeSecret, { ...base(request), path: PENDING_PATH, expires: new Date(due.expiresAt) });
}

export function clearPendingCookie(reply: FastifyReply): void {
  reply.clearCookie(PENDING_COOKIE, { path: PENDING_PATH });
}

/** The value of a signed cookie, or null when it is absent or its signature is wrong. */
function signedValue(request: FastifyRequest, name: string): string | null {
  const raw = request.cookies[name];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : null;
}

export function pendingSecret(request: FastifyRequest): string | null {
  return signedValue(request, PENDING_COOKIE);
}

export function setFlowCookie(request: FastifyRequest, reply: FastifyReply, flow: OidcFlow): void {
  const value = Buffer.from(JSON.stringify(flow)).toString('base64url');
  reply.setCookie(FLOW_COOKIE, value, { ...base(request), path: FLOW_PATH, maxAge: FLOW_TTL_MS / 1000 });
}

export function clearFlowCookie(reply: FastifyReply): void {
  reply.clearCookie(FLOW_COOKIE, { path: FLOW_PATH });
}

/** The flow this browser started (its signature checked), or null. */
export function flowOf(request: FastifyRequest): OidcFlow | null {
  const value = signedValue(request, FLOW_COOKIE);
  if (!value) return null;
  try {
    const flow = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as OidcFlow;
    return typeof flow.state === 'string' && typeof flow.nonce === 'string' && typeof flow.verifier === 'string' ? flow : null;
  } catch {
    return null;
  }
}

/** Answers a password step: 200 with the session, or 202 naming the second factor still due. */
export function sendSignIn(request: FastifyRequest, reply: FastifyReply, result: PasswordLoginResult) {
  if ('secondFactor' in result) {
    setPendingCookie(request, reply, result.secondFactor);
    return reply.status(202).send({ secondFactor: result.secondFactor.step });
  }
  // The half-way state is cleared only where there was one: a plain sign-in answers with the session cookie alone.
  if (request.cookies[PENDING_COOKIE] !== undefined) clearPendingCookie(reply);
  setSessionCookie(request, reply, result.session);
  return reply.status(200).send({ user: result.session.user, csrfToken: result.session.csrfToken });
}
