// The read model every figure is served from. Working data: each submission's partner-level
// cells, recomputed in the transaction of every save. Releases: at each publication, a numbered,
// immutable copy of the submission's values and cells; a reopen changes nothing already
// released, the next publication adds a release. A viewer reads the working data it may see
// (its own partner's, or all for the Commission and reviewers) and releases for the rest; the
// public, `asOf` and `publishedOnly` read releases only.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../platform/audit/actor.js';
import type { Db, DbOrTrx, Trx } from '../platform/db/database.js';
import { ValidationError } from '../platform/errors.js';
import type { PublicationStatus, Viewer } from '../platform/viewer.js';
import { appendAuditEntry } from '../platform/audit/audit.service.js';
import { sumLimitsOf, type Catalog } from './catalog.js';
import type { RevisionHistory } from './releases.schema.js';
import {
  insertRelease,
  latestRelease,
  listReleases,
  listReleaseValues,
  publishedWithoutRelease,
  latestReleaseOf,
  nextScheduledRelease,
  latestReopenReason,
  queryReleasedCells,
  queryReleasedValues,
  queryWorkingCells,
  queryWorkingValues,
  replacePartnerCells,
  submissionsWithoutCells,
  type ReadQuery,
  type ReleasedCell,
  type ReleasedValue,
  type WorkingCell,
  type WorkingValue,
} from './releases.repository.js';
import { findSubmission, listValues } from './submissions.repository.js';
import { checkKey, toStored, type SubmissionKey } from './submissions.service.js';
import type { CellSource, PartnerCellsTable, ReleaseValuesTable, SubmissionsTable, ValueColumns } from './tables.js';
import { evidenceLinks } from './value-input.js';
import { parseCoordsKey, ValueIndex, type SpecialCode, type StoredValue } from './values.js';

export interface ReadOptions {
  /** The figures as published at this instant (normalised ISO date-time). */
  asOf?: string;
  /** Releases only, even for a viewer who may read working data. */
  publishedOnly?: boolean;
}

/** Which working (not yet released) data a viewer reads: none, one partner's, or every partner's. */
export type WorkingScope = { kind: 'none' } | { kind: 'partner'; partner: string } | { kind: 'all' };

export function workingScope(viewer: Viewer, options: ReadOptions = {}): WorkingScope {
  if (options.asOf || options.publishedOnly || viewer.kind === 'public') return { kind: 'none' };
  if (viewer.kind === 'operator' || viewer.role !== 'coordinator') return { kind: 'all' };
  return { kind: 'partner', partner: viewer.partner ?? '' };
}

/**
 * `asOf` as an ISO instant: a date means the end of that day (UTC), a date-time is taken with its
 * offset. Anything else is a 400 naming the field.
 */
export function parseAsOf(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text)
    ? new Date(`${text}T23:59:59.999Z`)
    : /^\d{4}-\d{2}-\d{2}T/.test(text)
      ? new Date(text)
      : null;
  if (!date || Number.isNaN(date.getTime()))
    throw new ValidationError(`asOf: "${text.slice(0, 40)}" is not an ISO date (2024-06-30) or date-time (2024-06-30T12:00:00Z).`, {
      field: 'asOf',
    });
  return date.toISOString();
}

const STATUS_ORDER: PublicationStatus[] = ['draft', 'returned', 'submitted', 'approved', 'published'];

/** The least advanced of the statuses a figure rests on ('published' when it rests on none). */
export function leastPublished(statuses: Iterable<PublicationStatus>): PublicationStatus {
  let rank = STATUS_ORDER.length - 1;
  for (const s of statuses) rank = Math.min(rank, STATUS_ORDER.indexOf(s));
  return STATUS_ORDER[rank]!;
}

/** A partner-level cell as a viewer reads it: from the working data or from a release. */
export interface VisibleCell {
  dataset: string;
  partner: string;
  period: string;
  variable: string;
  coords: string;
  num: number | null;
  code: SpecialCode | null;
  source: CellSource;
  units: number;
  status: PublicationStatus;
  /** The release it comes from (for working data: the latest release when it is published), or null. */
  release: number | null;
}

/** A stored value (of one org unit or the partner) as a viewer reads it. */
export interface VisibleValue {
  dataset: string;
  partner: string;
  period: string;
  variable: string;
  orgUnit: string;
  coords: string;
  num: number | null;
  code: SpecialCode | null;
  obsStatus: string | null;
  comment: string | null;
  /** Evidence links ([] for none). */
  evidence: string[];
  status: PublicationStatus;
  release: number | null;
}

