// Progress reporting rounds: the Commission opens a round for a plan, each partner's coordinator
// reports per commitment (status, narrative, evidence) and submits, reviewers assess each
// commitment, and the Commission publishes. Every change is versioned (stale → 409) and audited.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../platform/audit/actor.js';
import { appendAuditEntry } from '../platform/audit/audit.service.js';
import type { Db } from '../platform/db/database.js';
import type { ProgressReportsTable, ProgressRoundsTable } from './tables.js';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.js';
import { checkUpload } from '../platform/files/file-check.js';
import { findFile, insertFile } from '../platform/files/files.service.js';
import { notify } from '../platform/notifications/notifications.service.js';
import type { Viewer } from '../platform/viewer.js';
import { isCalendarDate } from './plan-file.js';
import { findPlan, listCommitments, listObjectives } from './plans.repository.js';
import {
  ASSESSMENTS,
  canAssess,
  canManageRounds,
  canReadAssessment,
  canReadReport,
  canReport,
  daysUntil,
  editableByPartner,
  reminderStage,
  STATUSES,
  type Assessment,
  type ProgressStatus,
} from './progress.js';
import {
  deleteEvidence,
  findEvidence,
  findReport,
  findRound,
  insertEntries,
  insertEvidence,
  insertReport,
  insertRound,
  listEntries,
  listEvidence,
  listReports,
  listRounds,
  updateEntry,
  updateReport,
  updateRound,
  type EntryRow,
} from './progress.repository.js';

export const NARRATIVE_LIMIT = 10_000;

export interface RoundInput {
  title: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
}

export interface ReportSummary {
  partner: string;
  status: ProgressReportsTable['status'];
  version: number;
  submittedAt: string | null;
  commitments: number;
  reported: number;
  assessed: number;
}

export interface RoundView {
  id: string;
  plan: string;
  planTitle: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  status: ProgressRoundsTable['status'];
  version: number;
  openedAt: string;
  publishedAt: string | null;
  reports: ReportSummary[];
}

function reportLink(roundId: string, partner: string): string {
  return `/commitments/rounds/${roundId}/reports/${partner}`;
}

function checkRoundInput(input: RoundInput): void {
  if (input.title.trim() === '')
    throw new ValidationError('title: give the round a title, e.g. "Progress report 2026 H1".', { field: 'title' });
  for (const field of ['periodStart', 'periodEnd', 'dueDate'] as const) {
    if (!isCalendarDate(input[field])) throw new ValidationError(`${field}: "${input[field]}" is not a date (YYYY-MM-DD).`, { field });
  }
  if (input.periodEnd < input.periodStart)
    throw new ValidationError('periodEnd: the reporting period ends before it starts.', { field: 'periodEnd' });
  if (input.dueDate < input.periodStart)
    throw new ValidationError('dueDate: the due date is before the reporting period starts.', { field: 'dueDate' });
}

async function roundOrThrow(db: Db, id: string): Promise<ProgressRoundsTable> {
  const round = await findRound(db, id);
  if (!round) throw new NotFoundError('Reporting round', id);
  return round;
}

async function summarise(db: Db, rounds: ProgressRoundsTable[]): Promise<RoundView[]> {
  const reports = await listReports(
    db,
    rounds.map((r) => r.id),
  );
  const entries = await listEntries(db, { reportIds: reports.map((r) => r.id) });
  const titles = new Map<string, string>();
  for (const code of new Set(rounds.map((r) => r.plan_code))) titles.set(code, (await findPlan(db, code))?.title ?? code);
  return rounds.map((round) => ({
    id: round.id,
    plan: round.plan_code,
    planTitle: titles.get(round.plan_code) ?? round.plan_code,
    title: round.title,
    periodStart: round.period_start,
    periodEnd: round.period_end,
    dueDate: round.due_date,
    status: round.status,
    version: round.version,
    openedAt: round.opened_at,
    publishedAt: round.published_at,
    reports: reports
      .filter((r) => r.round_id === round.id)
      .map((r) => {
        const mine = entries.filter((e) => e.report_id === r.id);
        return {
          partner: r.partner_code,
          status: r.status,
          version: r.version,
          submittedAt: r.submitted_at,
          commitments: mine.length,
          reported: mine.filter((e) => e.status !== null).length,
          assessed: mine.filter((e) => e.assessment !== null).length,
        };
      }),
  }));
}

