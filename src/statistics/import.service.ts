// Imports values from a file (CSV, JSON or XLSX rows) in one transaction, batch by batch as the
// file is read: every row is checked, and any bad row rejects the whole file (the transaction is
// rolled back), listing every bad row and column; a dry run reports what would change without
// writing. The cells of each submission are kept compactly (cell-store.ts), not the rows; the
// values are written many rows per statement as they come, and each submission is audited,
// validated and given its partner cells once, after the whole file is in.
import type { Actor } from '../platform/audit/actor.js';
import { appendAuditEntry, SerializedJson } from '../platform/audit/audit.service.js';
import type { Db, Trx } from '../platform/db/database.js';
import { ConflictError, ProblemsError, word, type MessageText } from '../platform/errors.js';
import { listOrgUnits, listPartners } from '../platform/partners/partners.service.js';
import { rowErrors, type RowProblem } from '../platform/partners/org-units.service.js';
import { canEdit, type Viewer } from '../platform/viewer.js';
import { datasetCovers, sumLimitsOf, type Catalog, type Dataset } from './catalog.js';
import { CELL, Interner, SubmissionCells } from './cell-store.js';
import { submissionsChanged } from './events.js';
import type { ImportRow } from './formats.js';
import { parsePeriod } from './periods.js';
import { refreshPartnerCells } from './read-model.service.js';
import { History } from './import-history.service.js';
import { deleteValues, listValues, updateSubmissionIfVersion, valueWriter } from './submissions.repository.js';
import { staleVersion, storeFindings, type SubmissionKey } from './submissions.service.js';
import type { SubmissionsTable } from './tables.js';
import type { ImportSummary } from './transfer.schema.js';
import { historyVariables, validateIndexed } from './validation.js';
import { editableSubmission } from './value-entry.service.js';
import { checkValueInput, type InputProblem } from './value-input.js';
import type { SpecialCode } from './values.js';

export type { ImportSummary };

type Partner = Awaited<ReturnType<typeof listPartners>>[number];

export interface ImportOptions {
  dryRun: boolean;
  /** Called after each batch with the rows read so far. */
  onProgress?: (done: number) => void;
}

const FIELD_TO_COLUMN: Record<string, string> = {
  org_unit: 'org_unit',
  variable: 'variable',
  value: 'value',
  comment: 'comment',
  obs_status: 'obs_status',
  evidence: 'evidence',
};

/** Rows handed over at once by importValues (rows already in memory). */
const BATCH = 5000;

/** One submission of the file: its key, where its values go, and its cells. */
interface Group {
  key: SubmissionKey;
  dataset: Dataset;
  /** The stored submission (or, in a dry run, the one that would be created); null when it cannot be edited. */
  submission: SubmissionsTable | null;
  orgUnits: ReadonlyMap<string, string>;
  cells: SubmissionCells;
  /** Rows of the file with this key so far (the position of a row among them names an earlier duplicate). */
  rows: number;
}

/** A key that is not importable: the problem every row with it gets. */
interface KeyProblem {
  column: string;
  message: string;
  text: MessageText;
}

/** A problem of one row, with the key of its message in messages.json (import.* and value.*). */
type ImportProblem = RowProblem & { text?: MessageText };

/** The whole file refused, every problem listed by row (as org-unit files are: rowErrors), in the reader's language. */
function importRejected(problems: ImportProblem[]): ProblemsError {
  const english = rowErrors(problems, 'Import');
  return new ProblemsError(
    english.message,
    problems,
    { key: 'import.rejected', params: { count: problems.length } },
    { key: 'import.row_problem', shown: 50 },
  );
}

function keyProblem(column: string, message: string, key: string, params: MessageText['params']): KeyProblem {
  return { column, message, text: { key: `import.${key}`, params } };
}

