// Submissions: the key checks (dataset, partner, period type), one submission as a viewer may see
// it, the lists, due dates and findings. Entering values is value-entry.service.ts; the review
// workflow and the thread are workflow.service.ts.
import type { Db, DbOrTrx } from '../platform/db/database.js';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../platform/errors.js';
import { findPartner } from '../platform/partners/partners.service.js';
import { canEdit, canPublish, canRead, canReview, visibleRows, type Viewer } from '../platform/viewer.js';
import { evidenceLinks } from './value-input.js';
import { datasetCovers, unitOf, type Catalog, type Dataset } from './catalog.js';
import { parsePeriod, periodEnd, shiftPeriod } from './periods.js';
import {
  findSubmission,
  historyValues,
  listEvents,
  listFindingComments,
  listFindings,
  listSubmissions,
  listValues,
  replaceFindings,
} from './submissions.repository.js';
import type { SubmissionView } from './submissions.schema.js';
import type { DataValuesTable, SubmissionsTable, SubmissionStatus } from './tables.js';
import { historyVariables, validateSubmission, type Finding } from './validation.js';
import { parseCoordsKey, type SpecialCode, type StoredValue } from './values.js';

export interface SubmissionKey {
  dataset: string;
  partner: string;
  period: string;
}

/** Submit refused: errors remain, or warnings lack a comment. */
export class SubmissionBlockedError extends AppError {
  constructor(message: string, details: unknown[]) {
    super('submission_blocked', 422, message, details);
  }
}

const HISTORY_PERIODS = 8;
/** The statuses in which the partner may change values. */
export const EDITABLE: SubmissionStatus[] = ['draft', 'returned'];

export function requireDataset(catalog: Catalog, code: string): Dataset {
  const dataset = catalog.datasets.get(code);
  if (!dataset) throw new NotFoundError('Dataset', code);
  return dataset;
}

/** Checks the key's parts: a known dataset and partner, and a period of the dataset's type. */
export async function checkKey(db: DbOrTrx, catalog: Catalog, key: SubmissionKey): Promise<Dataset> {
  const dataset = requireDataset(catalog, key.dataset);
  const partner = await findPartner(db, key.partner);
  if (!partner) throw new ValidationError(`partner: "${key.partner}" is not a known partner code.`, { field: 'partner' });
  if (!datasetCovers(dataset, partner))
    throw new ValidationError(
      `partner: dataset ${dataset.code} collects figures of ${dataset.partners.join(', ')}, not of ${key.partner}.`,
      {
        field: 'partner',
      },
    );
  const period = parsePeriod(key.period);
  if (!period)
    throw new ValidationError(`period: "${key.period}" is not an ISO period (2024, 2024S1, 2024Q1, 2024-03, 2024W05).`, {
      field: 'period',
    });
  if (period.type !== dataset.periodType)
    throw new ValidationError(`period: ${key.period} is ${period.type}, but dataset ${dataset.code} is ${dataset.periodType}.`, {
      field: 'period',
    });
  return dataset;
}

export function toStored(rows: Pick<DataValuesTable, 'variable' | 'org_unit' | 'coords' | 'value_num' | 'value_code'>[]): StoredValue[] {
  return rows.map((r) => ({
    variable: r.variable,
    orgUnit: r.org_unit,
    coords: r.coords,
    num: r.value_num,
    code: r.value_code as SpecialCode | null,
  }));
}

/** Runs validation for one submission against its stored values and earlier periods. */
export async function computeFindings(
  db: DbOrTrx,
  catalog: Catalog,
  dataset: Dataset,
  key: SubmissionKey,
  current: StoredValue[],
): Promise<Finding[]> {
  // Only the variables validation takes from earlier periods are read (prev() and the outlier checks).
  const periods = historyPeriods(key.period);
  const rows = await historyValues(db, {
    dataset: dataset.code,
    partner: key.partner,
    periods,
    variables: historyVariables(catalog, dataset),
  });
  const history = periods.map((p) => toStored(rows.filter((r) => r.period === p)));
  return validateSubmission({ catalog, dataset, current, history });
}

/** The earlier periods validation compares a submission with (prev() and outliers), the latest first. */
export function historyPeriods(period: string): string[] {
  return Array.from({ length: HISTORY_PERIODS }, (_, i) => shiftPeriod(period, -(i + 1)));
}

/** The answer to a save of a version that is no longer current. */
export function staleVersion(current: number, sent: number): ConflictError {
  return new ConflictError(
    `This submission was changed by someone else (version ${current}, yours is ${sent}); reload it and apply your changes again.`,
    { currentVersion: current, sentVersion: sent },
  );
}

/** Replaces the stored findings of a submission. */
export async function storeFindings(trx: DbOrTrx, submissionId: string, findings: Finding[]): Promise<void> {
  await replaceFindings(
    trx,
    submissionId,
    findings.map((f) => ({
      submission_id: submissionId,
      key: f.key,
      rule_code: f.ruleCode,
      kind: f.kind,
      severity: f.severity,
      org_unit: f.orgUnit,
      coords: f.coords,
      message: f.message,
      details_json: JSON.stringify(f.details),
    })),
  );
}

