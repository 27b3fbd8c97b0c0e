// Builds the server (tsc → dist/server) and the web app (vite → dist/web).
// With --if-stale it does nothing when no source file is newer than the last build,
// so that `npm start` stays fast after the first run.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

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

const bin = (name) => join(root, 'node_modules', '.bin', name);
console.log('Building server (TypeScript)…');
execFileSync(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
if (!serverOnly) {
  console.log('Building web app (Vite)…');
  execFileSync(bin('vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}
mkdirSync(dirname(stamp), { recursive: true });
writeFileSync(stamp, new Date().toISOString() + '\n');
