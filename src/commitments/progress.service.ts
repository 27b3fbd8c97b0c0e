// What the rounds, reports and evidence services share: a round or a report found or a 404, the
// summary of rounds with their reports' state, the check that a partner's report may change now,
// and the link a notification gives to a report. The routes call those services, not this file.
import type { Db } from '../platform/db/database.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../platform/errors.js';
import type { Viewer } from '../platform/viewer.js';
import { findPlan } from './plans.repository.js';
import { canReport, canSeeReportState, editableByPartner, NOT_PUBLISHED } from './progress.js';
import { findReport, findRound, listEntries, listReports, type EntryRow } from './progress.repository.js';
import type { ReportSummary, RoundView } from './progress.schema.js';
import type { ProgressReportsTable, ProgressRoundsTable } from './tables.js';

/** The web app's page of a partner's report in a round (the link of its notifications). */
export function reportLink(roundId: string, partner: string): string {
  return `/commitments/rounds/${roundId}/reports/${partner}`;
}

export async function roundOrThrow(db: Db, id: string): Promise<ProgressRoundsTable> {
  const round = await findRound(db, id);
  if (!round) throw new NotFoundError('Reporting round', id);
  return round;
}

/** What a viewer who may not see the report's state learns of it: the partner and its number of commitments (the plan's, public). */
function hiddenSummary(partner: string, commitments: number): ReportSummary {
  return { partner, status: NOT_PUBLISHED, version: null, submittedAt: null, commitments, reported: null, assessed: null };
}

/**
 * The rounds as the API shows them to the viewer, each with its plan's title and every partner's
 * report: its state where the viewer may see it (`canSeeReportState`), else `not_published`.
 */
export async function summariseRounds(db: Db, viewer: Viewer, rounds: ProgressRoundsTable[]): Promise<RoundView[]> {
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
        if (!canSeeReportState(viewer, r.partner_code, round.status)) return hiddenSummary(r.partner_code, mine.length);
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

export async function reportOrThrow(
  db: Db,
  roundId: string,
  partner: string,
): Promise<{ round: ProgressRoundsTable; report: ProgressReportsTable }> {
  const round = await roundOrThrow(db, roundId);
  const report = await findReport(db, roundId, partner);
  if (!report) throw new NotFoundError('Progress report', `${partner} in round ${roundId}`);
  return { round, report };
}

/** Checks that the viewer may change the partner's report now; returns it. */
export async function editableReport(db: Db, viewer: Viewer, roundId: string, partner: string) {
  if (!canReport(viewer, partner)) throw new ForbiddenError(`Only ${partner}'s coordinators report for ${partner}.`);
  const found = await reportOrThrow(db, roundId, partner);
  if (found.round.status !== 'open')
    throw new ConflictError(`The round "${found.round.title}" is published; its reports can no longer change.`);
  if (!editableByPartner(found.report.status))
    throw new ConflictError(`The report of ${partner} is ${found.report.status}; it can be changed again only if a reviewer returns it.`);
  return found;
}

export function commitmentIndex(entries: EntryRow[]): Map<string, EntryRow> {
  return new Map(entries.map((e) => [e.commitment_id, e]));
}
