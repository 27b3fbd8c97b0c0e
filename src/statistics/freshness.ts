// Freshness of answers built from the read model. An answer that rests on working data (the
// viewer reads unpublished figures) is never stored by anyone: `Cache-Control: no-store`. An
// answer from releases only carries an ETag and Last-Modified derived from the latest release
// (and the audit head, which moves with every change, e.g. a renamed org unit), answers 304 to a
// matching If-None-Match, and is kept serialised in memory until the stamp moves — so a
// publication is visible in the very next request, on every instance.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { auditSequence } from '../platform/audit/audit.service.js';
import type { Db } from '../platform/db/database.js';
import { viewerOf } from '../platform/viewer.js';
import { latestChange, workingScope, type ReadOptions } from './read-model.service.js';

const MAX_ENTRIES = 256;
/** Per database (tests open several in one process): URL → the serialised answer and its ETag. */
const stores = new WeakMap<Db, Map<string, { etag: string; body: string }>>();

/** Per database: the latest stamp seen, recomputed only when the audit head has moved. */
const stamps = new WeakMap<Db, { sequence: number; etag: string; lastModified: string | null; nextScheduled: string | null }>();

/**
 * Reads of the audit head shared between concurrent requests, without giving up freshness: a
 * request never uses a read that began before it arrived (a change committed just before it could
 * be missed), so it joins the next read, which starts when the one in flight ends. Under load
 * this is one read per round trip instead of one per request; alone, a request reads at once.
 */
export class SharedRead<T> {
  private inFlight: Promise<T> | null = null;
  private queued: Promise<T> | null = null;

  constructor(private readonly fetch: () => Promise<T>) {}

  read(): Promise<T> {
    if (!this.inFlight) return this.start();
    if (!this.queued) {
      this.queued = this.inFlight
        .catch(() => undefined)
        .then(() => {
          this.queued = null;
          return this.start();
        });
    }
    return this.queued;
  }

  private start(): Promise<T> {
    const read = this.fetch().finally(() => {
      if (this.inFlight === read) this.inFlight = null;
    });
    this.inFlight = read;
    return read;
  }
}

const sequences = new WeakMap<Db, SharedRead<number>>();

function sharedSequence(db: Db): SharedRead<number> {
  let shared = sequences.get(db);
  if (!shared) sequences.set(db, (shared = new SharedRead(() => auditSequence(db))));
  return shared;
}

/**
 * The ETag and Last-Modified of release-only answers. Every change that can alter one (a
 * publication, an org-unit import, the start-up backfill) is audited in its own transaction, so
 * one primary-key read of the audit head tells whether anything moved; only then are the latest
 * release and the hash recomputed. A scheduled publication becomes public with no change at all:
 * the stamp also lapses at the moment of the next scheduled release.
 */
async function stamp(db: Db): Promise<{ etag: string; lastModified: string | null }> {
  const sequence = await sharedSequence(db).read();
  const known = stamps.get(db);
  if (known && known.sequence === sequence && (known.nextScheduled === null || Date.now() < Date.parse(known.nextScheduled))) return known;
  const change = await latestChange(db);
  const hash = createHash('sha256').update(`${change.releases}|${change.publishedAt}|${sequence}`).digest('base64url').slice(0, 22);
  const next = {
    sequence,
    etag: `"${hash}"`,
    lastModified: change.publishedAt ? new Date(change.publishedAt).toUTCString() : null,
    nextScheduled: change.nextScheduled,
  };
  stamps.set(db, next);
  return next;
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header === '*' || header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/**
 * Answers a read-model request with JSON: `compute` runs for working data (no-store) or when the stored
 * answer is older than the latest change; a matching If-None-Match gets 304. The JSON is
 * serialised through the route's response schema, so nothing undeclared goes out.
 */
export async function serveFigures<T>(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  options: ReadOptions,
  compute: () => Promise<T>,
): Promise<T> {
  const viewer = viewerOf(request.principal);
  if (workingScope(viewer, options).kind !== 'none') {
    reply.header('cache-control', 'no-store');
    return compute();
  }
  const { etag, lastModified } = await stamp(db);
  reply.header('etag', etag).header('cache-control', `${viewer.kind === 'public' ? 'public' : 'private'}, no-cache`);
  // Labels are in the caller's language: a stored answer serves the same language only.
  reply.header('vary', 'x-language, accept-language');
  if (lastModified) reply.header('last-modified', lastModified);
  if (matches(request.headers['if-none-match'], etag)) return reply.code(304).send() as never;
  let answers = stores.get(db);
  if (!answers) stores.set(db, (answers = new Map()));
  const key = `${request.locale} ${request.url}`;
  const hit = answers.get(key);
  if (hit && hit.etag === etag) return reply.type('application/json; charset=utf-8').send(hit.body) as never;
  const answer = await compute();
  // A route whose answer has several media types keeps one serialiser per type.
  const json = reply.getSerializationFunction('200', 'application/json');
  const body = String(json ? json(answer as Record<string, unknown>) : reply.serialize(answer));
  answers.delete(key);
  answers.set(key, { etag, body });
  if (answers.size > MAX_ENTRIES) answers.delete(answers.keys().next().value!);
  // Already serialised: the reply sends the string as it is (the type provider knows the object form only).
  return reply.type('application/json; charset=utf-8').send(body) as never;
}

/** The ETag and Last-Modified every release-only answer carries (see stamp), for answers served elsewhere. */
export function releaseStamp(db: Db): Promise<{ etag: string; lastModified: string | null }> {
  return stamp(db);
}

/** A file to download: its body (text, bytes or a stream), media type and file name. */
export interface DownloadFile {
  body: string | Buffer | Readable;
  type: string;
  filename: string;
}

/**
 * Answers a download (a file, not JSON) by the same rules as serveFigures: one resting on working
 * data is `no-store`; one from releases only carries the ETag and Last-Modified of the latest
 * change and answers a matching If-None-Match with 304 before anything is computed.
 */
export async function serveDownload(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  options: ReadOptions,
  produce: () => Promise<DownloadFile>,
): Promise<FastifyReply> {
  const viewer = viewerOf(request.principal);
  const fresh = workingScope(viewer, options).kind === 'none' ? await stamp(db) : null;
  if (fresh && matches(request.headers['if-none-match'], fresh.etag)) {
    reply.header('etag', fresh.etag);
    return reply.code(304).send();
  }
  const file = await produce();
  if (fresh) {
    reply.header('etag', fresh.etag).header('cache-control', `${viewer.kind === 'public' ? 'public' : 'private'}, no-cache`);
    if (fresh.lastModified) reply.header('last-modified', fresh.lastModified);
  } else reply.header('cache-control', 'no-store');
  reply.header('content-disposition', `attachment; filename="${file.filename}"`);
  return reply.type(file.type).send(file.body);
}