/** The state of one import while its rows stream in. */
class ValueImport {
  readonly problems: ImportProblem[] = [];
  /** The first submission that cannot be edited (reported when no row has a problem). */
  conflict: ConflictError | null = null;
  readonly summary: ImportSummary;
  private readonly groups = new Map<string, Map<string, Map<string, Group | KeyProblem>>>();
  private readonly ordered: Group[] = [];
  private readonly orgUnits = new Map<string, Map<string, string>>();
  private readonly variables = new Interner();
  private readonly units = new Interner();
  private readonly coords = new Interner();
  private readonly writer;
  private readonly removals: { submission_id: string; variable: string; org_unit: string; coords: string }[] = [];
  private readonly inputProblems: InputProblem[] = [];
  private readonly now = new Date().toISOString();

  constructor(
    private readonly trx: Trx,
    private readonly catalog: Catalog,
    private readonly viewer: Viewer,
    private readonly actor: Actor,
    private readonly partners: Map<string, Partner>,
    private readonly dryRun: boolean,
  ) {
    this.writer = valueWriter(trx);
    this.summary = { dryRun, rows: 0, submissions: 0, created: 0, changed: 0, unchanged: 0, removed: 0 };
  }

  /** Whether rows are still written: once a row has a problem the import is refused, so writing stops. */
  private get writing(): boolean {
    return !this.dryRun && this.problems.length === 0 && this.conflict === null;
  }

  private keyProblem(r: ImportRow): KeyProblem | null {
    const dataset = this.catalog.datasets.get(r.dataset);
    if (!dataset)
      return keyProblem('dataset', `"${r.dataset}" is not a dataset of the catalogue`, 'unknown_dataset', { dataset: r.dataset });
    const partner = this.partners.get(r.partner);
    if (!partner) return keyProblem('partner', `"${r.partner}" is not a known partner code`, 'unknown_partner', { partner: r.partner });
    if (!datasetCovers(dataset, partner))
      return keyProblem(
        'partner',
        `dataset ${dataset.code} collects figures of ${dataset.partners.join(', ')}, not of ${r.partner}`,
        'partner_not_collected',
        { dataset: dataset.code, partners: dataset.partners.join(', '), partner: r.partner },
      );
    if (!canEdit(this.viewer, r.partner))
      return keyProblem('partner', `you cannot import data for ${r.partner}`, 'partner_not_yours', { partner: r.partner });
    const period = parsePeriod(r.period);
    if (!period)
      return keyProblem('period', `"${r.period}" is not an ISO period (2024, 2024S1, 2024Q1, 2024-03, 2024W05)`, 'unknown_period', {
        period: r.period,
      });
    if (period.type !== dataset.periodType)
      return keyProblem('period', `${r.period} is ${period.type}, but ${dataset.code} is ${dataset.periodType}`, 'wrong_period_type', {
        period: r.period,
        type: word(`periods.${period.type}`, period.type),
        dataset: dataset.code,
        datasetType: word(`periods.${dataset.periodType}`, dataset.periodType),
      });
    return null;
  }

  /** The row's submission, met for the first time: checked, found or created, its stored cells loaded. */
  private async group(r: ImportRow): Promise<Group | KeyProblem> {
    let byPartner = this.groups.get(r.dataset);
    if (!byPartner) this.groups.set(r.dataset, (byPartner = new Map()));
    let byPeriod = byPartner.get(r.partner);
    if (!byPeriod) byPartner.set(r.partner, (byPeriod = new Map()));
    const known = byPeriod.get(r.period);
    if (known) return known;
    const problem = this.keyProblem(r);
    if (problem) {
      byPeriod.set(r.period, problem);
      return problem;
    }
    const key: SubmissionKey = { dataset: r.dataset, partner: r.partner, period: r.period };
    let orgUnits = this.orgUnits.get(key.partner);
    if (!orgUnits)
      this.orgUnits.set(key.partner, (orgUnits = new Map((await listOrgUnits(this.trx, key.partner)).map((u) => [u.code, u.kind]))));
    const group: Group = {
      key,
      dataset: this.catalog.datasets.get(key.dataset)!,
      submission: null,
      orgUnits,
      cells: new SubmissionCells(this.variables, this.units, this.coords),
      rows: 0,
    };
    byPeriod.set(r.period, group);
    this.ordered.push(group);
    try {
      group.submission = await editableSubmission(this.trx, this.actor, key, undefined, this.dryRun, this.now);
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      this.conflict ??= err;
      return group;
    }
    for (const v of await listValues(this.trx, group.submission.id))
      group.cells.add(
        this.variables.id(v.variable),
        this.units.id(v.org_unit),
        this.coords.id(v.coords),
        {
          num: v.value_num,
          code: v.value_code as SpecialCode | null,
          comment: v.comment,
          obsStatus: v.obs_status,
          evidence: v.evidence_json ?? null,
        },
        CELL.stored,
        0,
      );
    return group;
  }