/** Rounds the viewer may see: all for signed-in users (statuses of reports are not confidential), published ones for the public. */
export async function listVisibleRounds(db: Db, viewer: Viewer, plan?: string): Promise<RoundView[]> {
  const rounds = await listRounds(db, { plan, status: viewer.kind === 'public' ? 'published' : undefined });
  return summarise(db, rounds);
}

export async function getRound(db: Db, viewer: Viewer, id: string): Promise<RoundView> {
  const round = await roundOrThrow(db, id);
  if (viewer.kind === 'public' && round.status !== 'published') throw new NotFoundError('Reporting round', id);
  return (await summarise(db, [round]))[0]!;
}

/** Opens a round: one draft report per committed partner, one empty entry per commitment. */
export async function openRound(db: Db, viewer: Viewer, actor: Actor, planCode: string, input: RoundInput): Promise<RoundView> {
  if (!canManageRounds(viewer)) throw new ForbiddenError('Only the Commission opens reporting rounds.');
  const plan = await findPlan(db, planCode);
  if (!plan) throw new NotFoundError('Plan', planCode);
  checkRoundInput(input);
  const commitments = await listCommitments(db, planCode);
  if (commitments.length === 0) throw new ValidationError(`Plan ${planCode} has no commitments to report on yet.`, { field: 'plan' });
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const open = await listRounds(trx, { plan: planCode, status: 'open' });
    if (open.length > 0)
      throw new ConflictError(`Plan ${planCode} already has an open round ("${open[0]!.title}"); publish it before opening another.`);
    const now = new Date().toISOString();
    await insertRound(trx, {
      id,
      plan_code: planCode,
      title: input.title.trim(),
      period_start: input.periodStart,
      period_end: input.periodEnd,
      due_date: input.dueDate,
      status: 'open',
      version: 1,
      opened_at: now,
      opened_by: actor.label,
      published_at: null,
      published_by: null,
    });
    for (const partner of [...new Set(commitments.map((c) => c.partner_code))].sort()) {
      const reportId = randomUUID();
      await notify(
        trx,
        { roles: ['coordinator'], partners: [partner] },
        {
          kind: 'commitments.round_opened',
          title: `Progress report due ${input.dueDate}: ${plan.title}`,
          body: `The Commission opened the round "${input.title.trim()}" (${input.periodStart} to ${input.periodEnd}). Please report on ${partner}'s commitments by ${input.dueDate}.`,
          link: reportLink(id, partner),
          dedupeKey: `round:${id}:opened:${partner}`,
        },
      );
      await insertReport(trx, {
        id: reportId,
        round_id: id,
        partner_code: partner,
        status: 'draft',
        version: 1,
        submitted_at: null,
        submitted_by: null,
        return_comment: null,
        updated_at: now,
      });
      await insertEntries(
        trx,
        commitments
          .filter((c) => c.partner_code === partner)
          .map((c) => ({
            report_id: reportId,
            commitment_id: c.id,
            status: null,
            narrative: null,
            assessment: null,
            assessment_comment: null,
            assessed_by: null,
            assessed_at: null,
            updated_at: now,
          })),
      );
    }
    await appendAuditEntry(trx, actor, {
      action: 'progress.round.open',
      entityType: 'progress_round',
      entityId: id,
      after: { plan: planCode, ...input },
    });
  });
  return getRound(db, viewer, id);
}

export interface EvidenceView {
  id: string;
  title: string;
  url: string | null;
  file: { name: string; mediaType: string; size: number } | null;
  addedAt: string;
  addedBy: string;
}

