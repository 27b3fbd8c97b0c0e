// Serves the built web app (dist/web): hashed assets as static files, cached for a year as
// immutable and sent from the Brotli or gzip copy the build wrote next to each (whichever the
// browser accepts), and index.html for every other browser path so that the client-side router can
// take over: never stored, compressed per request (compression.ts). index.html carries the
// request's CSP nonce, which the UI library uses for the few <style> tags it injects.
import { isLocale } from '../locales.js';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLIC } from './access.js';
import { styleNonce } from './replies.js';

const NONCE_PLACEHOLDER = /__CSP_NONCE__/g;

export async function webPlugin(app: FastifyInstance, opts: { root: string }): Promise<void> {
  const indexFile = join(opts.root, 'index.html');
  const haveBuild = existsSync(indexFile);
  // Every route of this plugin is public: the app shell holds no data, the API checks access.
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config as object), access: PUBLIC } as typeof route.config;
  });
  if (haveBuild) {
    await app.register(fastifyStatic, {
      root: join(opts.root, 'assets'),
      prefix: '/assets/',
      immutable: true,
      maxAge: '365d',
      index: false,
      // file.js.br / file.js.gz when the browser accepts them (with Vary: Accept-Encoding); else file.js.
      preCompressed: true,
    });
    for (const file of ['favicon.svg', 'robots.txt']) {
      if (existsSync(join(opts.root, file)))
        app.get(`/${file}`, { schema: { hide: true } }, (_req, reply) => reply.sendFile(file, opts.root));
    }
  }
  const template = haveBuild ? readFileSync(indexFile, 'utf8') : null;
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply
        .status(404)
        .send({ error: { code: 'not_found', message: `No API route ${request.method} ${request.url.split('?')[0]}.`, details: null } });
    }
    if (!template) return reply.status(503).type('text/plain').send('The web app is not built; run `npm run build`.');
    const nonce = styleNonce(reply);
    // A link that names its language (?lang=sq) is in that language from the first byte (the app takes it from there).
    const asked = (request.query as { lang?: unknown }).lang;
    const page = template.replace(NONCE_PLACEHOLDER, nonce).replace('<html lang="en">', `<html lang="${isLocale(asked) ? asked : 'en'}">`);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
  });
}
