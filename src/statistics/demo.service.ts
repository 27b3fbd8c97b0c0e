// Demo statistics for a local trial: sample courts and reception centres, illustrative (clearly
// labelled) justice, firearms, organised crime, domestic violence, drugs and court ICT figures and
// published migration figures with their sources, taken through the normal import and workflow, so
// the demo shows published data.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM_ACTOR } from '../platform/audit/actor.js';
import type { Db } from '../platform/db/database.js';
import { importOrgUnits } from '../platform/partners/org-units.service.js';
import { PROJECT_ROOT } from '../platform/paths.js';
import { orgUnitKinds, type Catalog } from './catalog.js';
import { readCsv } from './formats.js';
import { importValues } from './import.service.js';
import { listFindings } from './submissions.repository.js';
import { findSubmission } from './submissions.repository.js';
import type { SubmissionKey } from './submissions.service.js';
import { commentFinding } from './thread.service.js';
import { transition } from './workflow.service.js';
import { declareOrgUnitsComplete } from './value-entry.service.js';
import type { Viewer } from '../platform/viewer.js';

const DEMO_DIR = join(PROJECT_ROOT, 'demo');
const SEEDER: Viewer = { kind: 'operator', label: 'demo data' };
const NOTE = 'Illustrative demo data (not an official statistic).';

async function publish(db: Db, catalog: Catalog, key: SubmissionKey): Promise<void> {
  let submission = (await findSubmission(db, key.dataset, key.partner, key.period))!;
  // The demo's reception centres are the partners' whole lists: national totals are their sums.
  if (catalog.datasets.get(key.dataset)?.partnerLevel === false || key.dataset === 'migration.reception')
    submission = await declareOrgUnitsComplete(db, catalog, SEEDER, SYSTEM_ACTOR, key, submission.version, true);
  for (const f of await listFindings(db, submission.id)) {
    if (f.severity === 'warning') await commentFinding(db, SEEDER, SYSTEM_ACTOR, key, f.key, NOTE);
  }
  for (const step of ['submit', 'approve', 'publish'] as const) {
    submission = await transition(db, catalog, SEEDER, SYSTEM_ACTOR, key, step, submission.version);
  }
}

export async function seedDemoStatistics(db: Db, catalog: Catalog): Promise<{ orgUnits: number; values: number }> {
  const units = await importOrgUnits(db, SYSTEM_ACTOR, readFileSync(join(DEMO_DIR, 'org-units.csv'), 'utf8'), orgUnitKinds(catalog));
  // Justice, firearms, organised crime, domestic violence, drugs and ICT figures are illustrative; migration
  // figures are the published ones named in each value's comment (the source) where they exist, and
  // illustrative (and labelled so) elsewhere.
  const rows = [];
  const files = [
    'justice-illustrative.csv',
    'migration.csv',
    'security-illustrative.csv',
    'policy-illustrative.csv',
    'remote-hearings-illustrative.csv',
  ];
  for (const file of files) {
    if (!existsSync(join(DEMO_DIR, file))) continue;
    const fileRows = await readCsv(createReadStream(join(DEMO_DIR, file)), catalog);
    rows.push(...fileRows.filter((r) => catalog.datasets.has(r.dataset)));
  }
  const summary = await importValues(db, catalog, SEEDER, SYSTEM_ACTOR, rows, { dryRun: false });
  const keys = new Map(
    rows.map((r) => [`${r.dataset}|${r.partner}|${r.period}`, { dataset: r.dataset, partner: r.partner, period: r.period }]),
  );
  for (const key of keys.values()) await publish(db, catalog, key);
  return { orgUnits: units.created, values: summary.created };
}