export interface EntryView {
  commitment: string;
  objective: string;
  objectiveTitle: string;
  action: string;
  actionTitle: string;
  paraphrase: boolean;
  deadline: string | null;
  status: ProgressStatus | null;
  narrative: string | null;
  assessment: Assessment | null;
  assessmentComment: string | null;
  assessedBy: string | null;
  evidence: EvidenceView[];
}

export interface ReportView {
  round: RoundView;
  partner: string;
  status: ProgressReportsTable['status'];
  version: number;
  submittedAt: string | null;
  submittedBy: string | null;
  returnComment: string | null;
  entries: EntryView[];
  can: { edit: boolean; submit: boolean; assess: boolean; return: boolean };
}

async function reportOrThrow(
  db: Db,
  roundId: string,
  partner: string,
): Promise<{ round: ProgressRoundsTable; report: ProgressReportsTable }> {
  const round = await roundOrThrow(db, roundId);
  const report = await findReport(db, roundId, partner);
  if (!report) throw new NotFoundError('Progress report', `${partner} in round ${roundId}`);
  return { round, report };
}

export async function getReport(db: Db, viewer: Viewer, roundId: string, partner: string): Promise<ReportView> {
  const { round, report } = await reportOrThrow(db, roundId, partner);
  if (!canReadReport(viewer, partner, round.status, report.status)) {
    if (viewer.kind === 'public')
      throw new AppError('not_found', 404, `There is no published progress report of ${partner} in this round.`);
    throw new ForbiddenError(`The report of ${partner} is visible to you once it is assessed and published.`);
  }
  const objectives = new Map((await listObjectives(db, round.plan_code)).map((o) => [o.code, o.title]));
  const entries = await listEntries(db, { reportIds: [report.id] });
  const evidence = await listEvidence(db, [report.id]);
  const showAssessment = canReadAssessment(viewer, round.status);
  const open = round.status === 'open';
  return {
    round: (await summarise(db, [round]))[0]!,
    partner,
    status: report.status,
    version: report.version,
    submittedAt: report.submitted_at,
    submittedBy: report.submitted_by,
    returnComment: report.return_comment,
    entries: entries.map((e) => ({
      commitment: e.commitment_id,
      objective: e.objective_code,
      objectiveTitle: objectives.get(e.objective_code) ?? e.objective_code,
      action: e.action_code,
      actionTitle: e.action_title,
      paraphrase: e.action_paraphrase === 1,
      deadline: e.deadline,
      status: e.status as ProgressStatus | null,
      narrative: e.narrative,
      assessment: showAssessment ? (e.assessment as Assessment | null) : null,
      assessmentComment: showAssessment ? e.assessment_comment : null,
      assessedBy: showAssessment ? e.assessed_by : null,
      evidence: evidence
        .filter((v) => v.commitment_id === e.commitment_id)
        .map((v) => ({
          id: v.id,
          title: v.title,
          url: v.url,
          file: v.file_id ? { name: v.file_name ?? '', mediaType: v.media_type ?? '', size: v.size_bytes ?? 0 } : null,
          addedAt: v.added_at,
          addedBy: v.added_by,
        })),
    })),
    can: {
      edit: open && canReport(viewer, partner) && editableByPartner(report.status),
      submit: open && canReport(viewer, partner) && editableByPartner(report.status),
      assess: open && canAssess(viewer) && (report.status === 'submitted' || report.status === 'assessed'),
      return: open && canAssess(viewer) && (report.status === 'submitted' || report.status === 'assessed'),
    },
  };
}

/** Checks that the viewer may change the partner's report now; returns it. */
async function editableReport(db: Db, viewer: Viewer, roundId: string, partner: string) {
  if (!canReport(viewer, partner)) throw new ForbiddenError(`Only ${partner}'s coordinators report for ${partner}.`);
  const found = await reportOrThrow(db, roundId, partner);
  if (found.round.status !== 'open')
    throw new ConflictError(`The round "${found.round.title}" is published; its reports can no longer change.`);
  if (!editableByPartner(found.report.status))
    throw new ConflictError(`The report of ${partner} is ${found.report.status}; it can be changed again only if a reviewer returns it.`);
  return found;
}

