// Shapes of the statistics API, the shared queries (catalogue, partners, indicator list, one
// submission) and small pure helpers (cell keys, periods, number input) used by the statistics pages.
import { useQuery } from '@tanstack/react-query';
import { api, type Partner } from '../../platform/api';
import { groupDigits, parseNumber } from '../../platform/format';

export type PeriodType = 'yearly' | 'halfyearly' | 'quarterly' | 'monthly' | 'weekly';
/** not_published: another partner's data before publication, of which a coordinator sees nothing more. */
export type Status = 'not_started' | 'not_published' | 'draft' | 'submitted' | 'returned' | 'approved' | 'published';
export type CellValue = number | 'NA' | 'NAP' | 'NQ' | string | null;
export type Coords = Record<string, string>;

export interface Dimension {
  code: string;
  label: string;
  codes: { code: string; label: string }[];
}
export interface Variable {
  code: string;
  label: string;
  type: 'integer' | 'decimal' | 'percent' | 'code';
  unit: string;
  kind: string;
  dimensions: string[];
  domain: string;
  /** For `type: code`: the answers it takes, with their labels (null otherwise). */
  codeList?: CodeList | null;
}
/** The answers of a coded variable (a code list of the catalogue). */
export interface CodeList {
  code: string;
  codes: { code: string; label: string }[];
}
export interface Dataset {
  code: string;
  label: string;
  periodType: PeriodType;
  partnerLevel: boolean;
  orgUnitKinds: string[];
  variables: string[];
  dueDays: number;
  domain: string;
}
export interface IndicatorDef {
  code: string;
  label: string;
  description: string;
  unit: string;
  decimals: number;
  aggregation: string;
  polarity: string;
  variables: string[];
  datasets: string[];
  domain: string;
}
export interface Catalog {
  dimensions: Dimension[];
  variables: Variable[];
  datasets: Dataset[];
  indicators: IndicatorDef[];
}
export interface OrgUnit {
  code: string;
  name: string;
  kind: string;
  parent: string | null;
}

export interface OverviewRow {
  partner: string;
  name: string;
  status: Status;
  version: number;
  updatedAt: string | null;
  dueDate: string;
  late: boolean;
}

export interface StoredCell {
  variable: string;
  orgUnit: string | null;
  coords: Coords;
  value: CellValue;
  comment: string | null;
  /** SDMX observation status: A normal, B break in series, E estimated, P provisional, M missing; null when none. */
  obsStatus: string | null;
  /** Evidence links (http(s) URLs); [] for none. */
  evidence: string[];
}
export interface Finding {
  key: string;
  ruleCode: string;
  kind: string;
  severity: 'error' | 'warning';
  orgUnit: string | null;
  coords: Coords;
  message: string;
  details: Record<string, unknown> | null;
  comment: { text: string; author: string; at: string } | null;
}
export interface ThreadEvent {
  at: string;
  author: string;
  kind: 'submit' | 'return' | 'approve' | 'publish' | 'reopen' | 'comment';
  body: string;
}
export interface Can {
  edit: boolean;
  submit: boolean;
  return: boolean;
  approve: boolean;
  publish: boolean;
  reopen: boolean;
  comment: boolean;
}
export interface Submission {
  id: string | null;
  dataset: string;
  partner: string;
  period: string;
  status: Status;
  version: number;
  dueDate: string;
  late: boolean;
  updatedAt: string | null;
  /** The partner declared its org-unit list complete for the period: totals may be summed from its org units. */
  orgUnitsComplete: boolean;
  /** How many times it was published (each a release, listed by …/releases). */
  releases: number;
  /** The publication scheduled for this instant (nothing of it is public before); null: none. */
  publishAt: string | null;
  values: StoredCell[];
  findings: Finding[];
  events: ThreadEvent[];
  can: Can;
}
/** Every release of a submission and each value a later release revised (GET …/releases). */
export interface RevisionHistory {
  dataset: string;
  partner: string;
  period: string;
  releases: { number: number; publishedAt: string; publishedBy: string; reason: string | null }[];
  revisions: {
    release: number;
    publishedAt: string;
    reason: string | null;
    variable: string;
    orgUnit: string | null;
    coords: Coords;
    old: number | string | null;
    new: number | string | null;
  }[];
}
export interface SubmissionKey {
  dataset: string;
  partner: string;
  period: string;
}

export const STATUS_COLORS: Record<Status, string> = {
  not_started: 'gray',
  not_published: 'gray',
  draft: 'blue',
  submitted: 'violet',
  returned: 'orange',
  approved: 'teal',
  published: 'green',
};

export function useCatalog() {
  return useQuery({ queryKey: ['catalog'], queryFn: () => api<Catalog>('GET', '/catalog'), staleTime: 10 * 60_000 });
}

export function usePartners() {
  return useQuery({ queryKey: ['partners'], queryFn: () => api<{ partners: Partner[] }>('GET', '/partners'), staleTime: 10 * 60_000 });
}

