// Decorates the app with the database and the configuration, closed when the app closes.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
  }
}

export const databasePlugin = fp(
  async (app: FastifyInstance, opts: { db: Db; config: Config; closeDb: boolean }) => {
    app.decorate('db', opts.db);
    app.decorate('config', opts.config);
    if (opts.closeDb) app.addHook('onClose', async () => opts.db.destroy());
  },
  { name: 'database' },
);
