// The work behind `jha import cases`; loaded only when it runs (it brings in DuckDB).
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { cliActor } from '../platform/audit/actor.js';
import { createCaseImport, formatOfFile, runCaseImport } from './case-import.service.js';
import { findRun } from './case-import.service.js';
import { parseYears } from './mapping.js';
import type { WithDatabase } from '../statistics/cli.actions.js';

export async function importCasesFile(
  withDatabase: WithDatabase,
  file: string,
  opts: { partner: string; years?: string; mapping?: string; rejected?: string },
): Promise<void> {
  const catalog = withDatabase.context().catalog;
  const req = {
    partner: opts.partner.toUpperCase(),
    file: resolve(file),
    fileName: basename(file),
    format: formatOfFile(file),
    years: opts.years ? parseYears(opts.years) : undefined,
    mappingYaml: opts.mapping ? readFileSync(opts.mapping, 'utf8') : undefined,
  };
  const actor = cliActor();
  const show = process.stderr.isTTY || !!process.env.JHA_PROGRESS;
  // The progress bar is loaded only when it is shown.
  const cliProgress = show ? (await import('cli-progress')).default : null;
  const bar = cliProgress
    ? new cliProgress.SingleBar(
        { format: 'cases [{bar}] {percentage}% | {phase}', stream: process.stderr },
        cliProgress.Presets.shades_classic,
      )
    : null;
  await withDatabase(async (db) => {
    const id = await createCaseImport(db, { kind: 'operator', label: 'cli' }, actor, req);
    bar?.start(100, 0, { phase: 'reading' });
    const poll = bar
      ? setInterval(() => void findRun(db, id).then((r) => r && bar.update(Math.round(r.progress * 100), { phase: r.phase })), 250)
      : null;
    try {
      const result = await runCaseImport(db, catalog, actor, id, req);
      bar?.update(100, { phase: 'done' });
      bar?.stop();
      const lines = [
        `Cases: ${result.rows} rows, ${result.imported} imported, ${result.rejected} rejected.`,
        ...Object.entries(result.rejectedByReason).map(([reason, n]) => `  rejected ${reason}: ${n}`),
        ...result.submissions.map(
          (s) =>
            `  justice.annual ${req.partner} ${s.period}: ${s.created} created, ${s.changed} changed, ${s.unchanged} unchanged, ${s.removed} removed (draft)`,
        ),
      ];
      process.stdout.write(lines.join('\n') + '\n');
      if (opts.rejected) {
        const run = await findRun(db, id);
        writeFileSync(opts.rejected, run?.rejected_csv ?? '');
        process.stdout.write(`The first rejected rows (at most 1,000) are in ${opts.rejected}.\n`);
      }
    } finally {
      if (poll) clearInterval(poll);
      bar?.stop();
    }
  });
}
