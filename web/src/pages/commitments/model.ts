// Shapes of the commitments API (plans, rounds, reports, read models), the queries the pages share,
// the status and assessment scales with their colours, and the paths of pages and endpoints.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, type User } from '../../platform/api';
import { formatBytes } from '../../platform/format';

export type PlanKind = 'action_plan' | 'roadmap' | 'recommendations' | 'meeting_conclusions';
export const PLAN_KINDS: readonly PlanKind[] = ['action_plan', 'roadmap', 'recommendations', 'meeting_conclusions'];
/** Plans whose actions the Commission adds in the web UI. */
export const EDITABLE_KINDS: readonly string[] = ['recommendations', 'meeting_conclusions'];

export const STATUSES = ['not_started', 'in_progress', 'completed', 'delayed', 'cancelled'] as const;
export type ProgressStatus = (typeof STATUSES)[number];
/** Worst to best; the position is the heat map's score (0–4). */
export const ASSESSMENTS = ['no_progress', 'limited_progress', 'some_progress', 'significant_progress', 'fully_implemented'] as const;
export type Assessment = (typeof ASSESSMENTS)[number];
export type ReportStatus = 'draft' | 'submitted' | 'returned' | 'assessed';
/** A report's status in a round's summary: `not_published` while another partner's report state is not visible to the viewer. */
export type ShownReportStatus = ReportStatus | 'not_published';
export type RoundStatus = 'open' | 'published';

/** Statuses that need an explanation in the narrative before the report can be submitted. */
export const NEEDS_NARRATIVE: readonly string[] = ['delayed', 'cancelled'];
/** The server's upload limit for evidence files. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.pptx,.odt,.ods,.csv,.txt';

export const ASSESSMENT_COLORS: Record<Assessment, string> = {
  no_progress: '#c92a2a',
  limited_progress: '#f08c00',
  some_progress: '#fcc419',
  significant_progress: '#74b816',
  fully_implemented: '#2b8a3e',
};
/** Mantine colours of the same scale, for badges. */
export const ASSESSMENT_BADGE: Record<Assessment, string> = {
  no_progress: 'red',
  limited_progress: 'orange',
  some_progress: 'yellow',
  significant_progress: 'lime',
  fully_implemented: 'green',
};
export const NOT_ASSESSED_COLOR = '#ced4da';
export const STATUS_BADGE: Record<ProgressStatus, string> = {
  not_started: 'gray',
  in_progress: 'blue',
  completed: 'green',
  delayed: 'orange',
  cancelled: 'dark',
};
export const REPORT_BADGE: Record<ShownReportStatus, string> = {
  draft: 'gray',
  submitted: 'violet',
  returned: 'orange',
  assessed: 'green',
  not_published: 'gray',
};

export interface PlanSummary {
  code: string;
  kind: PlanKind;
  title: string;
  objectives: number;
  actions: number;
  commitments: number;
}
export interface PlanAction {
  code: string;
  title: string;
  description: string | null;
  paraphrase: boolean;
  partners: string[];
  institutions: string | null;
  start: string | null;
  deadline: string | null;
  indicators: string[];
}
export interface PlanObjective {
  code: string;
  title: string;
  paraphrase?: boolean;
  actions: PlanAction[];
}
export interface Plan {
  code: string;
  kind: PlanKind;
  title: string;
  periodStart: string | null;
  periodEnd: string | null;
  source: string | null;
  objectives: PlanObjective[];
}

export interface HeatCell {
  partner: string;
  objective: string;
  commitments: number;
  assessed: number;
  score: number | null;
  level: Assessment | null;
}
export interface Heatmap {
  plan: string;
  objectives: { code: string; title: string }[];
  partners: string[];
  cells: HeatCell[];
}

export interface Latest {
  status: ProgressStatus | null;
  statusRound: string | null;
  assessment: Assessment | null;
  assessmentRound: string | null;
  assessmentComment: string | null;
}
export interface CommitmentView {
  id: string;
  partner: string;
  plan: string;
  planTitle: string;
  planKind: PlanKind;
  objective: string;
  objectiveTitle: string;
  action: string;
  actionTitle: string;
  paraphrase: boolean;
  start: string | null;
  deadline: string | null;
  daysToDeadline: number | null;
  overdue: boolean;
  indicators: string[];
  latest: Latest;
}
export interface HistoryRow {
  round: string;
  roundTitle: string;
  periodEnd: string;
  partner: string;
  status: ProgressStatus | null;
  narrative: string | null;
  assessment: Assessment | null;
  assessmentComment: string | null;
}
export interface ActionIndicator {
  code: string;
  label: string;
  unit: string;
  decimals: number;
  polarity: string;
  partners: { partner: string; period: string | null; value: number | null }[];
  region: { period: string; value: number | null; median: number | null } | null;
}
export interface ActionDetail {
  plan: string;
  planTitle: string;
  objective: string;
  objectiveTitle: string;
  action: string;
  title: string;
  paraphrase: boolean;
  deadline: string | null;
  commitments: CommitmentView[];
  history: HistoryRow[];
  indicators: ActionIndicator[];
}
export interface OverdueReport {
  round: string;
  roundTitle: string;
  plan: string;
  partner: string;
  dueDate: string;
  daysLate: number;
  status: ReportStatus;
}

