// What every upload route needs: the media type a request says it sends, and a body streamed to a
// temporary file under a size limit (so that a large file never sits in memory).
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AppError } from '../errors.js';

/** The media type of a Content-Type header, lower case and without parameters ('' when absent). */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export interface SavedUpload {
  /** The temporary folder holding the file; remove it when the file is no longer needed. */
  dir: string;
  path: string;
}

/**
 * Streams a request body to `name` in a new temporary folder. More than `limit` bytes fails with
 * the error `tooLarge` makes, and nothing is left behind.
 */
export async function saveUpload(body: Readable, name: string, limit: number, tooLarge: () => AppError): Promise<SavedUpload> {
  const dir = mkdtempSync(join(tmpdir(), 'jha-upload-'));
  const path = join(dir, name);
  let size = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      done(size > limit ? tooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(body, cap, createWriteStream(path));
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { dir, path };
}

/** Removes an upload's temporary folder; a folder already gone is fine. */
export function discardUpload(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
