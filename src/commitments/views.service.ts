// Read models over plans and progress: the heat map of a plan (partners × objectives, coloured by
// the latest assessment), a partner's commitments with deadlines, the overdue list, one action's
// history across rounds with its linked indicators. Each shows only what the viewer may read.
import type { Db } from '../platform/db/database.js';
import { NotFoundError } from '../platform/errors.js';
import { partnerOrder } from '../platform/partners/partners.service.js';
import type { Catalog } from '../statistics/catalog.js';
import { indicatorValues } from '../statistics/indicators.service.js';
import { comparePeriods } from '../statistics/periods.js';
import type { Viewer } from '../platform/viewer.js';
import type { PlanKind } from './plan-file.js';
import { findPlan, listObjectives } from './plans.repository.js';
import {
  ASSESSMENTS,
  assessmentScore,
  canReadAssessment,
  canReadReport,
  canSeeReportState,
  daysUntil,
  isOverdue,
  reminderStage,
  type Assessment,
  type ProgressStatus,
} from './progress.js';
import {
  listCommitmentDetails,
  listEntries,
  listReports,
  listRounds,
  type CommitmentDetailRow,
  type EntryRow,
} from './progress.repository.js';
import type { ActionDetail, ActionIndicator, CommitmentView, HeatCell, Heatmap, Latest, Overdue, OverdueReport } from './views.schema.js';

/** Whether the partner's reported status in this entry counts for the viewer (submitted, and readable). */
function statusVisible(viewer: Viewer, e: EntryRow): boolean {
  return (
    e.status !== null &&
    e.report_status !== 'draft' &&
    e.report_status !== 'returned' &&
    canReadReport(viewer, e.partner_code, e.round_status, e.report_status)
  );
}

function assessmentVisible(viewer: Viewer, e: EntryRow): boolean {
  return (
    e.assessment !== null &&
    canReadReport(viewer, e.partner_code, e.round_status, e.report_status) &&
    canReadAssessment(viewer, e.round_status)
  );
}

/** The latest visible status and assessment per commitment (entries come ordered oldest round first). */
export function latestByCommitment(viewer: Viewer, entries: EntryRow[]): Map<string, Latest> {
  const out = new Map<string, Latest>();
  for (const e of entries) {
    const cur = out.get(e.commitment_id) ?? {
      status: null,
      statusRound: null,
      assessment: null,
      assessmentRound: null,
      assessmentComment: null,
    };
    if (statusVisible(viewer, e)) Object.assign(cur, { status: e.status, statusRound: e.round_title });
    if (assessmentVisible(viewer, e))
      Object.assign(cur, { assessment: e.assessment, assessmentRound: e.round_title, assessmentComment: e.assessment_comment });
    out.set(e.commitment_id, cur);
  }
  return out;
}

export async function planHeatmap(db: Db, viewer: Viewer, planCode: string): Promise<Heatmap> {
  if (!(await findPlan(db, planCode))) throw new NotFoundError('Plan', planCode);
  const objectives = (await listObjectives(db, planCode)).map((o) => ({ code: o.code, title: o.title, paraphrase: o.paraphrase === 1 }));
  const commitments = await listCommitmentDetails(db, { plan: planCode });
  const latest = latestByCommitment(viewer, await listEntries(db, { plan: planCode }));
  const partners = [...new Set(commitments.map((c) => c.partner_code))].sort(await partnerOrder(db));
  const cells: HeatCell[] = [];
  for (const partner of partners) {
    for (const o of objectives) {
      const mine = commitments.filter((c) => c.partner_code === partner && c.objective_code === o.code);
      if (mine.length === 0) continue;
      const scores = mine.map((c) => assessmentScore(latest.get(c.id)?.assessment ?? null)).filter((s): s is number => s !== null);
      const score = scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100 : null;
      cells.push({
        partner,
        objective: o.code,
        commitments: mine.length,
        assessed: scores.length,
        score,
        level: score === null ? null : ASSESSMENTS[Math.round(score)]!,
      });
    }
  }
  return { plan: planCode, objectives, partners, cells };
}

function commitmentView(c: CommitmentDetailRow, latest: Latest | undefined, today: string): CommitmentView {
  const l = latest ?? { status: null, statusRound: null, assessment: null, assessmentRound: null, assessmentComment: null };
  return {
    id: c.id,
    partner: c.partner_code,
    plan: c.plan_code,
    planTitle: c.plan_title,
    planKind: c.plan_kind as PlanKind,
    objective: c.objective_code,
    objectiveTitle: c.objective_title,
    action: c.action_code,
    actionTitle: c.action_title,
    paraphrase: c.action_paraphrase === 1,
    start: c.start_date,
    deadline: c.deadline,
    daysToDeadline: c.deadline ? daysUntil(c.deadline, today) : null,
    overdue: isOverdue(c.deadline, today, l.status, l.assessment),
    indicators: JSON.parse(c.indicators_json) as string[],
    latest: l,
  };
}

/** An entry as it stood at an instant: a status saved or an assessment made later was not known yet. */
function asItStood(e: EntryRow, at: string): EntryRow {
  const saved = e.updated_at <= at;
  const assessed = e.assessed_at !== null && e.assessed_at <= at;
  return {
    ...e,
    status: saved ? e.status : null,
    narrative: saved ? e.narrative : null,
    assessment: assessed ? e.assessment : null,
    assessment_comment: assessed ? e.assessment_comment : null,
  };
}