/** A partner's name by its code; the code itself while the partners load or for an unknown code. */
export function usePartnerName(): (code: string) => string {
  const partners = usePartners();
  return (code) => partners.data?.partners.find((p) => p.code === code)?.name ?? code;
}

/** Compares partner codes by the catalogue's order (the order of GET /partners); unknown codes last, by code. */
export function byCatalogue(partners: readonly Partner[]): (a: string, b: string) => number {
  const position = new Map(partners.map((p, i) => [p.code, i]));
  const at = (code: string) => position.get(code) ?? Number.MAX_SAFE_INTEGER;
  return (a, b) => at(a) - at(b) || a.localeCompare(b);
}

/** byCatalogue over the partners as loaded (by code while they load). */
export function usePartnerOrder(): (a: string, b: string) => number {
  return byCatalogue(usePartners().data?.partners ?? []);
}

export interface IndicatorItem {
  code: string;
  label: string;
  domain: string;
}

/** The catalogue's indicators (code, label, domain), to link them to actions or agenda items and name the links; `enabled: false` waits. */
export function useIndicatorList({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['indicator-list'],
    queryFn: () => api<{ indicators: IndicatorItem[] }>('GET', '/indicators'),
    staleTime: 10 * 60_000,
    enabled,
  });
}

export function submissionPath(key: SubmissionKey): string {
  return `/submissions/${encodeURIComponent(key.dataset)}/${encodeURIComponent(key.partner)}/${encodeURIComponent(key.period)}`;
}

export function submissionQueryKey(key: SubmissionKey) {
  return ['submission', key.dataset, key.partner, key.period] as const;
}

/** Canonical coordinates text: `dim=code` sorted by dimension, joined by `;` ('' is the total). */
export function coordsKey(coords: Coords): string {
  return Object.keys(coords)
    .sort()
    .map((d) => `${d}=${coords[d]}`)
    .join(';');
}

/** Identity of one cell of the form: variable, org unit ('' for the partner) and coordinates. */
export function cellKey(variable: string, orgUnit: string | null, coords: Coords): string {
  return `${variable}|${orgUnit ?? ''}|${coordsKey(coords)}`;
}

export function parseCellKey(key: string): { variable: string; orgUnit: string | null; coords: Coords } {
  const [variable = '', orgUnit = '', coordsText = ''] = key.split('|');
  const coords: Coords = {};
  if (coordsText)
    for (const pair of coordsText.split(';')) {
      const i = pair.indexOf('=');
      coords[pair.slice(0, i)] = pair.slice(i + 1);
    }
  return { variable, orgUnit: orgUnit || null, coords };
}

/** What the user typed, as the API expects it: a number, a special code, the text itself (for the server to explain), or null to remove. */
export function toApiValue(text: string): CellValue {
  const s = text.trim();
  if (s === '') return null;
  // Typed with or without grouping ('30,500' or '30500'), as the field shows it once left.
  const number = parseNumber(s);
  if (number !== null) return number;
  const upper = s.toUpperCase();
  return upper === 'NA' || upper === 'NAP' || upper === 'NQ' ? upper : s;
}

/** A coded variable's answers, or null for a variable that takes numbers. */
export function answersOf(variable: Variable): CodeList | null {
  return variable.type === 'code' && variable.codeList ? variable.codeList : null;
}

/** The label of an answer of a coded variable; the code itself when the list does not have it (a special code: NA, NAP, NQ). */
export function answerLabel(list: CodeList, code: string): string {
  return list.codes.find((c) => c.code === code)?.label ?? code;
}

/** Evidence links as typed (one per line or separated by spaces), without empty entries. */
export function parseLinks(text: string): string[] {
  return text.split(/\s+/).filter((l) => l !== '');
}

/** A stored value as its entry field shows it: numbers grouped in thousands with all their decimals ('30,500', '0.125'). */
export function fromApiValue(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? groupDigits(String(value)) : String(value);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function isoWeek(date: Date): { year: number; week: number } {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return { year: d.getUTCFullYear(), week: Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7) };
}

/** The most recent completed periods of a type, newest first (the first one is the default choice). */
export function recentPeriods(type: PeriodType, count: number, now = new Date()): string[] {
  const out: string[] = [];
  const year = now.getUTCFullYear();
  for (let i = 1; out.length < count; i += 1) {
    if (type === 'yearly') out.push(String(year - i));
    else if (type === 'halfyearly') {
      const h = Math.floor(now.getUTCMonth() / 6) - i;
      out.push(`${year + Math.floor(h / 2)}S${(((h % 2) + 2) % 2) + 1}`);
    } else if (type === 'quarterly') {
      const q = Math.floor(now.getUTCMonth() / 3) - i;
      const y = year + Math.floor(q / 4);
      out.push(`${y}Q${(((q % 4) + 4) % 4) + 1}`);
    } else if (type === 'monthly') {
      const d = new Date(Date.UTC(year, now.getUTCMonth() - i, 1));
      out.push(`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`);
    } else {
      const w = isoWeek(new Date(now.getTime() - i * 7 * 86_400_000));
      out.push(`${w.year}W${pad(w.week)}`);
    }
  }
  return out;
}
