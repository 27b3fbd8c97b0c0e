import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../app/app.js';
import { describeEachDatabase, testConfig } from '../../testing/databases.js';
import { makeUser } from '../../testing/factories.js';
import { publishedSubmission, type WorkflowUsers } from '../../testing/submissions.js';
import { PUBLIC } from './access.js';
import { COMPRESSION_THRESHOLD } from './compression.js';
import { sendStoredFile } from './replies.js';

const ASSET = 'app-3f9a1c.js';
const SCRIPT = `export const answer = ${JSON.stringify('forty-two '.repeat(300))};\n`;
/** A text file of the size of a small export, and a binary one. */
const CSV_FILE = Buffer.from(`partner,year,value\n${Array.from({ length: 200 }, (_, i) => `AL,${2000 + (i % 20)},${i}`).join('\n')}\n`);
const PDF_FILE = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4000, 0x41)]);

/** The body of an answer as the client decodes it, by its Content-Encoding. */
function decoded(response: { headers: Record<string, unknown>; rawPayload: Buffer }): Buffer {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(response.rawPayload);
  if (encoding === 'gzip') return gunzipSync(response.rawPayload);
  if (encoding === undefined) return response.rawPayload;
  throw new Error(`unexpected content-encoding ${String(encoding)}`);
}

