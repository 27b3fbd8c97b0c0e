// Compression of what the server generates per request (API answers, index.html, exports, the API
// docs' files): Brotli or gzip, as the client accepts, for text types (JSON, CSV, HTML, …) of at
// least 1 kB; Brotli at quality 4, fast enough per request. The web app's built files are not
// compressed here: the build wrote their .br/.gz copies, which web.ts sends as they are. Files that
// are compressed already (XLSX, images, PDF) are left alone by their type, 304s and other empty
// answers by having no body. Request bodies are never decompressed: uploads arrive as sent.
import compress from '@fastify/compress';
import type { FastifyInstance, FastifyReply, onSendHookHandler } from 'fastify';

/** Answers smaller than this go out as they are: a compressed body would save less than its overhead. */
export const COMPRESSION_THRESHOLD = 1024;

/**
 * A compressed answer is another representation than the identity one, so a strong ETag set by
 * the route (statistics' freshness, a static file) becomes weak, as HTTP asks; If-None-Match
 * compares weakly, so revalidation still answers 304.
 */
const weakenEtag: onSendHookHandler = async (_request, reply: FastifyReply, payload) => {
  const encoding = reply.getHeader('content-encoding');
  const etag = reply.getHeader('etag');
  if (encoding && encoding !== 'identity' && typeof etag === 'string' && !etag.startsWith('W/')) reply.header('etag', `W/${etag}`);
  return payload;
};

/** Registers compression for every route registered after it (call before the routes). */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: COMPRESSION_THRESHOLD,
    globalDecompression: false,
  });
  // Runs after the plugin's own onRoute hook, so this onSend comes after the one that compresses.
  app.addHook('onRoute', (route) => {
    const onSend = route.onSend;
    route.onSend = onSend === undefined ? [weakenEtag] : Array.isArray(onSend) ? [...onSend, weakenEtag] : [onSend, weakenEtag];
  });
}
