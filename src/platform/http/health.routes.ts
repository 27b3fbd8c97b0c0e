// Liveness (/healthz: the process answers) and readiness (/readyz: database reachable, schema current).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { pendingMigrations, pingDatabase } from '../db/database.js';
import { PUBLIC } from './access.js';

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    { config: { access: PUBLIC }, schema: { hide: true, response: { 200: Type.Object({ status: Type.String() }) } } },
    async () => ({ status: 'ok' }),
  );

  app.get('/readyz', { config: { access: PUBLIC }, schema: { hide: true } }, async (_request, reply) => {
    try {
      await pingDatabase(app.db);
      const pending = await pendingMigrations(app.db, app.migrations);
      if (pending.length > 0) return reply.status(503).send({ status: 'migrations_pending', pending });
      return { status: 'ready' };
    } catch (err) {
      app.log.warn({ err }, 'readiness check failed');
      return reply.status(503).send({ status: 'database_unreachable' });
    }
  });
};
