// HTTP for browsing the security event log (admins).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AccessRule } from '../http/access.js';
import { Nullable } from '../http/schemas.js';
import { browseSecurityEvents, SECURITY_EVENT_KINDS } from './security-events.service.js';

const ACCESS: AccessRule = { roles: ['admin'] };
const EventSchema = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  kind: Type.String(),
  ip: Type.String(),
  userId: Nullable(Type.String()),
  email: Nullable(Type.String()),
  method: Type.String(),
  path: Type.String(),
  status: Type.Integer(),
  requestId: Type.String(),
});

export const securityEventsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/security-events',
    {
      config: { access: ACCESS },
      schema: {
        tags: ['security'],
        summary: 'Security events (failed sign-ins, refusals, throttling), newest first',
        querystring: Type.Object(
          {
            kind: Type.Optional(Type.Union(SECURITY_EVENT_KINDS.map((k) => Type.Literal(k)))),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
            before: Type.Optional(Type.Integer({ minimum: 1, description: 'the `nextBefore` of the previous page' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ events: Type.Array(EventSchema), nextBefore: Nullable(Type.Integer()) }) },
      },
    },
    async (request) => {
      const q = request.query;
      return browseSecurityEvents(app.db, { kind: q.kind, limit: q.limit ?? 50, before: q.before });
    },
  );
};