function staleError(partner: string): ConflictError {
  return new ConflictError(
    `The report of ${partner} was changed by someone else since you opened it; reload it and apply your changes again.`,
  );
}

function commitmentIndex(entries: EntryRow[]): Map<string, EntryRow> {
  return new Map(entries.map((e) => [e.commitment_id, e]));
}

export interface EntryInput {
  commitment: string;
  status?: string | null;
  narrative?: string | null;
}

/** Saves the partner's statuses and narratives (all or nothing), given the version that was read. */
export async function saveEntries(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  roundId: string,
  partner: string,
  version: number,
  input: EntryInput[],
): Promise<{ version: number; changed: number }> {
  const { report } = await editableReport(db, viewer, roundId, partner);
  const byId = commitmentIndex(await listEntries(db, { reportIds: [report.id] }));
  const changes: {
    commitment: string;
    action: string;
    before: { status: string | null; narrative: string | null };
    after: { status: string | null; narrative: string | null };
  }[] = [];
  input.forEach((item, i) => {
    const entry = byId.get(item.commitment);
    if (!entry)
      throw new ValidationError(`entries.${i}.commitment: "${item.commitment}" is not a commitment of ${partner} in this round.`, {
        field: `entries.${i}.commitment`,
      });
    if (item.status != null && !(STATUSES as readonly string[]).includes(item.status)) {
      throw new ValidationError(`entries.${i}.status: "${item.status}" is not one of ${STATUSES.join(', ')}.`, {
        field: `entries.${i}.status`,
      });
    }
    if (item.narrative != null && item.narrative.length > NARRATIVE_LIMIT) {
      throw new ValidationError(`entries.${i}.narrative: ${item.narrative.length} characters; the limit is ${NARRATIVE_LIMIT}.`, {
        field: `entries.${i}.narrative`,
      });
    }
    const after = {
      status: item.status === undefined ? entry.status : item.status,
      narrative: item.narrative === undefined ? entry.narrative : item.narrative?.trim() || null,
    };
    if (after.status !== entry.status || after.narrative !== entry.narrative)
      changes.push({
        commitment: entry.commitment_id,
        action: entry.action_code,
        before: { status: entry.status, narrative: entry.narrative },
        after,
      });
  });
  if (changes.length === 0) {
    if (report.version !== version) throw staleError(partner);
    return { version, changed: 0 };
  }
  await db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    if (!(await updateReport(trx, report.id, version, { updated_at: now }))) throw staleError(partner);
    for (const c of changes) await updateEntry(trx, report.id, c.commitment, { ...c.after, updated_at: now });
    await appendAuditEntry(trx, actor, {
      action: 'progress.report.save',
      entityType: 'progress_report',
      entityId: report.id,
      before: changes.map((c) => ({ action: c.action, ...c.before })),
      after: changes.map((c) => ({ action: c.action, ...c.after })),
    });
  });
  return { version: version + 1, changed: changes.length };
}

