// Imports values from a file (CSV, JSON or XLSX rows) in one transaction: every row is checked
// first and any bad row rejects the whole file, listing every bad row and column; a dry run
// reports what would change without writing.
import type { Actor } from '../platform/audit/actor.js';
import type { Db } from '../platform/db/database.js';
import { listOrgUnits, listPartners } from '../platform/partners/partners.service.js';
import { rowErrors, type RowProblem } from '../platform/partners/org-units.service.js';
import { submissionsChanged } from './events.js';
import { datasetCovers, type Catalog } from './catalog.js';
import type { ImportRow } from './formats.js';
import { parsePeriod } from './periods.js';
import type { SubmissionKey } from './submissions.service.js';
import { applyValues } from './value-entry.service.js';
import { checkValueInputs, type CheckedValue } from './value-input.js';
import { canEdit, type Viewer } from '../platform/viewer.js';
import type { ImportSummary } from './transfer.schema.js';

export type { ImportSummary };

export interface ImportOptions {
  dryRun: boolean;
  onProgress?: (done: number, total: number) => void;
}

const FIELD_TO_COLUMN: Record<string, string> = {
  org_unit: 'org_unit',
  variable: 'variable',
  value: 'value',
  comment: 'comment',
  obs_status: 'obs_status',
};

type Group = { key: SubmissionKey; rows: ImportRow[] };

/** The rows by submission (dataset, partner, period); a row whose key is wrong goes to `problems`. */
async function groupBySubmission(
  db: Db,
  catalog: Catalog,
  viewer: Viewer,
  rows: ImportRow[],
  problems: RowProblem[],
): Promise<Map<string, Group>> {
  const partners = new Map((await listPartners(db)).map((p) => [p.code, p]));
  const groups = new Map<string, Group>();
  for (const r of rows) {
    const dataset = catalog.datasets.get(r.dataset);
    if (!dataset) {
      problems.push({ row: r.row, column: 'dataset', message: `"${r.dataset}" is not a dataset of the catalogue` });
      continue;
    }
    const partner = partners.get(r.partner);
    if (!partner) {
      problems.push({ row: r.row, column: 'partner', message: `"${r.partner}" is not a known partner code` });
      continue;
    }
    if (!datasetCovers(dataset, partner)) {
      problems.push({
        row: r.row,
        column: 'partner',
        message: `dataset ${dataset.code} collects figures of ${dataset.partners.join(', ')}, not of ${r.partner}`,
      });
      continue;
    }
    if (!canEdit(viewer, r.partner)) {
      problems.push({ row: r.row, column: 'partner', message: `you cannot import data for ${r.partner}` });
      continue;
    }
    const period = parsePeriod(r.period);
    if (!period) {
      problems.push({
        row: r.row,
        column: 'period',
        message: `"${r.period}" is not an ISO period (2024, 2024S1, 2024Q1, 2024-03, 2024W05)`,
      });
      continue;
    }
    if (period.type !== dataset.periodType) {
      problems.push({
        row: r.row,
        column: 'period',
        message: `${r.period} is ${period.type}, but ${dataset.code} is ${dataset.periodType}`,
      });
      continue;
    }
    const id = `${r.dataset}|${r.partner}|${r.period}`;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { key: { dataset: r.dataset, partner: r.partner, period: r.period }, rows: [] }));
    group.rows.push(r);
  }
  return groups;
}

/** Every group's values checked against the catalogue and the partner's org units; problems by row. */
async function checkGroups(
  db: Db,
  catalog: Catalog,
  groups: Map<string, Group>,
  problems: RowProblem[],
): Promise<Map<string, CheckedValue[]>> {
  const orgUnitCache = new Map<string, Map<string, string>>();
  const checked = new Map<string, CheckedValue[]>();
  for (const [id, group] of groups) {
    let units = orgUnitCache.get(group.key.partner);
    if (!units)
      orgUnitCache.set(group.key.partner, (units = new Map((await listOrgUnits(db, group.key.partner)).map((u) => [u.code, u.kind]))));
    const dataset = catalog.datasets.get(group.key.dataset)!;
    const result = checkValueInputs(
      catalog,
      dataset,
      units,
      group.rows.map((r) => ({
        variable: r.variable,
        orgUnit: r.orgUnit || null,
        coords: r.coords,
        value: r.value,
        comment: r.comment,
        obsStatus: r.obsStatus,
      })),
    );
    for (const p of result.problems)
      problems.push({ row: group.rows[p.index]!.row, column: FIELD_TO_COLUMN[p.field] ?? p.field, message: p.message });
    checked.set(id, result.values);
  }
  return checked;
}

export async function importValues(
  db: Db,
  catalog: Catalog,
  viewer: Viewer,
  actor: Actor,
  rows: ImportRow[],
  opts: ImportOptions,
): Promise<ImportSummary> {
  const problems: RowProblem[] = [];
  const groups = await groupBySubmission(db, catalog, viewer, rows, problems);
  const checked = await checkGroups(db, catalog, groups, problems);
  if (problems.length > 0)
    throw rowErrors(
      problems.sort((a, b) => a.row - b.row),
      'Import',
    );
  if (rows.length === 0) return { dryRun: opts.dryRun, rows: 0, submissions: 0, created: 0, changed: 0, unchanged: 0, removed: 0 };
  const summary = await db.transaction().execute(async (trx) => {
    const summary: ImportSummary = {
      dryRun: opts.dryRun,
      rows: rows.length,
      submissions: groups.size,
      created: 0,
      changed: 0,
      unchanged: 0,
      removed: 0,
    };
    let done = 0;
    for (const [id, group] of groups) {
      const result = await applyValues(trx, catalog, actor, group.key, checked.get(id)!, undefined, opts.dryRun);
      summary.created += result.created;
      summary.changed += result.changed;
      summary.unchanged += result.unchanged;
      summary.removed += result.removed;
      done += group.rows.length;
      opts.onProgress?.(done, rows.length);
    }
    return summary;
  });
  if (!opts.dryRun)
    await submissionsChanged(
      db,
      catalog,
      [...groups.values()].map((g) => g.key),
      actor,
    );
  return summary;
}