describeEachDatabase('compression of answers', (get) => {
  let app: FastifyInstance;
  const webRoot = mkdtempSync(join(tmpdir(), 'jha-web-'));
  let users: WorkflowUsers;

  beforeAll(async () => {
    mkdirSync(join(webRoot, 'assets'));
    // A shell above the threshold, as the real one with its preloads is.
    const shell = `<html lang="en"><head><meta name="csp-nonce" content="__CSP_NONCE__"></head><body>${'<!-- shell -->'.repeat(100)}</body></html>`;
    writeFileSync(join(webRoot, 'index.html'), shell);
    // What the build writes: the asset, its Brotli and gzip copies, and a source map without copies.
    writeFileSync(join(webRoot, 'assets', ASSET), SCRIPT);
    writeFileSync(join(webRoot, 'assets', `${ASSET}.br`), brotliCompressSync(SCRIPT));
    writeFileSync(join(webRoot, 'assets', `${ASSET}.gz`), gzipSync(SCRIPT));
    writeFileSync(join(webRoot, 'assets', `${ASSET}.map`), JSON.stringify({ version: 3, mappings: 'AAAA;'.repeat(500) }));
    app = await buildApp({
      config: testConfig(get().config),
      db: get().db,
      logger: false,
      webRoot,
      extraApiRoutes: async (api) => {
        api.get('/test/stored/:kind', { config: { access: PUBLIC } }, async (request, reply) => {
          const { kind } = request.params as { kind: string };
          return kind === 'csv'
            ? sendStoredFile(reply, { name: 'figures 2024.csv', mediaType: 'text/csv', content: CSV_FILE })
            : sendStoredFile(reply, { name: 'report.pdf', mediaType: 'application/pdf', content: PDF_FILE });
        });
      },
    });
    const al = await makeUser(get().db, 'coordinator', 'AL');
    users = { coordinator: al, reviewer: await makeUser(get().db, 'reviewer'), commission: await makeUser(get().db, 'commission') };
    // Published figures, so that the figures and the export below are answers of some size; each
    // year starts with the cases pending at the end of the one before.
    for (const [i, period] of ['2051', '2052', '2053', '2054'].entries()) {
      const pending = 1000 + 50 * i;
      await publishedSubmission(app, users, { dataset: 'justice.annual', partner: 'AL', period }, [
        { variable: 'cases.pending_start', value: pending },
        { variable: 'cases.incoming', value: 500 },
        { variable: 'cases.resolved', value: 450 },
        { variable: 'cases.pending_end', value: pending + 50 },
      ]);
    }
  });
  afterAll(async () => {
    await app.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  const request = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  it('sends a JSON answer above the threshold as Brotli or gzip, as the client accepts, decoding to the same JSON', async () => {
    const plain = await request('/api/v1/catalog');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    // Sent as it is: the whole answer, of the length it declares.
    expect(plain.rawPayload.length).toBe(Number(plain.headers['content-length']));

    // Chromium's header: Brotli is preferred.
    const br = await request('/api/v1/catalog', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(JSON.parse(decoded(br).toString('utf8'))).toEqual(plain.json());

    const gzip = await request('/api/v1/catalog', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(decoded(gzip).toString('utf8'))).toEqual(plain.json());
  });

  it('leaves answers below the threshold as they are', async () => {
    const health = await request('/healthz', { 'accept-encoding': 'br' });
    expect(health.rawPayload.length).toBeLessThan(COMPRESSION_THRESHOLD);
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(health.json()).toEqual({ status: 'ok' });
  });

  it('keeps the ETag of released figures (weak once compressed) and answers a matching If-None-Match with 304', async () => {
    const url = '/api/v1/indicators/justice.clearance_rate/values?partner=AL';
    const plain = await request(url);
    expect(plain.statusCode).toBe(200);
    // Sent as it is: the whole answer, of the length it declares.
    expect(plain.rawPayload.length).toBe(Number(plain.headers['content-length']));
    const etag = String(plain.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(plain.json().values.map((v: { period: string; value: number }) => [v.period, v.value])).toEqual([
      ['2051', 90],
      ['2052', 90],
      ['2053', 90],
      ['2054', 90],
    ]);

    const br = await request(url, { 'accept-encoding': 'br' });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    // Another representation than the identity one: the same validator, weak.
    expect(br.headers.etag).toBe(`W/${etag}`);
    expect(br.headers['cache-control']).toBe('public, no-cache');
    expect(JSON.parse(decoded(br).toString('utf8'))).toEqual(plain.json());

    // The browser sends back the validator it holds, weak or strong.
    for (const validator of [`W/${etag}`, etag]) {
      const revalidated = await request(url, { 'accept-encoding': 'br', 'if-none-match': validator });
      expect(revalidated.statusCode).toBe(304);
      expect(revalidated.rawPayload.length).toBe(0);
      expect(revalidated.headers['content-encoding']).toBeUndefined();
    }
    expect((await request(url, { 'accept-encoding': 'br', 'if-none-match': '"something-else"' })).statusCode).toBe(200);
  });

  it('compresses a CSV export, which still parses to the same rows, and leaves an XLSX export as it is', async () => {
    const url = '/api/v1/exports/values?dataset=justice.annual&partner=AL';
    const plain = await request(`${url}&format=csv`);
    expect(plain.statusCode).toBe(200);
    // Sent as it is: the whole answer, of the length it declares.
    expect(plain.rawPayload.length).toBe(Number(plain.headers['content-length']));
    const csv = await request(`${url}&format=csv`, { 'accept-encoding': 'gzip' });
    expect(csv.headers['content-encoding']).toBe('gzip');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="justice.annual-AL.csv"');
    const rows = parse(decoded(csv), { columns: true }) as Record<string, string>[];
    expect(rows).toEqual(parse(plain.rawPayload, { columns: true }));
    expect(rows.filter((r) => r.variable === 'cases.resolved').map((r) => [r.period, r.value])).toEqual([
      ['2051', '450'],
      ['2052', '450'],
      ['2053', '450'],
      ['2054', '450'],
    ]);

    // A workbook is a ZIP file already: not compressed again.
    const xlsx = await request(`${url}&format=xlsx`, { 'accept-encoding': 'br, gzip' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-encoding']).toBeUndefined();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const column = (name: string) => header.indexOf(name) + 1;
    const resolved: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(column('variable')).value === 'cases.resolved')
        resolved.push([row.getCell(column('period')).value, row.getCell(column('value')).value]);
    });
    expect(resolved).toEqual([
      ['2051', 450],
      ['2052', 450],
      ['2053', 450],
      ['2054', 450],
    ]);
  });

  it('sends a stored text file compressed and a binary one as it is, both as uncached downloads', async () => {
    const csv = await request('/api/v1/test/stored/csv', { 'accept-encoding': 'br' });
    expect(csv.headers['content-encoding']).toBe('br');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="figures_2024.csv"; filename*=UTF-8''figures%202024.csv`);
    expect(csv.headers['cache-control']).toBe('private, no-store');
    expect(decoded(csv).equals(CSV_FILE)).toBe(true);

    const pdf = await request('/api/v1/test/stored/pdf', { 'accept-encoding': 'br' });
    expect(pdf.headers['content-encoding']).toBeUndefined();
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.equals(PDF_FILE)).toBe(true);
  });

  it("serves a built asset from its .br or .gz copy, cached for a year as immutable, and the app's shell compressed and never stored", async () => {
    const br = await request(`/assets/${ASSET}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.equals(readFileSync(join(webRoot, 'assets', `${ASSET}.br`)))).toBe(true);
    expect(decoded(br).toString('utf8')).toBe(SCRIPT);
    expect(br.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toContain('accept-encoding');

    const gzip = await request(`/assets/${ASSET}`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.rawPayload.equals(readFileSync(join(webRoot, 'assets', `${ASSET}.gz`)))).toBe(true);
    expect(gzip.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const plain = await request(`/assets/${ASSET}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);

    // A file without copies (a source map) is compressed as it goes out.
    const map = await request(`/assets/${ASSET}.map`, { 'accept-encoding': 'br' });
    expect(map.headers['content-encoding']).toBe('br');
    expect(JSON.parse(decoded(map).toString('utf8')).version).toBe(3);

    const shell = await request('/justice', { 'accept-encoding': 'br' });
    expect(shell.statusCode).toBe(200);
    expect(shell.headers['content-encoding']).toBe('br');
    expect(shell.headers['cache-control']).toBe('no-store');
    const nonce = /style-src 'self' 'nonce-([0-9a-f]+)'/.exec(String(shell.headers['content-security-policy']))![1];
    expect(decoded(shell).toString('utf8')).toContain(`content="${nonce}"`);
    expect(decoded(shell).toString('utf8')).toMatch(/^<html lang="en">/);
    // A link that names a language opens in it from the first byte; anything else is English.
    expect((await request('/data?lang=sr-Cyrl')).body).toMatch(/^<html lang="sr-Cyrl">/);
    expect((await request('/data?lang=%22%3E%3Cscript%3E')).body).toMatch(/^<html lang="en">/);
  });
});