/** Submits the report: every commitment needs a status, and a delay or cancellation needs an explanation. */
export async function submitReport(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  roundId: string,
  partner: string,
  version: number,
): Promise<{ status: string; version: number }> {
  const { round, report } = await editableReport(db, viewer, roundId, partner);
  const entries = await listEntries(db, { reportIds: [report.id] });
  const problems = entries.flatMap((e) => {
    if (e.status === null) return [{ action: e.action_code, message: 'has no status' }];
    if ((e.status === 'delayed' || e.status === 'cancelled') && !e.narrative)
      return [{ action: e.action_code, message: `is ${e.status} without an explanation in the narrative` }];
    return [];
  });
  if (problems.length > 0) {
    throw new ValidationError(
      `The report cannot be submitted: action ${problems[0]!.action} ${problems[0]!.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}.`,
      { problems },
    );
  }
  await db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    if (
      !(await updateReport(trx, report.id, version, {
        status: 'submitted',
        submitted_at: now,
        submitted_by: actor.label,
        return_comment: null,
        updated_at: now,
      }))
    )
      throw staleError(partner);
    await notify(
      trx,
      { roles: ['reviewer', 'commission'] },
      {
        kind: 'commitments.report_submitted',
        title: `${partner} submitted a progress report`,
        body: `${partner}'s report for "${round.title}" awaits assessment.`,
        link: reportLink(roundId, partner),
        dedupeKey: `round:${roundId}:submitted:${partner}:${version + 1}`,
      },
    );
    await appendAuditEntry(trx, actor, {
      action: 'progress.report.submit',
      entityType: 'progress_report',
      entityId: report.id,
      before: { status: report.status },
      after: { status: 'submitted' },
    });
  });
  return { status: 'submitted', version: version + 1 };
}

async function assessableReport(db: Db, viewer: Viewer, roundId: string, partner: string) {
  if (!canAssess(viewer)) throw new ForbiddenError('Only reviewers and the Commission assess progress.');
  const found = await reportOrThrow(db, roundId, partner);
  if (found.round.status !== 'open')
    throw new ConflictError(`The round "${found.round.title}" is published; its assessments can no longer change.`);
  if (found.report.status !== 'submitted' && found.report.status !== 'assessed')
    throw new ConflictError(`The report of ${partner} is ${found.report.status}; only a submitted report is assessed.`);
  return found;
}

export async function returnReport(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  roundId: string,
  partner: string,
  version: number,
  comment: string,
): Promise<{ status: string; version: number }> {
  const { round, report } = await assessableReport(db, viewer, roundId, partner);
  if (comment.trim() === '') throw new ValidationError('comment: say what the partner should add or correct.', { field: 'comment' });
  await db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    if (!(await updateReport(trx, report.id, version, { status: 'returned', return_comment: comment.trim(), updated_at: now })))
      throw staleError(partner);
    await notify(
      trx,
      { roles: ['coordinator'], partners: [partner] },
      {
        kind: 'commitments.report_returned',
        title: `Your progress report was returned: ${round.title}`,
        body: comment.trim(),
        link: reportLink(roundId, partner),
        dedupeKey: `round:${roundId}:returned:${partner}:${version + 1}`,
      },
    );
    await appendAuditEntry(trx, actor, {
      action: 'progress.report.return',
      entityType: 'progress_report',
      entityId: report.id,
      before: { status: report.status },
      after: { status: 'returned', comment: comment.trim() },
    });
  });
  return { status: 'returned', version: version + 1 };
}

export interface AssessmentInput {
  commitment: string;
  assessment: string | null;
  comment?: string | null;
}

