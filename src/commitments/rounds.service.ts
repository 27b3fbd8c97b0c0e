// Reporting rounds: the Commission opens a round for a plan (one draft report per committed
// partner), insiders and each partner's coordinators follow its reports' state (a coordinator
// sees other partners' only once published), and the Commission publishes the assessed reports.
// Also the round's rows for the CSV/XLSX export and the printable report.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../platform/audit/actor.js';
import { appendAuditEntry } from '../platform/audit/audit.service.js';
import type { Db, Trx } from '../platform/db/database.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.js';
import { notify } from '../platform/notifications/notifications.service.js';
import type { Viewer } from '../platform/viewer.js';
import { isCalendarDate } from './plan-file.js';
import { findPlan, listCommitments } from './plans.repository.js';
import { canManageRounds, canReadAssessment, canReadReport } from './progress.js';
import {
  insertEntries,
  insertReport,
  insertRound,
  listEntries,
  listEvidence,
  listReports,
  listRounds,
  updateRound,
} from './progress.repository.js';
import type { RoundInput, RoundView } from './progress.schema.js';
import { reportLink, roundOrThrow, summariseRounds } from './progress.service.js';
import type { CommitmentsTable } from './tables.js';

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

/**
 * Rounds the viewer may see: all for signed-in users, published ones for the public. Each report's
 * state shows as far as `canSeeReportState` allows: a coordinator sees another partner's report in
 * an open round as `not_published`, without counts or timestamps.
 */
export async function listVisibleRounds(db: Db, viewer: Viewer, plan?: string): Promise<RoundView[]> {
  const rounds = await listRounds(db, { plan, status: viewer.kind === 'public' ? 'published' : undefined });
  return summariseRounds(db, viewer, rounds);
}

/** One round as `listVisibleRounds` shows it; 404 for the public until it is published. */
export async function getRound(db: Db, viewer: Viewer, id: string): Promise<RoundView> {
  const round = await roundOrThrow(db, id);
  if (viewer.kind === 'public' && round.status !== 'published') throw new NotFoundError('Reporting round', id);
  return (await summariseRounds(db, viewer, [round]))[0]!;
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
      await openReport(trx, { id, planTitle: plan.title, input, now }, partner, commitments);
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

/** Tells the partner's coordinators of the new round and gives the partner a draft report with one empty entry per commitment. */
async function openReport(
  trx: Trx,
  round: { id: string; planTitle: string; input: RoundInput; now: string },
  partner: string,
  commitments: CommitmentsTable[],
): Promise<void> {
  const { id, planTitle, input, now } = round;
  const reportId = randomUUID();
  await notify(
    trx,
    { roles: ['coordinator'], partners: [partner] },
    {
      kind: 'commitments.round_opened',
      texts: {
        title: 'commitments.round_opened.title',
        body: 'commitments.round_opened.body',
        params: {
          plan: planTitle,
          round: input.title.trim(),
          from: input.periodStart,
          to: input.periodEnd,
          partner,
          dueDate: input.dueDate,
        },
      },
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

/** The refusal of a publication before the due date that was not asked for explicitly. */
export function earlyPublicationMessage(title: string, dueDate: string): string {
  return `The round "${title}" is due on ${dueDate}: partners may still report until then. To publish it before the due date, confirm the early publication.`;
}

/**
 * Publishes the round's assessed reports. Refused while a submitted report still awaits its
 * assessment; reports the partner never submitted are published as "not reported". Until the due
 * date has passed, partners may still report, so publishing then must be asked for explicitly
 * (`early`): one click must not cut the partners' time short.
 */
export async function publishRound(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  roundId: string,
  version: number,
  options: { early?: boolean; today?: string } = {},
): Promise<RoundView> {
  if (!canManageRounds(viewer)) throw new ForbiddenError('Only the Commission publishes reporting rounds.');
  const round = await roundOrThrow(db, roundId);
  if (round.status === 'published') throw new ConflictError(`The round "${round.title}" is already published.`);
  const reports = await listReports(db, [roundId]);
  const waiting = reports.filter((r) => r.status === 'submitted').map((r) => r.partner_code);
  if (waiting.length > 0)
    throw new ConflictError(`Assess every submitted report before publishing; still waiting: ${waiting.join(', ')}.`, { waiting });
  if (!reports.some((r) => r.status === 'assessed'))
    throw new ConflictError('No report of this round has been assessed yet; there is nothing to publish.');
  // The due date is the partners' last day to report: it has passed only the day after.
  const early = round.due_date >= (options.today ?? new Date().toISOString().slice(0, 10));
  if (early && options.early !== true)
    throw new ConflictError(earlyPublicationMessage(round.title, round.due_date), { dueDate: round.due_date });
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
        texts: { title: 'commitments.round_published.title', body: 'commitments.round_published.body', params: { round: round.title } },
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
        ...(early ? { early: true, dueDate: round.due_date } : {}),
        assessed: reports.filter((r) => r.status === 'assessed').map((r) => r.partner_code),
        notReported: reports.filter((r) => r.status !== 'assessed').map((r) => r.partner_code),
      },
    });
  });
  return getRound(db, viewer, roundId);
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
