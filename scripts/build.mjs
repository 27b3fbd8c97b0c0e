// Builds the server (tsc → dist/server) and the web app (vite → dist/web), and writes a Brotli
// (.br) and a gzip (.gz) copy next to every text file of the web app, which the server sends to
// browsers that accept them (@fastify/static, preCompressed). With --if-stale it does nothing when
// no source file is newer than the last build, so that `npm start` stays fast after the first run.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// --server-only builds the server alone (what the CLI and its tests need), with its own stamp.
const serverOnly = process.argv.includes('--server-only');
const stamp = join(root, 'dist', serverOnly ? '.server-stamp' : '.build-stamp');
const sources = serverOnly ? ['src', 'tsconfig.json', 'package.json'] : ['src', 'web', 'tsconfig.json', 'package.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

if (process.argv.includes('--if-stale') && existsSync(stamp)) {
  const built = statSync(stamp).mtimeMs;
  if (sources.every((s) => newestMtime(join(root, s)) <= built)) process.exit(0);
}

/**
 * Brotli (quality 11) and gzip (level 9) copies of the web app's text files, compressed once here
 * rather than on every request. Source maps are left to on-the-fly compression (only developer
 * tools fetch them), and index.html to the server, which puts the request's nonce in it.
 */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.svg', '.json', '.txt', '.html', '.webmanifest', '.xml']);
function precompress(dir) {
  let files = 0;
  let bytes = 0;
  let brotli = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile() || !COMPRESSIBLE.has(extname(entry.name)) || path === join(dir, 'index.html')) continue;
    const content = readFileSync(path);
    const br = brotliCompressSync(content, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
    });
    writeFileSync(`${path}.br`, br);
    writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
    files += 1;
    bytes += content.length;
    brotli += br.length;
  }
  console.log(`Compressed ${files} files of the web app: ${(bytes / 1000).toFixed(0)} kB, ${(brotli / 1000).toFixed(0)} kB as Brotli.`);
}

const bin = (name) => join(root, 'node_modules', '.bin', name);
console.log('Building server (TypeScript)…');
execFileSync(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
if (!serverOnly) {
  console.log('Building web app (Vite)…');
  execFileSync(bin('vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  precompress(join(root, 'dist', 'web'));
}
mkdirSync(dirname(stamp), { recursive: true });
writeFileSync(stamp, new Date().toISOString() + '\n');