/**
 * A partner's commitments, overdue as of the day `today`. With `knownBy` (an instant), only what
 * was reported and assessed by then counts: the commitments as they stood then (a briefing book).
 */
export async function partnerCommitments(
  db: Db,
  viewer: Viewer,
  partner: string,
  today = new Date().toISOString().slice(0, 10),
  knownBy?: string,
): Promise<CommitmentView[]> {
  const commitments = await listCommitmentDetails(db, { partner });
  const entries = await listEntries(db, { commitmentIds: commitments.map((c) => c.id) });
  const latest = latestByCommitment(viewer, knownBy === undefined ? entries : entries.map((e) => asItStood(e, knownBy)));
  return commitments
    .map((c) => commitmentView(c, latest.get(c.id), today))
    .sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') || a.plan.localeCompare(b.plan));
}

/**
 * Commitments past their deadline and, for signed-in users, progress reports past their round's
 * due date: those whose state the viewer may see (a coordinator, only their own partner's, since
 * being late tells that the report is not submitted).
 */
export async function overdueList(
  db: Db,
  viewer: Viewer,
  filter: { partner?: string } = {},
  today = new Date().toISOString().slice(0, 10),
): Promise<Overdue> {
  const commitments = await listCommitmentDetails(db, { partner: filter.partner });
  const latest = latestByCommitment(viewer, await listEntries(db, { commitmentIds: commitments.map((c) => c.id) }));
  const overdue = commitments
    .map((c) => commitmentView(c, latest.get(c.id), today))
    .filter((c) => c.overdue)
    .sort((a, b) => (a.deadline ?? '').localeCompare(b.deadline ?? '') || a.partner.localeCompare(b.partner));
  const reports: OverdueReport[] = [];
  if (viewer.kind !== 'public') {
    const rounds = await listRounds(db, { status: 'open' });
    for (const r of await listReports(
      db,
      rounds.map((x) => x.id),
    )) {
      const round = rounds.find((x) => x.id === r.round_id)!;
      if (filter.partner && r.partner_code !== filter.partner) continue;
      if (!canSeeReportState(viewer, r.partner_code, round.status)) continue;
      if (reminderStage(round.due_date, today, r.status) !== 'overdue') continue;
      reports.push({
        round: round.id,
        roundTitle: round.title,
        plan: round.plan_code,
        partner: r.partner_code,
        dueDate: round.due_date,
        daysLate: -daysUntil(round.due_date, today),
        status: r.status,
      });
    }
  }
  return { commitments: overdue, reports };
}

/** One action across rounds: each partner's reports and assessments as far as the viewer may read them, and the linked indicators' latest values. */
export async function actionDetail(
  db: Db,
  catalog: Catalog,
  viewer: Viewer,
  planCode: string,
  actionCode: string,
  today = new Date().toISOString().slice(0, 10),
): Promise<ActionDetail> {
  const commitments = await listCommitmentDetails(db, { plan: planCode, action: actionCode });
  const first = commitments[0];
  if (!first) throw new NotFoundError('Action', `${planCode} ${actionCode}`);
  const entries = await listEntries(db, { plan: planCode, action: actionCode });
  const latest = latestByCommitment(viewer, entries);
  const history = entries
    .filter((e) => statusVisible(viewer, e) || assessmentVisible(viewer, e))
    .map((e) => ({
      round: e.round_id,
      roundTitle: e.round_title,
      periodEnd: e.period_end,
      partner: e.partner_code,
      status: statusVisible(viewer, e) ? (e.status as ProgressStatus) : null,
      narrative: statusVisible(viewer, e) ? e.narrative : null,
      assessment: assessmentVisible(viewer, e) ? (e.assessment as Assessment) : null,
      assessmentComment: assessmentVisible(viewer, e) ? e.assessment_comment : null,
    }));
  const partners = commitments.map((c) => c.partner_code).sort(await partnerOrder(db));
  const indicators: ActionIndicator[] = [];
  for (const code of JSON.parse(first.indicators_json) as string[]) {
    if (!catalog.indicators.has(code)) continue;
    const answer = await indicatorValues(db, catalog, viewer, { code });
    const lastOf = (partner: string) =>
      answer.values
        .filter((v) => v.partner === partner && v.orgUnit === null && v.value !== null)
        .sort((a, b) => comparePeriods(b.period, a.period))[0];
    const region = answer.region.filter((r) => r.value !== null || r.median !== null).sort((a, b) => comparePeriods(b.period, a.period))[0];
    indicators.push({
      code,
      label: answer.indicator.label,
      unit: answer.indicator.unit,
      decimals: answer.indicator.decimals,
      polarity: answer.indicator.polarity,
      partners: partners.map((p) => {
        const v = lastOf(p);
        return { partner: p, period: v?.period ?? null, value: v?.value ?? null };
      }),
      region: region ? { period: region.period, value: region.value, median: region.median } : null,
    });
  }
  return {
    plan: planCode,
    planTitle: first.plan_title,
    objective: first.objective_code,
    objectiveTitle: first.objective_title,
    action: actionCode,
    title: first.action_title,
    paraphrase: first.action_paraphrase === 1,
    deadline: first.deadline,
    commitments: commitments.map((c) => commitmentView(c, latest.get(c.id), today)),
    history,
    indicators,
  };
}