/** Saves reviewers' assessments; the report counts as assessed once every commitment has one. */
export async function saveAssessments(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  roundId: string,
  partner: string,
  version: number,
  input: AssessmentInput[],
): Promise<{ status: string; version: number; changed: number }> {
  const { report } = await assessableReport(db, viewer, roundId, partner);
  const entries = await listEntries(db, { reportIds: [report.id] });
  const byId = commitmentIndex(entries);
  const next = new Map(entries.map((e) => [e.commitment_id, { assessment: e.assessment, comment: e.assessment_comment }]));
  const changes: { commitment: string; action: string; before: unknown; after: { assessment: string | null; comment: string | null } }[] =
    [];
  input.forEach((item, i) => {
    const entry = byId.get(item.commitment);
    if (!entry)
      throw new ValidationError(`assessments.${i}.commitment: "${item.commitment}" is not a commitment of ${partner} in this round.`, {
        field: `assessments.${i}.commitment`,
      });
    if (item.assessment !== null && !(ASSESSMENTS as readonly string[]).includes(item.assessment)) {
      throw new ValidationError(`assessments.${i}.assessment: "${item.assessment}" is not one of ${ASSESSMENTS.join(', ')}.`, {
        field: `assessments.${i}.assessment`,
      });
    }
    if (item.comment != null && item.comment.length > NARRATIVE_LIMIT)
      throw new ValidationError(`assessments.${i}.comment: longer than ${NARRATIVE_LIMIT} characters.`, {
        field: `assessments.${i}.comment`,
      });
    const after = {
      assessment: item.assessment,
      comment: item.comment === undefined ? entry.assessment_comment : item.comment?.trim() || null,
    };
    if (after.assessment !== entry.assessment || after.comment !== entry.assessment_comment) {
      changes.push({
        commitment: entry.commitment_id,
        action: entry.action_code,
        before: { assessment: entry.assessment, comment: entry.assessment_comment },
        after,
      });
      next.set(entry.commitment_id, after);
    }
  });
  const status = [...next.values()].every((v) => v.assessment !== null) ? 'assessed' : 'submitted';
  if (changes.length === 0 && status === report.status) {
    if (report.version !== version) throw staleError(partner);
    return { status, version, changed: 0 };
  }
  await db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    if (!(await updateReport(trx, report.id, version, { status, updated_at: now }))) throw staleError(partner);
    for (const c of changes)
      await updateEntry(trx, report.id, c.commitment, {
        assessment: c.after.assessment,
        assessment_comment: c.after.comment,
        assessed_by: actor.label,
        assessed_at: now,
      });
    await appendAuditEntry(trx, actor, {
      action: 'progress.report.assess',
      entityType: 'progress_report',
      entityId: report.id,
      before: changes.map((c) => ({ action: c.action, ...(c.before as object) })),
      after: { status, assessments: changes.map((c) => ({ action: c.action, ...c.after })) },
    });
  });
  return { status, version: version + 1, changed: changes.length };
}

/**
 * Publishes the round's assessed reports. Refused while a submitted report still awaits its
 * assessment; reports the partner never submitted are published as "not reported".
 */
export async function publishRound(db: Db, viewer: Viewer, actor: Actor, roundId: string, version: number): Promise<RoundView> {
  if (!canManageRounds(viewer)) throw new ForbiddenError('Only the Commission publishes reporting rounds.');
  const round = await roundOrThrow(db, roundId);
  if (round.status === 'published') throw new ConflictError(`The round "${round.title}" is already published.`);
  const reports = await listReports(db, [roundId]);
  const waiting = reports.filter((r) => r.status === 'submitted').map((r) => r.partner_code);
  if (waiting.length > 0)
    throw new ConflictError(`Assess every submitted report before publishing; still waiting: ${waiting.join(', ')}.`, { waiting });
  if (!reports.some((r) => r.status === 'assessed'))
    throw new ConflictError('No report of this round has been assessed yet; there is nothing to publish.');
  await db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    if (!(await updateRound(trx, roundId, version, { status: 'published', published_at: now, published_by: actor.label }))) {
      throw new ConflictError('The round was changed by someone else since you opened it; reload it.');
    }
    await notify(
      trx,
      { roles: ['coordinator'], partners: reports.map((r) => r.partner_code) },
      {
        kind: 'commitments.round_published',
        title: `Assessments published: ${round.title}`,
        body: `The Commission published the assessments of the round "${round.title}".`,
        link: `/commitments/rounds/${roundId}`,
        dedupeKey: `round:${roundId}:published`,
      },
    );
    await appendAuditEntry(trx, actor, {
      action: 'progress.round.publish',
      entityType: 'progress_round',
      entityId: roundId,
      after: {
        status: 'published',
        assessed: reports.filter((r) => r.status === 'assessed').map((r) => r.partner_code),
        notReported: reports.filter((r) => r.status !== 'assessed').map((r) => r.partner_code),
      },
    });
  });
  return getRound(db, viewer, roundId);
}

async function entryForEvidence(db: Db, viewer: Viewer, roundId: string, partner: string, commitment: string) {
  const { report } = await editableReport(db, viewer, roundId, partner);
  const entry = commitmentIndex(await listEntries(db, { reportIds: [report.id] })).get(commitment);
  if (!entry) throw new ValidationError(`"${commitment}" is not a commitment of ${partner} in this round.`, { field: 'commitment' });
  return { report, entry };
}

