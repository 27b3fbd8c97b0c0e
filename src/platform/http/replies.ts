// Reply and request helpers shared by the capabilities' routes: the CSP nonce of server-rendered
// pages, stored files sent as downloads, and routes that take a raw file as their body.
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_UPLOAD_BYTES } from '../files/file-check.js';

/** The per-request nonce that a server-rendered page puts on its <style> tag (helmet sets it in the CSP). */
export function styleNonce(reply: FastifyReply): string {
  return (reply as unknown as { cspNonce?: { style: string } }).cspNonce?.style ?? '';
}

/** A file name safe inside a Content-Disposition header (the full name travels as filename*). */
function headerFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'file';
}

/** Sends a stored file as a download, never cached by shared caches. */
export function sendStoredFile(reply: FastifyReply, file: { name: string; mediaType: string; content: Buffer }) {
  return reply
    .type(file.mediaType)
    .header('content-disposition', `attachment; filename="${headerFileName(file.name)}"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .header('cache-control', 'private, no-store')
    .send(file.content);
}

/**
 * Registers routes whose body is a raw file of any content type (at most MAX_UPLOAD_BYTES), in a
 * plugin of their own so that the other routes keep their JSON parser. The type is judged later
 * from the content, never from the header.
 */
export async function rawUploadRoutes(app: Pick<FastifyInstance, 'register'>, routes: FastifyPluginAsyncTypebox): Promise<void> {
  await app.register(async (plugin, opts) => {
    const uploads = plugin.withTypeProvider<TypeBoxTypeProvider>();
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_request, body, done) => done(null, body));
    await routes(uploads, opts);
  });
}

/** The uploaded file of a raw-body route (empty when none was sent). */
export function uploadedFile(request: FastifyRequest): Buffer {
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
}