export function dueDate(dataset: Dataset, period: string): Date {
  return new Date(periodEnd(period).getTime() + dataset.dueDays * 86_400_000);
}

/** The unit of a stored value (its variable's, or the one its unit_by code names); '' for a variable no longer in the catalogue. */
function valueUnit(catalog: Catalog, variable: string, coords: string): string {
  const v = catalog.variables.get(variable);
  return v ? unitOf(v, parseCoordsKey(coords)) : '';
}

/** One submission as the viewer may see it; a not-yet-started one is shown empty to those who may fill it. */
export async function getSubmission(
  db: Db,
  catalog: Catalog,
  viewer: Viewer,
  key: SubmissionKey,
  now = new Date(),
): Promise<SubmissionView> {
  const dataset = await checkKey(db, catalog, key);
  const submission = await findSubmission(db, key.dataset, key.partner, key.period);
  const due = dueDate(dataset, key.period);
  const status = submission?.status ?? 'not_started';
  if (!submission ? !canEdit(viewer, key.partner) && !canReview(viewer) : !canRead(viewer, key.partner, submission.status)) {
    throw new NotFoundError('Submission', `${key.dataset} ${key.partner} ${key.period}`);
  }
  const editable = canEdit(viewer, key.partner) && (!submission || EDITABLE.includes(submission.status));
  const base: SubmissionView = {
    id: submission?.id ?? null,
    dataset: key.dataset,
    partner: key.partner,
    period: key.period,
    status,
    version: submission?.version ?? 0,
    dueDate: due.toISOString().slice(0, 10),
    late: (status === 'not_started' || EDITABLE.includes(status as SubmissionStatus)) && now > due,
    updatedAt: submission?.updated_at ?? null,
    orgUnitsComplete: submission?.org_units_complete === 1,
    releases: submission?.releases ?? 0,
    publishAt: submission?.publish_at ?? null,
    values: [],
    findings: [],
    events: [],
    can: {
      edit: editable,
      submit: editable && !!submission,
      return: canReview(viewer, dataset.domain) && (status === 'submitted' || status === 'approved'),
      approve: canReview(viewer, dataset.domain) && status === 'submitted',
      // A scheduled publication is changed by reopening it (which withdraws it), not by publishing again.
      publish: canPublish(viewer) && status === 'approved' && !submission?.publish_at,
      reopen: canPublish(viewer) && (status === 'approved' || status === 'published'),
      comment: viewer.kind !== 'public' && !!submission,
    },
  };
  if (!submission) return base;
  const comments = new Map((await listFindingComments(db, submission.id)).map((c) => [c.key, c]));
  const signedIn = viewer.kind !== 'public';
  return {
    ...base,
    values: (await listValues(db, submission.id)).map((v) => ({
      variable: v.variable,
      orgUnit: v.org_unit || null,
      coords: { ...parseCoordsKey(v.coords) },
      unit: valueUnit(catalog, v.variable, v.coords),
      value: v.value_num ?? v.value_code,
      comment: v.comment,
      obsStatus: v.obs_status,
      evidence: evidenceLinks(v.evidence_json),
    })),
    findings: signedIn
      ? (await listFindings(db, submission.id)).map((f) => {
          const c = comments.get(f.key);
          return {
            key: f.key,
            ruleCode: f.rule_code,
            kind: f.kind,
            severity: f.severity,
            orgUnit: f.org_unit || null,
            coords: { ...parseCoordsKey(f.coords) },
            message: f.message,
            details: JSON.parse(f.details_json),
            comment: c ? { text: c.comment, author: c.author, at: c.at } : null,
          };
        })
      : [],
    events: signedIn ? (await listEvents(db, submission.id)).map((e) => ({ at: e.at, author: e.author, kind: e.kind, body: e.body })) : [],
  };
}

/** The stored values of one submission (empty when it does not exist yet), for capabilities that replace their own cells. */
export async function storedValues(db: DbOrTrx, key: SubmissionKey): Promise<StoredValue[]> {
  const submission = await findSubmission(db, key.dataset, key.partner, key.period);
  return submission ? toStored(await listValues(db, submission.id)) : [];
}

/** Submissions the viewer may see (published ones, and for a coordinator also their own partner's). */
export function listVisibleSubmissions(
  db: DbOrTrx,
  viewer: Viewer,
  f: { dataset?: string; partner?: string; period?: string; status?: SubmissionStatus },
): Promise<SubmissionsTable[]> {
  const scope = visibleRows(viewer);
  const statuses = f.status ? (scope.statuses ?? [f.status]).filter((s) => s === f.status) : scope.statuses;
  if (statuses?.length === 0) return Promise.resolve([]);
  return listSubmissions(db, {
    dataset: f.dataset,
    partner: f.partner,
    period: f.period,
    statuses,
    visibleToPartner: scope.visibleToPartner,
  });
}

/** Stored values as the exports and the CLI read them. */
export { queryValues } from './submissions.repository.js';