/** Stores an uploaded file as evidence after checking its type (by content) and size; nothing is stored when a check fails. */
export async function addEvidenceFile(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  roundId: string,
  partner: string,
  commitment: string,
  name: string | undefined,
  content: Buffer,
): Promise<EvidenceView> {
  const { report, entry } = await entryForEvidence(db, viewer, roundId, partner, commitment);
  const file = await checkUpload(name, content);
  const id = randomUUID();
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const stored = await insertFile(trx, file, actor.label);
    await insertEvidence(trx, {
      id,
      report_id: report.id,
      commitment_id: commitment,
      title: file.name,
      url: null,
      file_id: stored.id,
      added_at: now,
      added_by: actor.label,
    });
    await appendAuditEntry(trx, actor, {
      action: 'progress.evidence.add',
      entityType: 'progress_report',
      entityId: report.id,
      after: {
        evidence: id,
        action: entry.action_code,
        file: file.name,
        mediaType: file.mediaType,
        size: content.length,
        sha256: stored.sha256,
      },
    });
  });
  return {
    id,
    title: file.name,
    url: null,
    file: { name: file.name, mediaType: file.mediaType, size: content.length },
    addedAt: now,
    addedBy: actor.label,
  };
}

export async function addEvidenceLink(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  roundId: string,
  partner: string,
  commitment: string,
  url: string,
  title: string | undefined,
): Promise<EvidenceView> {
  const { report, entry } = await entryForEvidence(db, viewer, roundId, partner, commitment);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ValidationError(`url: "${url.slice(0, 100)}" is not a web address.`, { field: 'url' });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new ValidationError(`url: only http and https links are accepted, not ${parsed.protocol}`, { field: 'url' });
  const id = randomUUID();
  const now = new Date().toISOString();
  const label = title?.trim() || parsed.hostname;
  await db.transaction().execute(async (trx) => {
    await insertEvidence(trx, {
      id,
      report_id: report.id,
      commitment_id: commitment,
      title: label,
      url: parsed.href,
      file_id: null,
      added_at: now,
      added_by: actor.label,
    });
    await appendAuditEntry(trx, actor, {
      action: 'progress.evidence.add',
      entityType: 'progress_report',
      entityId: report.id,
      after: { evidence: id, action: entry.action_code, url: parsed.href, title: label },
    });
  });
  return { id, title: label, url: parsed.href, file: null, addedAt: now, addedBy: actor.label };
}

export async function removeEvidence(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  roundId: string,
  partner: string,
  evidenceId: string,
): Promise<void> {
  const { report } = await editableReport(db, viewer, roundId, partner);
  const evidence = await findEvidence(db, evidenceId);
  if (!evidence || evidence.report_id !== report.id) throw new NotFoundError('Evidence', evidenceId);
  await db.transaction().execute(async (trx) => {
    await deleteEvidence(trx, evidenceId);
    await appendAuditEntry(trx, actor, {
      action: 'progress.evidence.remove',
      entityType: 'progress_report',
      entityId: report.id,
      before: evidence,
    });
  });
}

/** The stored file of a piece of evidence, if the viewer may read the report it belongs to. */
export async function evidenceFile(
  db: Db,
  viewer: Viewer,
  evidenceId: string,
): Promise<{ name: string; mediaType: string; content: Buffer }> {
  const evidence = await findEvidence(db, evidenceId);
  if (!evidence?.file_id) throw new NotFoundError('Evidence file', evidenceId);
  const reports = await listEntries(db, { reportIds: [evidence.report_id], commitmentIds: [evidence.commitment_id] });
  const entry = reports[0];
  if (!entry || !canReadReport(viewer, entry.partner_code, entry.round_status, entry.report_status))
    throw new NotFoundError('Evidence file', evidenceId);
  const file = await findFile(db, evidence.file_id);
  if (!file) throw new NotFoundError('Evidence file', evidenceId);
  return { name: file.name, mediaType: file.media_type, content: Buffer.from(file.content) };
}

