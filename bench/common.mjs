// Shared helpers of the benchmarks: a fresh SQLite database migrated by the real `jha migrate`,
// timing, and percentiles. Benchmarks print ratios against a baseline measured in the same run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const JHA = join(ROOT, 'bin', 'jha.js');
export const CATEGORIES = [
  'civil_litigious',
  'civil_non_litigious',
  'registry_land_business',
  'registry_other',
  'administrative',
  'other_non_criminal',
  'criminal_severe',
  'criminal_minor',
];
export const INSTANCES = ['first', 'second', 'highest'];
export const VARIABLES = ['cases.pending_start', 'cases.incoming', 'cases.resolved', 'cases.pending_end', 'cases.pending_over_2y'];
export const PARTNERS = ['AL', 'BA', 'XK', 'ME', 'MK', 'RS'];

export function freshDatabase(name) {
  const dir = mkdtempSync(join(tmpdir(), `jha-bench-${name}-`));
  const path = join(dir, 'bench.sqlite');
  const env = { ...process.env, DATABASE_URL: `sqlite:${path}`, JHA_DEMO: 'false', LOG_LEVEL: 'silent' };
  execFileSync(process.execPath, [JHA, 'migrate'], { env, stdio: 'ignore' });
  return { dir, path, env };
}

export function seconds(start) {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export function percentile(samples, p) {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
