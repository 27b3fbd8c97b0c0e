// Response schemas every capability's routes share: the error body, an empty answer, and
// downloads (a body that is not JSON, declared by its content type so the OpenAPI document says
// what comes back).
import { Type, type TSchema } from '@fastify/type-provider-typebox';

/** The body of every error answer: `{ error: { code, message, details } }`. */
export const ErrorBody = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }),
});

/** 204: no body. */
export const NoContent = Type.Null({ description: 'No content' });

export const CSV = 'text/csv';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const HTML = 'text/html';
export const TEXT = 'text/plain';

const BINARY = new Set([XLSX, 'application/octet-stream', 'application/pdf']);

/**
 * A response that is a file or a page, by content type: `download('CSV of the values', CSV, XLSX)`.
 * Fastify sends such bodies as they are (no JSON serialisation).
 */
export function download(description: string, ...contentTypes: string[]) {
  return {
    description,
    content: Object.fromEntries(
      contentTypes.map((t) => [t, { schema: BINARY.has(t) ? { type: 'string', format: 'binary' } : { type: 'string' } }]),
    ),
  };
}

/** A JSON answer or, by the `format` asked for, a file: both declared for the same status. */
export function jsonOrDownload(description: string, json: TSchema, ...contentTypes: string[]) {
  return { description, content: { 'application/json': { schema: json }, ...download(description, ...contentTypes).content } };
}