export interface RoundRow {
  round: string;
  plan: string;
  partner: string;
  report_status: string;
  objective: string;
  action: string;
  action_title: string;
  deadline: string;
  status: string;
  narrative: string;
  evidence: string;
  assessment: string;
  assessment_comment: string;
}

/** One row per commitment of the round, as far as the viewer may read the reports, for CSV and XLSX. */
export async function roundRows(db: Db, viewer: Viewer, roundId: string): Promise<{ round: RoundView; rows: RoundRow[] }> {
  const round = await getRound(db, viewer, roundId);
  const reports = (await listReports(db, [roundId])).filter((r) => canReadReport(viewer, r.partner_code, round.status, r.status));
  const entries = await listEntries(db, { reportIds: reports.map((r) => r.id) });
  const evidence = await listEvidence(
    db,
    reports.map((r) => r.id),
  );
  const showAssessment = canReadAssessment(viewer, round.status);
  return {
    round,
    rows: entries.map((e) => ({
      round: round.title,
      plan: round.plan,
      partner: e.partner_code,
      report_status: e.report_status,
      objective: e.objective_code,
      action: e.action_code,
      action_title: e.action_title,
      deadline: e.deadline ?? '',
      status: e.status ?? '',
      narrative: e.narrative ?? '',
      evidence: evidence
        .filter((v) => v.report_id === e.report_id && v.commitment_id === e.commitment_id)
        .map((v) => v.url ?? v.title)
        .join(' | '),
      assessment: showAssessment ? (e.assessment ?? '') : '',
      assessment_comment: showAssessment ? (e.assessment_comment ?? '') : '',
    })),
  };
}

export interface ReminderSent {
  round: string;
  partner: string;
  stage: 'due_soon' | 'overdue';
  recipients: number;
}

/**
 * Reminds the coordinators of partners whose report of an open round is still with them: once a
 * week before the due date and once when it is overdue. Run by the scheduled job; each reminder is
 * recorded once per round, partner and stage (a second run sends nothing) and audited.
 */
export async function sendRoundReminders(db: Db, actor: Actor, today = new Date().toISOString().slice(0, 10)): Promise<ReminderSent[]> {
  const rounds = await listRounds(db, { status: 'open' });
  const reports = await listReports(
    db,
    rounds.map((r) => r.id),
  );
  const sent: ReminderSent[] = [];
  for (const report of reports) {
    const round = rounds.find((r) => r.id === report.round_id)!;
    const stage = reminderStage(round.due_date, today, report.status);
    if (!stage) continue;
    const days = daysUntil(round.due_date, today);
    await db.transaction().execute(async (trx) => {
      const created = await notify(
        trx,
        { roles: ['coordinator'], partners: [report.partner_code] },
        {
          kind: 'commitments.reminder',
          title:
            stage === 'overdue'
              ? `Progress report overdue: ${round.title}`
              : `Progress report due in ${days} day${days === 1 ? '' : 's'}: ${round.title}`,
          body:
            stage === 'overdue'
              ? `${report.partner_code}'s report for "${round.title}" was due on ${round.due_date} and has not been submitted.`
              : `${report.partner_code}'s report for "${round.title}" is due on ${round.due_date}.`,
          link: reportLink(round.id, report.partner_code),
          dedupeKey: `round:${round.id}:reminder:${report.partner_code}:${stage}`,
        },
      );
      if (created.length === 0) return;
      await appendAuditEntry(trx, actor, {
        action: 'progress.reminder',
        entityType: 'progress_report',
        entityId: report.id,
        after: { stage, dueDate: round.due_date, recipients: created.map((n) => n.user_id) },
      });
      sent.push({ round: round.id, partner: report.partner_code, stage, recipients: created.length });
    });
  }
  return sent;
}
