// The earlier periods an import validates each submission against (import.service.ts): its own
// periods as the import leaves them, the others as stored.
import type { Trx } from '../platform/db/database.js';
import type { SubmissionCells } from './cell-store.js';
import { historyValues } from './submissions.repository.js';
import { historyPeriods, toStored, type SubmissionKey } from './submissions.service.js';
import { ValueIndex, type SumLimits } from './values.js';

/** A submission of the import as History reads it: its key and its cells. */
export interface ImportedSubmission {
  key: SubmissionKey;
  cells: SubmissionCells;
}

/**
 * The earlier periods of one dataset and partner, for validation: a period of the import as it
 * now is (its index, made when the period itself was validated), any other as stored, read in one
 * query for the variables validation takes from earlier periods. Periods are asked in ascending
 * order, and only the last few indexes are kept.
 */
export class History {
  private readonly inImport = new Map<string, ImportedSubmission>();
  private readonly indexes = new Map<string, ValueIndex>();
  private stored: Map<string, ValueIndex> | null = null;

  constructor(
    private readonly trx: Trx,
    groups: ImportedSubmission[],
    private readonly dataset: string,
    private readonly partner: string,
    private readonly variables: string[],
    private readonly limits: SumLimits,
  ) {
    for (const g of groups) this.inImport.set(g.key.period, g);
  }

  /** The index of a period of the import being validated now, kept for the periods after it. */
  current(group: ImportedSubmission, values = group.cells.values()): ValueIndex {
    const keep = new Set(historyPeriods(group.key.period));
    for (const period of this.indexes.keys()) if (!keep.has(period)) this.indexes.delete(period);
    const index = new ValueIndex(values, this.limits);
    this.indexes.set(group.key.period, index);
    return index;
  }

  /** The indexes of the periods before `period`, the previous one first. */
  async before(period: string): Promise<ValueIndex[]> {
    const out: ValueIndex[] = [];
    for (const p of historyPeriods(period)) {
      const group = this.inImport.get(p);
      if (group) {
        let index = this.indexes.get(p);
        // A period of the import left unchanged (so not validated now) is indexed when first asked for.
        if (!index) this.indexes.set(p, (index = new ValueIndex(group.cells.values(), this.limits)));
        out.push(index);
      } else out.push((await this.storedPeriods()).get(p) ?? EMPTY_INDEX);
    }
    return out;
  }

  private async storedPeriods(): Promise<Map<string, ValueIndex>> {
    if (this.stored) return this.stored;
    const periods = new Set<string>();
    for (const p of this.inImport.keys()) for (const h of historyPeriods(p)) if (!this.inImport.has(h)) periods.add(h);
    const rows = await historyValues(this.trx, {
      dataset: this.dataset,
      partner: this.partner,
      periods: [...periods],
      variables: this.variables,
    });
    const byPeriod = new Map<string, typeof rows>();
    for (const r of rows) {
      let list = byPeriod.get(r.period);
      if (!list) byPeriod.set(r.period, (list = []));
      list.push(r);
    }
    this.stored = new Map([...byPeriod].map(([p, list]) => [p, new ValueIndex(toStored(list), this.limits)]));
    return this.stored;
  }
}

const EMPTY_INDEX = new ValueIndex([]);