  /** Checks a batch of rows and writes what they change. */
  async add(rows: ImportRow[]): Promise<void> {
    const cols = this.writer.cols;
    for (const r of rows) {
      this.summary.rows += 1;
      const group = this.groups.get(r.dataset)?.get(r.partner)?.get(r.period) ?? (await this.group(r));
      if (!('cells' in group)) {
        this.problems.push({ row: r.row, column: group.column, message: group.message, text: group.text });
        continue;
      }
      const index = group.rows;
      group.rows += 1;
      const problems = this.inputProblems;
      problems.length = 0;
      const v = checkValueInput(this.catalog, group.dataset, group.orgUnits, r, index, problems);
      for (const p of problems)
        this.problems.push({ row: r.row, column: FIELD_TO_COLUMN[p.field] ?? p.field, message: p.message, text: p.text });
      if (!v) continue;
      const cells = group.cells;
      const variable = this.variables.id(v.variable);
      const unit = this.units.id(v.orgUnit);
      const coords = this.coords.id(v.coords);
      const slot = cells.find(variable, unit, coords);
      if (slot >= 0 && cells.ordinalOf(slot) > 0) {
        this.problems.push({
          row: r.row,
          column: 'value',
          message: `the same cell is given twice (also at ${cells.ordinalOf(slot)})`,
          text: { key: 'value.duplicate_cell', params: { at: cells.ordinalOf(slot) } },
        });
        continue;
      }
      const ordinal = index + 1;
      if (v.remove) {
        if (slot < 0) {
          cells.add(variable, unit, coords, v, CELL.absent, ordinal);
          continue;
        }
        this.summary.removed += 1;
        cells.update(slot, v, CELL.removed, ordinal);
        if (this.writing && group.submission)
          this.removals.push({ submission_id: group.submission.id, variable: v.variable, org_unit: v.orgUnit, coords: v.coords });
        continue;
      }
      if (slot >= 0 && cells.holds(slot, v)) {
        this.summary.unchanged += 1;
        cells.update(slot, v, CELL.unchanged, ordinal);
        continue;
      }
      if (slot >= 0) {
        this.summary.changed += 1;
        cells.update(slot, v, CELL.changed, ordinal);
      } else {
        this.summary.created += 1;
        cells.add(variable, unit, coords, v, CELL.created, ordinal);
      }
      if (!this.writing || !group.submission) continue;
      cols[0]!.push(group.submission.id);
      cols[1]!.push(v.variable);
      cols[2]!.push(v.orgUnit);
      cols[3]!.push(v.coords);
      cols[4]!.push(v.num);
      cols[5]!.push(v.code);
      cols[6]!.push(v.comment);
      cols[7]!.push(v.obsStatus);
      cols[8]!.push(this.now);
      cols[9]!.push(v.evidence ?? null);
      if (this.writer.row()) await this.writer.flush();
    }
  }

