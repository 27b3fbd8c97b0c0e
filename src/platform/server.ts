// Starts the HTTP server: prepares the database, builds the app, listens and runs background jobs.
import type { Config } from './config.js';
import { prepareDatabase } from './bootstrap.js';
import { buildApp } from './http/app.js';
import { deleteExpiredSessions } from './auth/sessions.repository.js';
import { startJobRunner } from './jobs/jobs.service.js';
import { jobHandlers } from './jobs/registry.js';

/** How often an idle server looks for due jobs. */
const JOB_POLL_MS = 5_000;

export async function startServer(config: Config): Promise<{ close: () => Promise<void>; url: string }> {
  const { db, demoUsersCreated } = await prepareDatabase(config);
  const app = await buildApp({ config, db, closeDb: true });
  if (demoUsersCreated.length > 0) {
    const lines = demoUsersCreated.map((u) => `  ${u.role.padEnd(12)} ${u.email.padEnd(28)} ${u.password}${u.partner ? `  (partner ${u.partner})` : ''}`);
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
  const jobs = startJobRunner(app, jobHandlers, { intervalMs: JOB_POLL_MS });
  return {
    url,
    close: async () => {
      clearInterval(sweep);
      // The job in progress finishes before the database it writes to is closed.
      await jobs.stop();
      await app.close();
    },
  };
}
