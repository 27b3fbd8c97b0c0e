// Case-level import: checks who imports for which partner, resolves the mapping, lets DuckDB count
// the cases, and lands the counts as draft values of justice.annual — per court and as partner
// totals — through the normal submission path (one transaction, audited, validated). Each run is
// recorded with its progress, its result and the first rejected rows.
import { clientMessage } from '../platform/client-message.js';
import { stringify } from 'csv-stringify/sync';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Actor } from '../platform/audit/actor.js';
import { appendAuditEntry } from '../platform/audit/audit.service.js';
import type { Db } from '../platform/db/database.js';
import { events } from '../platform/events.js';
import { enqueueJob } from '../platform/jobs/jobs.service.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.js';
import { findPartner, listOrgUnits } from '../platform/partners/partners.service.js';
import type { Catalog } from '../statistics/catalog.js';
import { applyValueBatches } from '../statistics/value-entry.service.js';
import type { CheckedValue } from '../statistics/value-input.js';
import { coordsKey, type StoredValue } from '../statistics/values.js';
import { canEdit, canRead, type Viewer } from '../platform/viewer.js';
import { countCases, type CaseCount, type CaseCountResult } from './case-counts.js';
import { findMapping, findRun, insertRun, listRuns, updateRun, upsertMapping, type RunSummary } from './justice.repository.js';
import type { CaseImportView } from './case-imports.schema.js';
import type { CaseImportRunsTable } from './tables.js';
import { DEFAULT_MAPPING, parseMapping, type CaseMapping } from './mapping.js';

export const DATASET = 'justice.annual';
const COUNT_VARIABLES = ['pending_start', 'incoming', 'resolved', 'pending_end', 'pending_over_2y'] as const;

export interface CaseImportRequest {
  partner: string;
  file: string;
  fileName: string;
  format: 'csv' | 'parquet';
  years?: number[];
  /** A mapping given with this import (the CLI's --mapping); otherwise the partner's stored mapping, or none. */
  mappingYaml?: string;
}

export interface CaseImportResult {
  rows: number;
  imported: number;
  rejected: number;
  rejectedByReason: CaseCountResult['rejectedByReason'];
  years: string[];
  submissions: { period: string; created: number; changed: number; unchanged: number; removed: number }[];
}

export function formatOfFile(name: string): 'csv' | 'parquet' {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.parquet')) return 'parquet';
  throw new ValidationError(`file: "${name}" is neither .csv nor .parquet.`, { field: 'file' });
}

async function resolveMapping(db: Db, catalog: Catalog, partner: string, yaml: string | undefined): Promise<CaseMapping> {
  if (yaml !== undefined) return parseMapping(yaml, 'mapping', catalog);
  const stored = await findMapping(db, partner);
  return stored ? parseMapping(stored.yaml, `mapping of ${partner}`, catalog) : DEFAULT_MAPPING;
}

/** Court cells (court × category × instance) and partner totals (summed over courts) for one year. */
export function valuesForYear(counts: CaseCount[], year: number): CheckedValue[] {
  const out: CheckedValue[] = [];
  const totals = new Map<string, Record<string, number>>();
  for (const c of counts.filter((x) => x.year === year)) {
    const coords = coordsKey({ case_category: c.category, instance: c.instance });
    const total = totals.get(coords) ?? Object.fromEntries(COUNT_VARIABLES.map((v) => [v, 0]));
    for (const v of COUNT_VARIABLES) {
      out.push({ variable: `cases.${v}`, orgUnit: c.court, coords, num: c[v], code: null, comment: null, obsStatus: null, remove: false });
      total[v] = total[v]! + c[v];
    }
    totals.set(coords, total);
  }
  for (const [coords, total] of totals) {
    for (const v of COUNT_VARIABLES)
      out.push({ variable: `cases.${v}`, orgUnit: '', coords, num: total[v]!, code: null, comment: null, obsStatus: null, remove: false });
  }
  return out;
}

/** The kind of the platform job that runs a case import uploaded over HTTP. */
export const CASE_IMPORT_JOB = 'justice.case-import';

/** This process as a worker: host and process id, so that a later start can tell a dead worker's runs. */
export function thisWorker(): string {
  return `${hostname()}:${process.pid}`;
}

