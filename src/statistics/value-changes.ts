// What saving values changes in a submission (pure): the stored cells compared with the checked
// values, giving the rows to write and to remove, the old and new values for the audit, and counts.
import type { DataValuesTable, SubmissionsTable } from './tables.js';
import type { CheckedValue } from './value-input.js';

function sameValue(a: DataValuesTable, b: CheckedValue): boolean {
  return (
    a.value_num === b.num &&
    (a.value_code ?? null) === b.code &&
    (a.comment ?? null) === b.comment &&
    (a.obs_status ?? null) === b.obsStatus &&
    (a.evidence_json ?? null) === (b.evidence ?? null)
  );
}

/** The key of a cell within a submission. */
export const cellKey = (v: { variable: string; orgUnit: string; coords: string }) => `${v.variable}|${v.orgUnit}|${v.coords}`;

/** The cell of a stored row as the audit names it. */
const auditCell = (v: { variable: string; org_unit: string; coords: string }) => ({
  variable: v.variable,
  orgUnit: v.org_unit || null,
  coords: v.coords || null,
});

/** What writing values over a submission's cells changes: the rows to write and to remove, old and new for the audit, counts. */
export interface CellChanges {
  writes: DataValuesTable[];
  removals: DataValuesTable[];
  before: unknown[];
  after: unknown[];
  created: number;
  changed: number;
  unchanged: number;
  removed: number;
}

/**
 * Compares the values with the submission's `existing` cells (keyed by cellKey) and says what
 * changes; a value equal to the stored one is left alone, the removal of a cell not stored is
 * nothing. `existing` is updated to the cells as they will be once the changes are written.
 */
export function cellChanges(
  submissionId: string,
  existing: Map<string, DataValuesTable>,
  values: CheckedValue[],
  now: string,
): CellChanges {
  const changes: CellChanges = { writes: [], removals: [], before: [], after: [], created: 0, changed: 0, unchanged: 0, removed: 0 };
  for (const v of values) {
    const at = cellKey(v);
    const old = existing.get(at);
    const row: DataValuesTable = {
      submission_id: submissionId,
      variable: v.variable,
      org_unit: v.orgUnit,
      coords: v.coords,
      value_num: v.num,
      value_code: v.code,
      comment: v.comment,
      obs_status: v.obsStatus,
      updated_at: now,
      evidence_json: v.evidence ?? null,
    };
    if (v.remove) {
      if (!old) continue;
      changes.removed += 1;
      changes.before.push({ ...auditCell(old), value: old.value_num ?? old.value_code });
      changes.after.push({ ...auditCell(row), value: null });
      changes.removals.push(row);
      existing.delete(at);
      continue;
    }
    if (old && sameValue(old, v)) {
      changes.unchanged += 1;
      continue;
    }
    if (old) {
      changes.changed += 1;
      changes.before.push({ ...auditCell(old), value: old.value_num ?? old.value_code, comment: old.comment });
    } else {
      changes.created += 1;
    }
    changes.after.push({
      ...auditCell(row),
      value: v.num ?? v.code,
      comment: v.comment,
      ...(v.obsStatus ? { obsStatus: v.obsStatus } : {}),
      ...(v.evidence ? { evidence: JSON.parse(v.evidence) as string[] } : {}),
    });
    changes.writes.push(row);
    existing.set(at, row);
  }
  return changes;
}

/** Whether the changes leave a submission that has been saved before as it was (no audit, no new version). */
export const untouched = (changes: CellChanges, submission: SubmissionsTable) =>
  changes.writes.length === 0 && changes.removed === 0 && submission.version > 0;

export const counts = ({ created, changed, unchanged, removed }: CellChanges) => ({ created, changed, unchanged, removed });