/**
 * The state of a partner's report in a round. Until the round is published, a coordinator sees
 * other partners' reports as `not_published`, with null version, counts and timestamps.
 */
export interface ReportSummary {
  partner: string;
  status: ShownReportStatus;
  version: number | null;
  submittedAt: string | null;
  commitments: number;
  reported: number | null;
  assessed: number | null;
}
export interface Round {
  id: string;
  plan: string;
  planTitle: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  status: RoundStatus;
  version: number;
  openedAt: string;
  publishedAt: string | null;
  reports: ReportSummary[];
}
export interface Evidence {
  id: string;
  title: string;
  url: string | null;
  file: { name: string; mediaType: string; size: number } | null;
  addedAt: string;
  addedBy: string;
}
export interface Entry {
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
  evidence: Evidence[];
}
export interface Report {
  round: Round;
  partner: string;
  status: ReportStatus;
  version: number;
  submittedAt: string | null;
  submittedBy: string | null;
  returnComment: string | null;
  entries: Entry[];
  can: { edit: boolean; submit: boolean; assess: boolean; return: boolean };
}

const enc = encodeURIComponent;

/** Addresses of the commitments pages. */
export const pages = {
  home: '/commitments',
  plan: (code: string) => `/commitments/plans/${enc(code)}`,
  action: (plan: string, action: string) => `/commitments/plans/${enc(plan)}/actions/${enc(action)}`,
  partner: (partner: string) => `/commitments/partners/${enc(partner)}`,
  overdue: '/commitments/overdue',
  round: (id: string) => `/commitments/rounds/${enc(id)}`,
  report: (id: string, partner: string) => `/commitments/rounds/${enc(id)}/reports/${enc(partner)}`,
};

/** API paths (without /api/v1). */
export const paths = {
  report: (id: string, partner: string) => `/rounds/${enc(id)}/reports/${enc(partner)}`,
};

export function usePlans() {
  return useQuery({ queryKey: ['plans'], queryFn: () => api<{ plans: PlanSummary[] }>('GET', '/plans'), staleTime: 60_000 });
}

export function usePlan(code: string) {
  return useQuery({ queryKey: ['plan', code], queryFn: () => api<Plan>('GET', `/plans/${enc(code)}`) });
}

export function useHeatmap(code: string) {
  return useQuery({ queryKey: ['plan-heatmap', code], queryFn: () => api<Heatmap>('GET', `/plans/${enc(code)}/heatmap`) });
}

/** Rounds visible to the viewer (all when signed in, published ones otherwise), of one plan or of all. */
export function useRounds(plan?: string) {
  return useQuery({
    queryKey: plan ? ['plan-rounds', plan] : ['rounds'],
    queryFn: () => api<{ rounds: Round[] }>('GET', plan ? `/plans/${enc(plan)}/rounds` : '/rounds'),
  });
}

export function useRound(id: string) {
  return useQuery({ queryKey: ['round', id], queryFn: () => api<Round>('GET', `/rounds/${enc(id)}`) });
}

export function reportKey(id: string, partner: string) {
  return ['report', id, partner] as const;
}

export function useReport(id: string, partner: string) {
  return useQuery({ queryKey: reportKey(id, partner), queryFn: () => api<Report>('GET', paths.report(id, partner)) });
}

const COMMITMENT_QUERIES = new Set([
  'plans',
  'plan',
  'plan-heatmap',
  'plan-rounds',
  'rounds',
  'round',
  'report',
  'action',
  'partner-commitments',
  'overdue',
]);

/** Marks every commitments query stale after a change (rounds, reports and the read models all move together). */
export function refreshCommitments(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ predicate: (q) => COMMITMENT_QUERIES.has(String(q.queryKey[0])) });
}

/** Commission users and admins open rounds, publish them and add recommendations. */
export function canManage(user: User | null): boolean {
  return user !== null && (user.role === 'commission' || user.role === 'admin');
}

/**
 * Whether the viewer may open a partner's report (the server's rule, to avoid links that end in a
 * refusal): Commission, reviewers and admins always, a coordinator their own partner's, everyone an
 * assessed report of a published round.
 */
export function canOpenReport(user: User | null, round: Round, report: ReportSummary): boolean {
  if (user && user.role !== 'coordinator') return true;
  if (user?.partner === report.partner) return true;
  return round.status === 'published' && report.status === 'assessed';
}

/** The partner a rule-of-law plan is for, from its code suffix (`rol_recommendations_al` → AL). */
export function partnerOfPlan(code: string): string | null {
  const match = /_([a-z]{2})$/i.exec(code);
  return match ? match[1]!.toUpperCase() : null;
}

/** Refuses a file over the server's upload limit before sending it (the server would refuse it too): throws the `tooLarge` text. */
export function checkSize(file: File, tooLarge: (values: { name: string; size: string; limit: string }) => string): void {
  if (file.size > MAX_UPLOAD_BYTES)
    throw new Error(tooLarge({ name: file.name, size: formatBytes(file.size), limit: formatBytes(MAX_UPLOAD_BYTES) }));
}
