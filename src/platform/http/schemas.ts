// Schema pieces every capability's routes share: nullable values, a file download by media type
// and an empty answer, so that the OpenAPI document names what each operation returns.
import { Type, type TSchema } from 'typebox';

/** The schema, or null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A download (not JSON): the body is the file, of one of the media types. */
export function download(description: string, ...mediaTypes: string[]) {
  return { description, content: Object.fromEntries(mediaTypes.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) };
}

/** A 204 answer. */
export const NoContent = Type.Null({ description: 'No content' });

/** `{ id }` of what was created or started. */
export const CreatedId = Type.Object({ id: Type.String() });