  /**
   * After the last row: refuses the file if any row had a problem (or a submission cannot be
   * edited); otherwise writes what is left, then audits, refreshes the partner cells of and
   * validates every changed submission, period after period, and bumps its version.
   */
  async finish(): Promise<SubmissionKey[]> {
    this.summary.submissions = this.ordered.length;
    if (this.problems.length > 0) throw importRejected(this.problems.sort((a, b) => a.row - b.row));
    if (this.conflict) throw this.conflict;
    if (this.dryRun) return this.ordered.map((g) => g.key);
    await this.writer.finish();
    await deleteValues(this.trx, this.removals);
    const order = [...this.ordered].sort(
      (a, b) => compare(a.key.dataset, b.key.dataset) || compare(a.key.partner, b.key.partner) || compare(a.key.period, b.key.period),
    );
    // Each dataset and partner in turn (the order above keeps their groups together), period after period.
    for (let from = 0; from < order.length;) {
      const { dataset, partner } = order[from]!.key;
      let to = from;
      while (to < order.length && order[to]!.key.dataset === dataset && order[to]!.key.partner === partner) to += 1;
      const groups = order.slice(from, to);
      const variables = historyVariables(this.catalog, groups[0]!.dataset);
      const history = new History(this.trx, groups, dataset, partner, variables, sumLimitsOf(this.catalog));
      for (const group of groups) await this.finishGroup(group, history);
      from = to;
    }
    return this.ordered.map((g) => g.key);
  }

  private async finishGroup(group: Group, history: History): Promise<void> {
    const submission = group.submission!;
    const { writes, removed } = group.cells.touched();
    if (writes === 0 && removed === 0 && submission.version > 0) return;
    const { before, after } = group.cells.auditValues();
    const head = JSON.stringify(group.key).slice(0, -1);
    await appendAuditEntry(this.trx, this.actor, {
      action: 'values.save',
      entityType: 'submission',
      entityId: submission.id,
      before: new SerializedJson(`${head},"values":${before}}`),
      after: new SerializedJson(`${head},"values":${after}}`),
    });
    const values = group.cells.values();
    const index = history.current(group, values);
    await refreshPartnerCells(this.trx, this.catalog, submission, index);
    const earlier = await history.before(group.key.period);
    await storeFindings(this.trx, submission.id, validateIndexed(this.catalog, group.dataset, values, index, earlier));
    if (
      !(await updateSubmissionIfVersion(this.trx, submission.id, submission.version, {
        version: submission.version + 1,
        updated_at: this.now,
      }))
    )
      throw staleVersion(submission.version + 1, submission.version);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Imports rows read in batches (readValueBatches) in one transaction: all of them or, when any row
 * has a problem, none, with every problem listed by row. Memory stays a few dozen bytes per value.
 */
export async function importValueBatches(
  db: Db,
  catalog: Catalog,
  viewer: Viewer,
  actor: Actor,
  batches: AsyncIterable<ImportRow[]> | Iterable<ImportRow[]>,
  opts: ImportOptions,
): Promise<ImportSummary> {
  const partners = new Map((await listPartners(db)).map((p) => [p.code, p]));
  const { summary, keys } = await db.transaction().execute(async (trx) => {
    const run = new ValueImport(trx, catalog, viewer, actor, partners, opts.dryRun);
    for await (const rows of batches) {
      await run.add(rows);
      opts.onProgress?.(run.summary.rows);
    }
    return { summary: run.summary, keys: await run.finish() };
  });
  if (!opts.dryRun && keys.length > 0) await submissionsChanged(db, catalog, keys, actor);
  return summary;
}

/** Imports rows already in memory (see importValueBatches). */
export function importValues(
  db: Db,
  catalog: Catalog,
  viewer: Viewer,
  actor: Actor,
  rows: ImportRow[],
  opts: ImportOptions,
): Promise<ImportSummary> {
  return importValueBatches(db, catalog, viewer, actor, batchesOf(rows), opts);
}

function* batchesOf(rows: ImportRow[]): Generator<ImportRow[]> {
  for (let i = 0; i < rows.length; i += BATCH) yield rows.slice(i, i + BATCH);
}