const NOW = () => new Date().toISOString();

/**
 * What the viewer may read of one kind of row: releases current at `asOf` (or now) for every
 * partner whose working data it may not see, the working data (with its status) for the others.
 */
async function visibleRows<Released extends { number: number }, Working extends { status: PublicationStatus; releases: number }, Row>(
  viewer: Viewer,
  options: ReadOptions,
  q: ReadQuery,
  read: { released: (q: ReadQuery, asOf: string) => Promise<Released[]>; working: (q: ReadQuery) => Promise<Working[]> },
  present: (row: Released | Working) => Row,
): Promise<(Row & { status: PublicationStatus; release: number | null })[]> {
  const scope = workingScope(viewer, options);
  const out: (Row & { status: PublicationStatus; release: number | null })[] = [];
  if (scope.kind !== 'all') {
    const except = scope.kind === 'partner' ? scope.partner : undefined;
    for (const r of await read.released({ ...q, exceptPartner: except }, options.asOf ?? NOW()))
      out.push({ ...present(r), status: 'published', release: r.number });
  }
  if (scope.kind !== 'none') {
    const partners = scope.kind === 'partner' ? (q.partners ?? [scope.partner]).filter((p) => p === scope.partner) : q.partners;
    for (const r of await read.working({ ...q, partners }))
      out.push({ ...present(r), status: r.status, release: r.status === 'published' ? r.releases : null });
  }
  return out;
}

/** The partner-level cells the viewer may read, as asked. */
export function readCells(db: DbOrTrx, viewer: Viewer, options: ReadOptions, q: ReadQuery): Promise<VisibleCell[]> {
  return visibleRows<ReleasedCell, WorkingCell, ReturnType<typeof cellOf>>(
    viewer,
    options,
    q,
    { released: (f, asOf) => queryReleasedCells(db, f, asOf), working: (f) => queryWorkingCells(db, f) },
    cellOf,
  );
}

/** Where a read row stands: its submission's dataset, partner and period. */
type Located = { dataset: string; partner_code: string; period: string };

function cellOf(r: Located & Omit<PartnerCellsTable, 'submission_id'>) {
  return {
    dataset: r.dataset,
    partner: r.partner_code,
    period: r.period,
    variable: r.variable,
    coords: r.coords,
    num: r.value_num,
    code: r.value_code as SpecialCode | null,
    source: r.source,
    units: r.units,
  };
}

/** The stored values (org units' and partners' own) the viewer may read, as asked. */
export function readValues(db: DbOrTrx, viewer: Viewer, options: ReadOptions, q: ReadQuery): Promise<VisibleValue[]> {
  return visibleRows<ReleasedValue, WorkingValue, ReturnType<typeof valueOf>>(
    viewer,
    options,
    q,
    { released: (f, asOf) => queryReleasedValues(db, f, asOf), working: (f) => queryWorkingValues(db, f) },
    valueOf,
  );
}

function valueOf(r: Located & ValueColumns) {
  return {
    dataset: r.dataset,
    partner: r.partner_code,
    period: r.period,
    variable: r.variable,
    orgUnit: r.org_unit,
    coords: r.coords,
    num: r.value_num,
    code: r.value_code as SpecialCode | null,
    obsStatus: r.obs_status,
    comment: r.comment,
    evidence: evidenceLinks(r.evidence_json),
  };
}

/**
 * Recomputes a submission's partner cells from its stored values, in the caller's transaction (a
 * save is visible to the next request). A sum over org units counts only when the partner has
 * declared its org-unit list complete; otherwise it is kept as `partial`, with the units counted.
 */
export async function refreshPartnerCells(
  trx: DbOrTrx,
  catalog: Catalog,
  submission: Pick<SubmissionsTable, 'id' | 'org_units_complete'>,
  values: StoredValue[] | ValueIndex,
): Promise<void> {
  const index = values instanceof ValueIndex ? values : new ValueIndex(values, sumLimitsOf(catalog));
  const cells = index.partnerCells().map((c) => ({
    submission_id: submission.id,
    variable: c.variable,
    coords: c.coords,
    value_num: c.num,
    value_code: c.code,
    source: c.source === 'org_units' && !submission.org_units_complete ? ('partial' as const) : c.source,
    units: c.units,
  }));
  await replacePartnerCells(trx, submission.id, cells);
}

