// A partner's progress report in a round: the coordinator saves statuses and narratives and
// submits; reviewers assess each commitment or return the report with a comment. Every change is
// versioned (a stale version gets 409) and audited.
import type { ProgressReportsTable } from './tables.js';
import type { Actor } from '../platform/audit/actor.js';
import { appendAuditEntry } from '../platform/audit/audit.service.js';
import type { Db } from '../platform/db/database.js';
import { AppError, ConflictError, ForbiddenError, ValidationError } from '../platform/errors.js';
import { notify } from '../platform/notifications/notifications.service.js';
import type { Viewer } from '../platform/viewer.js';
import { listObjectives } from './plans.repository.js';
import {
  canAssess,
  canReadAssessment,
  canReadReport,
  canReport,
  editableByPartner,
  type Assessment,
  type ProgressStatus,
} from './progress.js';
import { listEntries, listEvidence, updateEntry, updateReport } from './progress.repository.js';
import type { AssessmentInput, EntryInput, ReportTransition, ReportView, SavedAssessments, SavedEntries } from './progress.schema.js';
import { commitmentIndex, editableReport, reportLink, reportOrThrow, summariseRounds } from './progress.service.js';

export const NARRATIVE_LIMIT = 10_000;

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
    round: (await summariseRounds(db, viewer, [round]))[0]!,
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

function staleError(partner: string): ConflictError {
  return new ConflictError(
    `The report of ${partner} was changed by someone else since you opened it; reload it and apply your changes again.`,
  );
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
): Promise<SavedEntries> {
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

/**
 * One step of a report's workflow in one transaction: the change on the version read (409 when
 * stale), the notification and the audit entry.
 */
async function moveReport(
  db: Db,
  actor: Actor,
  report: ProgressReportsTable,
  version: number,
  step: {
    changes: Parameters<typeof updateReport>[3];
    recipients: Parameters<typeof notify>[1];
    notice: Parameters<typeof notify>[2];
    audit: { action: string; after: Record<string, unknown> };
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await updateReport(trx, report.id, version, step.changes))) throw staleError(report.partner_code);
    await notify(trx, step.recipients, step.notice);
    await appendAuditEntry(trx, actor, {
      action: step.audit.action,
      entityType: 'progress_report',
      entityId: report.id,
      before: { status: report.status },
      after: step.audit.after,
    });
  });
}

/** Submits the report: every commitment needs a status, and a delay or cancellation needs an explanation. */
export async function submitReport(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  roundId: string,
  partner: string,
  version: number,
): Promise<ReportTransition> {
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
  const now = new Date().toISOString();
  await moveReport(db, actor, report, version, {
    changes: { status: 'submitted', submitted_at: now, submitted_by: actor.label, return_comment: null, updated_at: now },
    recipients: { roles: ['reviewer', 'commission'] },
    notice: {
      kind: 'commitments.report_submitted',
      texts: {
        title: 'commitments.report_submitted.title',
        body: 'commitments.report_submitted.body',
        params: { partner, round: round.title },
      },
      link: reportLink(roundId, partner),
      dedupeKey: `round:${roundId}:submitted:${partner}:${version + 1}`,
    },
    audit: { action: 'progress.report.submit', after: { status: 'submitted' } },
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
): Promise<ReportTransition> {
  const { round, report } = await assessableReport(db, viewer, roundId, partner);
  if (comment.trim() === '') throw new ValidationError('comment: say what the partner should add or correct.', { field: 'comment' });
  const text = comment.trim();
  await moveReport(db, actor, report, version, {
    changes: { status: 'returned', return_comment: text, updated_at: new Date().toISOString() },
    recipients: { roles: ['coordinator'], partners: [partner] },
    notice: {
      kind: 'commitments.report_returned',
      // The body is the reviewer's comment, as written.
      texts: { title: 'commitments.report_returned.title', params: { round: round.title } },
      body: text,
      link: reportLink(roundId, partner),
      dedupeKey: `round:${roundId}:returned:${partner}:${version + 1}`,
    },
    audit: { action: 'progress.report.return', after: { status: 'returned', comment: text } },
  });
  return { status: 'returned', version: version + 1 };
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
): Promise<SavedAssessments> {
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
