// HTTP for browsing the audit trail (admin and commission) and checking its chain.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ValidationError } from '../errors.js';
import { chainKeysOf } from './audit-key.js';
import { browseAudit, verifyAuditChain } from './audit.service.js';
import { parseAnchor } from './chain.js';

const ACCESS = { roles: ['admin', 'commission'] } as const;
const EntrySchema = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actor: Type.Object({ type: Type.String(), id: Type.Union([Type.String(), Type.Null()]), label: Type.String() }),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  requestId: Type.Union([Type.String(), Type.Null()]),
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