/** Makes the next release of a submission being published (its values and cells as they are now). */
export async function makeRelease(
  trx: Trx,
  submission: Pick<SubmissionsTable, 'id' | 'dataset' | 'partner_code' | 'period' | 'releases' | 'org_units_complete'>,
  publishedBy: string,
  at: string,
): Promise<number> {
  const number = submission.releases + 1;
  await insertRelease(trx, {
    id: randomUUID(),
    submission_id: submission.id,
    dataset: submission.dataset,
    partner_code: submission.partner_code,
    period: submission.period,
    number,
    published_at: at,
    published_by: publishedBy,
    reason: number > 1 ? await latestReopenReason(trx, submission.id) : null,
    org_units_complete: submission.org_units_complete,
  });
  return number;
}

/**
 * Brings a database from before the read model up to date (run at every start; a no-op once
 * done): partner cells for submissions without them, a first release for published submissions
 * without one (dated by their publication).
 */
export async function backfillReadModel(db: Db, actor: Actor, catalog: Catalog): Promise<{ cells: number; releases: number }> {
  let cells = 0;
  let releases = 0;
  for (const s of await submissionsWithoutCells(db)) {
    await db.transaction().execute(async (trx) => {
      await refreshPartnerCells(trx, catalog, s, toStored(await listValues(trx, s.id)));
    });
    cells += 1;
  }
  for (const s of await publishedWithoutRelease(db)) {
    await db.transaction().execute((trx) => makeRelease(trx, s, actor.label, s.published_at ?? NOW()));
    releases += 1;
  }
  // Audited like every change public answers rest on, so that their ETag moves (freshness.ts).
  if (cells + releases > 0)
    await db.transaction().execute((trx) =>
      appendAuditEntry(trx, actor, {
        action: 'read_model.backfill',
        entityType: 'read_model',
        entityId: 'statistics',
        after: { cells, releases },
      }),
    );
  return { cells, releases };
}

/**
 * The latest publication: how many releases are public and when the last was made, and when the
 * next scheduled one becomes public (null: none), after which this answer is out of date.
 */
export async function latestChange(db: DbOrTrx): Promise<{ releases: number; publishedAt: string | null; nextScheduled: string | null }> {
  const now = NOW();
  const release = await latestRelease(db, now);
  return { releases: release.count, publishedAt: release.at, nextScheduled: await nextScheduledRelease(db, now) };
}

/** When the figures of these datasets (and partners) were last published, as of `asOf` (or now); null when never. */
export function lastPublication(
  db: DbOrTrx,
  q: { datasets: string[]; partners?: string[] },
  options: ReadOptions = {},
): Promise<string | null> {
  return latestReleaseOf(db, q, options.asOf ?? NOW());
}

/** The releases of one submission and, per release after the first, every value it revised (old → new). */
export async function revisionHistory(db: DbOrTrx, catalog: Catalog, key: SubmissionKey): Promise<RevisionHistory> {
  await checkKey(db, catalog, key);
  const submission = await findSubmission(db, key.dataset, key.partner, key.period);
  const releases = submission ? await listReleases(db, submission.id) : [];
  const revisions: RevisionHistory['revisions'] = [];
  let previous = new Map<string, ReleaseValuesTable>();
  for (const release of releases) {
    const current = new Map((await listReleaseValues(db, release.id)).map((v) => [`${v.variable}|${v.org_unit}|${v.coords}`, v]));
    if (release.number > 1) {
      for (const k of [...new Set([...previous.keys(), ...current.keys()])].sort()) {
        const before = previous.get(k);
        const after = current.get(k);
        const old = before ? (before.value_num ?? before.value_code) : null;
        const value = after ? (after.value_num ?? after.value_code) : null;
        if (old === value && (before?.obs_status ?? null) === (after?.obs_status ?? null)) continue;
        const cell = (after ?? before)!;
        revisions.push({
          release: release.number,
          publishedAt: release.published_at,
          reason: release.reason,
          variable: cell.variable,
          orgUnit: cell.org_unit || null,
          coords: { ...parseCoordsKey(cell.coords) },
          old,
          new: value,
        });
      }
    }
    previous = current;
  }
  return {
    dataset: key.dataset,
    partner: key.partner,
    period: key.period,
    releases: releases.map((r) => ({ number: r.number, publishedAt: r.published_at, publishedBy: r.published_by, reason: r.reason })),
    revisions,
  };
}
