// Factories: each test makes the users it needs, so that tests share no fixtures.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { SYSTEM_ACTOR } from '../platform/audit/actor.js';
import { createApiToken } from '../platform/auth/auth.service.js';
import type { Db } from '../platform/db/database.js';
import type { Role } from '../platform/db/tables.js';
import { createUser, type UserView } from '../platform/users/users.service.js';

export interface TestUser {
  user: UserView;
  password: string;
  token: string;
}

/** A user with an API token; a reviewer limited to `domains` when given (all domains otherwise). */
export async function makeUser(db: Db, role: Role, partner: string | null = null, domains?: string[]): Promise<TestUser> {
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const email = `${role}-${partner ?? domains?.join('-') ?? 'x'}-${randomBytes(4).toString('hex')}@test.example.org`;
  const user = await createUser(db, SYSTEM_ACTOR, { email, role, partner, password, name: `Test ${role}`, domains });
  const { token } = await createApiToken(db, SYSTEM_ACTOR, email, 'test');
  return { user, password, token };
}

export function bearer(t: TestUser): Record<string, string> {
  return { authorization: `Bearer ${t.token}` };
}

/** Signs in through the API; returns the cookie header and the CSRF token of the new session. */
export async function signIn(
  app: FastifyInstance,
  email: string,
  password: string,
  ip = '127.0.0.1',
): Promise<{ cookie: string; csrf: string }> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'jha_session');
  return { cookie: `jha_session=${cookie!.value}`, csrf: response.json().csrfToken };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Calls /api/v1 as a user (with their API token) or anonymously (null), with a JSON body. */
export function callApi(app: FastifyInstance, user: TestUser | null, method: Method, path: string, payload?: unknown) {
  return app.inject({ method, url: `/api/v1${path}`, headers: user ? bearer(user) : {}, payload: payload as object });
}

/** Posts a raw file to an upload route of /api/v1 as a user. */
export function uploadAs(app: FastifyInstance, user: TestUser, path: string, body: Buffer) {
  return app.inject({
    method: 'POST',
    url: `/api/v1${path}`,
    headers: { ...bearer(user), 'content-type': 'application/octet-stream' },
    payload: body,
  });
}

/** The org-unit kinds the shipped catalogues collect figures for (what the routes pass to importOrgUnits). */
export const ORG_UNIT_KINDS: ReadonlySet<string> = new Set(['court', 'reception_centre']);