/** What the case-import job is given: the run, who started it, and the request with its uploaded file. */
export interface CaseImportJob {
  id: string;
  actor: Actor;
  request: CaseImportRequest;
  /** The temporary folder of the uploaded file, removed when the job ends. */
  uploadDir: string;
}

/**
 * Checks the request and records a new run. With `upload` (an HTTP upload in a temporary folder) the
 * run is queued as a job of the platform queue in the same transaction; without, the caller (the
 * CLI) runs it at once in this process.
 */
export async function createCaseImport(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  req: CaseImportRequest,
  upload?: { dir: string },
): Promise<string> {
  if (!(await findPartner(db, req.partner)))
    throw new ValidationError(`partner: "${req.partner}" is not a known partner code.`, { field: 'partner' });
  if (!canEdit(viewer, req.partner)) throw new ForbiddenError(`You cannot import cases for ${req.partner}.`);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await insertRun(trx, {
      id,
      partner_code: req.partner,
      file_name: req.fileName.slice(0, 200),
      status: 'running',
      phase: upload ? 'queued' : 'starting',
      progress: 0,
      started_at: new Date().toISOString(),
      finished_at: null,
      message: null,
      result_json: null,
      rejected_csv: null,
      created_by: actor.label,
      worker: upload ? null : thisWorker(),
      upload_dir: upload?.dir ?? null,
    });
    await appendAuditEntry(trx, actor, {
      action: 'case_import.start',
      entityType: 'case_import',
      entityId: id,
      after: { partner: req.partner, file: req.fileName, years: req.years ?? null },
    });
    if (upload)
      await enqueueJob(trx, { kind: CASE_IMPORT_JOB, payload: { id, actor, request: req, uploadDir: upload.dir } satisfies CaseImportJob });
  });
  if (upload) await events.emit('jobs.queued', { kind: CASE_IMPORT_JOB });
  return id;
}

/**
 * Lands the counts of every year as draft values, in one transaction and in bulk (one statement for
 * every changed cell, each submission validated once after all are written); cells an earlier
 * import made that the file no longer yields go.
 */
async function landCounts(
  db: Db,
  catalog: Catalog,
  actor: Actor,
  partner: string,
  counted: CaseCountResult,
): Promise<CaseImportResult['submissions']> {
  const batches = counted.years.map((year) => ({
    key: { dataset: DATASET, partner, period: String(year) },
    values: valuesForYear(counted.counts, year),
    removeUnlisted: (v: StoredValue) => v.variable.startsWith('cases.'),
  }));
  const results = await db.transaction().execute((trx) => applyValueBatches(trx, catalog, actor, batches));
  return results.map((r, i) => ({
    period: batches[i]!.key.period,
    created: r.created,
    changed: r.changed,
    unchanged: r.unchanged,
    removed: r.removed,
  }));
}

/** Runs an import recorded by createCaseImport; records success or failure on the run and returns the result. */
export async function runCaseImport(db: Db, catalog: Catalog, actor: Actor, id: string, req: CaseImportRequest): Promise<CaseImportResult> {
  const progress = (phase: string, value: number) => updateRun(db, id, { phase, progress: value }).catch(() => {});
  try {
    const mapping = await resolveMapping(db, catalog, req.partner, req.mappingYaml);
    const courts = (await listOrgUnits(db, req.partner)).filter((u) => u.kind === 'court').map((u) => u.code);
    const counted = await countCases({
      file: req.file,
      format: req.format,
      mapping,
      courts,
      years: req.years,
      categories: catalog.dimensions.get('case_category')!.codes.map((c) => c.code),
      instances: catalog.dimensions.get('instance')!.codes.map((c) => c.code),
      onPhase: (phase, value) => void progress(phase, value),
    });
    if (counted.imported === 0) {
      throw new ValidationError(
        `No case could be imported: all ${counted.rows} row(s) were rejected (${
          Object.entries(counted.rejectedByReason)
            .map(([r, n]) => `${r} ${n}`)
            .join(', ') || 'empty file'
        }).`,
        counted.rejectedByReason,
      );
    }
    await progress('saving', 0.8);
    const submissions = await landCounts(db, catalog, actor, req.partner, counted);
    const result: CaseImportResult = {
      rows: counted.rows,
      imported: counted.imported,
      rejected: counted.rejected,
      rejectedByReason: counted.rejectedByReason,
      years: counted.years.map(String),
      submissions,
    };
    const rejectedCsv = stringify(counted.rejectedSample, {
      header: true,
      columns: ['line', 'reason', 'case_id', 'court', 'case_type', 'instance', 'filed_on', 'closed_on'],
    });
    await db.transaction().execute(async (trx) => {
      await updateRun(trx, id, {
        status: 'completed',
        phase: 'done',
        progress: 1,
        finished_at: new Date().toISOString(),
        result_json: JSON.stringify(result),
        rejected_csv: rejectedCsv,
      });
      await appendAuditEntry(trx, actor, {
        action: 'case_import.complete',
        entityType: 'case_import',
        entityId: id,
        after: { partner: req.partner, file: req.fileName, ...result },
      });
    });
    return result;
  } catch (err) {
    // The run's message is read by the partner: no paths or library internals (the log has the error).
    const message = err instanceof ValidationError ? err.message : clientMessage(err);
    await db.transaction().execute(async (trx) => {
      await updateRun(trx, id, { status: 'failed', phase: 'failed', finished_at: new Date().toISOString(), message });
      await appendAuditEntry(trx, actor, {
        action: 'case_import.fail',
        entityType: 'case_import',
        entityId: id,
        after: { partner: req.partner, file: req.fileName, message },
      });
    });
    throw err;
  }
}

