// HTTP for browsing the audit trail (admin and commission) and checking its chain.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ValidationError } from '../errors.js';
import { Nullable } from '../http/schemas.js';
import { chainKeysOf } from './audit-key.js';
import { browseAudit, verifyAuditChain } from './audit.service.js';
import { parseAnchor } from './chain.js';

const ACCESS = { roles: ['admin', 'commission'] } as const;
const EntrySchema = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actor: Type.Object({
    type: Type.String(),
    id: Nullable(Type.String()),
    label: Type.String({ description: 'As recorded with the entry: the e-mail, `cli:<operator>` or `system`' }),
    name: Nullable(Type.String({ description: "The acting user's current name (also for a token); null for the system and the CLI" })),
    email: Nullable(Type.String({ description: "The acting user's current e-mail; null for the system and the CLI" })),
  }),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.String(),
  entityUser: Nullable(
    Type.Object(
      { name: Type.String(), email: Type.String() },
      { description: 'The user an entry about a user (entityType `user`) is about, as named now; null otherwise' },
    ),
  ),
  before: Type.Unknown(),
  after: Type.Unknown(),
  requestId: Nullable(Type.String()),
  hash: Type.String(),
});

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit',
    {
      config: { access: ACCESS },
      schema: {
        tags: ['audit'],
        summary: 'Audit trail, newest first, filterable',
        querystring: Type.Object(
          {
            entityType: Type.Optional(Type.String({ maxLength: 100 })),
            entityId: Type.Optional(Type.String({ maxLength: 200 })),
            action: Type.Optional(Type.String({ maxLength: 100 })),
            actor: Type.Optional(Type.String({ maxLength: 200 })),
            from: Type.Optional(Type.String({ format: 'date-time' })),
            to: Type.Optional(Type.String({ format: 'date-time' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
            beforeSeq: Type.Optional(Type.Integer({ minimum: 1 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ entries: Type.Array(EntrySchema), nextBeforeSeq: Type.Union([Type.Integer(), Type.Null()]) }) },
      },
    },
    async (request) => {
      const q = request.query;
      const iso = (s: string | undefined) => (s ? new Date(s).toISOString() : undefined);
      return browseAudit(app.db, { ...q, from: iso(q.from), to: iso(q.to), limit: q.limit ?? 50 });
    },
  );

  app.get(
    '/audit/verify',
    {
      config: { access: ACCESS },
      schema: {
        tags: ['audit'],
        summary: 'Check the hash chain of the whole trail, optionally against an anchor kept elsewhere',
        querystring: Type.Object(
          {
            anchor: Type.Optional(
              Type.String({ maxLength: 100, description: 'SEQ:HASH as `jha audit anchor` printed it: entry SEQ must still have HASH' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            checked: Type.Integer(),
            broken: Type.Union([Type.Object({ seq: Type.Integer(), reason: Type.String() }), Type.Null()]),
            schemes: Type.Object(
              { sha256: Type.Integer(), 'hmac-sha256-dev': Type.Integer(), 'hmac-sha256': Type.Integer() },
              { description: 'Entries checked per hash scheme: unkeyed, keyed with the development key, keyed with AUDIT_KEY' },
            ),
            dedicatedKey: Type.Boolean({
              description: 'false: AUDIT_KEY is not set, the development key derived from SESSION_SECRET is used',
            }),
            last: Type.Object({ seq: Type.Integer(), hash: Type.String(), at: Type.Union([Type.String(), Type.Null()]) }),
            anchor: Type.Union([Type.Object({ seq: Type.Integer(), hash: Type.String() }), Type.Null()]),
          }),
        },
      },
    },
    async (request) => {
      const text = request.query.anchor;
      const anchor = text === undefined ? undefined : parseAnchor(text);
      if (anchor === null) throw new ValidationError('anchor: expected SEQ:HASH as `jha audit anchor` prints it.', { field: 'anchor' });
      return verifyAuditChain(app.db, { keys: chainKeysOf(app.config), anchor });
    },
  );
};
