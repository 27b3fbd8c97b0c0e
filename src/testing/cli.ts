// Runs the real `jha` command (the compiled package bin) against a test database.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../platform/paths.js';
import type { TestDatabase } from './databases.js';

export const JHA = join(PROJECT_ROOT, 'bin', 'jha.js');
const SECRET = 'cli-test-secret-cli-test-secret-cli-test-secret';

/** The environment that points `jha` at the test database. */
export function jhaEnv(t: TestDatabase, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const url = t.config.kind === 'sqlite' ? `sqlite:${t.config.path}` : t.config.url;
  return { ...process.env, DATABASE_URL: url, SESSION_SECRET: SECRET, LOG_LEVEL: 'silent', ...extra };
}

/** Runs `jha args…` to completion; text output. */
export function runJha(
  t: TestDatabase,
  args: string[],
  input?: string,
  env: Record<string, string> = {},
): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [JHA, ...args], { input, encoding: 'utf8', env: jhaEnv(t, env) });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