export function presentRun(run: RunSummary): CaseImportView {
  const r: Partial<CaseImportResult> = run.result_json ? JSON.parse(run.result_json) : {};
  return {
    id: run.id,
    partner: run.partner_code,
    fileName: run.file_name,
    status: run.status,
    phase: run.phase,
    progress: run.progress,
    startedAt: run.started_at,
    finishedAt: run.finished_at,
    message: run.message,
    rows: r.rows ?? 0,
    imported: r.imported ?? 0,
    rejected: r.rejected ?? 0,
    rejectedByReason: (r.rejectedByReason ?? {}) as Record<string, number>,
    years: r.years ?? [],
    submissions: r.submissions ?? [],
  };
}

/** A run as the viewer may see it: the partner's coordinators, reviewers, the Commission and admins. */
export async function getRun(db: Db, viewer: Viewer, id: string): Promise<CaseImportRunsTable> {
  const run = await findRun(db, id);
  if (!run || !canRead(viewer, run.partner_code, 'draft')) throw new NotFoundError('Case import', id);
  return run;
}

export async function listCaseImports(db: Db, viewer: Viewer, partner: string | undefined): Promise<CaseImportView[]> {
  const own = viewer.kind === 'user' && viewer.role === 'coordinator' ? (viewer.partner ?? '') : partner;
  return (await listRuns(db, own)).map(presentRun);
}

export async function getMapping(
  db: Db,
  viewer: Viewer,
  partner: string,
): Promise<{ partner: string; yaml: string | null; updatedAt: string | null }> {
  if (!canRead(viewer, partner, 'draft')) throw new ForbiddenError(`You cannot read the mapping of ${partner}.`);
  const m = await findMapping(db, partner);
  return { partner, yaml: m?.yaml ?? null, updatedAt: m?.updated_at ?? null };
}

/** Saves a partner's mapping after checking it against the catalogue; audited. */
export async function saveMapping(db: Db, catalog: Catalog, viewer: Viewer, actor: Actor, partner: string, yaml: string) {
  if (!(await findPartner(db, partner)))
    throw new ValidationError(`partner: "${partner}" is not a known partner code.`, { field: 'partner' });
  if (!canEdit(viewer, partner)) throw new ForbiddenError(`You cannot change the mapping of ${partner}.`);
  parseMapping(yaml, 'mapping', catalog);
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const before = await findMapping(trx, partner);
    await upsertMapping(trx, { partner_code: partner, yaml, updated_at: now, updated_by: actor.label });
    await appendAuditEntry(trx, actor, {
      action: 'case_mapping.save',
      entityType: 'case_mapping',
      entityId: partner,
      before: before ? { yaml: before.yaml } : undefined,
      after: { yaml },
    });
  });
  return { partner, yaml, updatedAt: now };
}

/** One case-import run (undefined when there is none). */
export { findRun } from './justice.repository.js';
