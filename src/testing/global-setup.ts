// Before the tests: the CLI tests run the compiled `jha`, so build the server when a source is newer than its build.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../platform/paths.js';

export default function setup(): void {
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs'), '--if-stale', '--server-only'], {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
  });
}
