// Starts the HTTP server: loads the context once, prepares the database, builds the app, listens
// and runs the background jobs.
import { deleteExpiredSessions } from '../platform/auth/auth.service.js';
import type { Config } from '../platform/config.js';
import { events } from '../platform/events.js';
import { startJobRunner } from '../platform/jobs/jobs.service.js';
import { buildApp } from './app.js';
import { createContext, jobHandlers } from './context.js';
import { prepareDatabase } from './database.js';

/** How often an idle server looks for due jobs. */
const JOB_POLL_MS = 5_000;

export async function startServer(config: Config): Promise<{ close: () => Promise<void>; url: string }> {
  const ctx = createContext({ config });
  const { db, demoUsersCreated } = await prepareDatabase(ctx);
  const app = await buildApp({ config, db, ctx, closeDb: true });
  if (demoUsersCreated.length > 0) {
    const lines = demoUsersCreated.map(
      (u) => `  ${u.role.padEnd(12)} ${u.email.padEnd(28)} ${u.password}${u.partner ? `  (partner ${u.partner})` : ''}`,
    );
    process.stdout.write(`\nDemo users created (local demo only; the passwords are public):\n${lines.join('\n')}\n\n`);
  }
  const sweep = setInterval(() => {
    deleteExpiredSessions(db, new Date().toISOString()).catch((err) => app.log.warn({ err }, 'session sweep failed'));
  }, 60 * 60_000);
  sweep.unref();
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  process.stdout.write(`JHA Hub is serving on ${url} (database: ${config.database.kind})\n`);
  const jobs = startJobRunner(app, jobHandlers(ctx), { intervalMs: JOB_POLL_MS });
  // A job queued for now (a case import) starts without waiting for the next poll.
  const unsubscribe = events.on('jobs.queued', async () => jobs.wake());
  return {
    url,
    close: async () => {
      clearInterval(sweep);
      unsubscribe();
      // The job in progress finishes before the database it writes to is closed.
      await jobs.stop();
      await app.close();
    },
  };
}
