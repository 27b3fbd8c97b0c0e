#!/usr/bin/env node
// Launcher for the `jha` command: runs the compiled CLI (built by `npm install` / `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = fileURLToPath(new URL('../dist/server/cli/main.js', import.meta.url));
if (!existsSync(entry)) {
  console.error('jha: the compiled code is missing; run `npm run build` in the project folder first.');
  process.exit(1);
}
await import(pathToFileURL(entry).href);
