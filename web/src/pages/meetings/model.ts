// Shapes of the meetings API, the queries the meetings pages share, and the paths of pages and
// endpoints. Dates and times in a meeting's time zone are in time.ts.
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, apiText, type User } from '../../platform/api';

export { formatClock, formatDate, formatDay, formatRange, isoToZonedLocal, knownTimeZones, zonedToIso } from './time';

export const KINDS = ['ministerial', 'senior_officials', 'expert'] as const;
export const FORMATS = ['videoconference', 'in_person', 'hybrid'] as const;
export const STATUSES = ['planned', 'confirmed', 'held', 'cancelled'] as const;
export const VISIBILITIES = ['public', 'participants'] as const;
export const ACCESS = ['public', 'participants', 'commission'] as const;
export const INVITATIONS = ['invited', 'accepted', 'declined', 'represented'] as const;
export type MeetingKind = (typeof KINDS)[number];
export type MeetingFormat = (typeof FORMATS)[number];
export type MeetingStatus = (typeof STATUSES)[number];
export type Visibility = (typeof VISIBILITIES)[number];
export type Access = (typeof ACCESS)[number];
export type Invitation = (typeof INVITATIONS)[number];
export type Reply = Exclude<Invitation, 'invited'>;

/** Domains an agenda item may be linked to (the catalogue's, plus commitments and meetings). */
export const DOMAINS = ['justice', 'migration', 'home_affairs', 'commitments', 'meetings'] as const;
/** File types the server accepts for meeting documents (it judges the type from the content). */
export const DOCUMENT_ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.pptx,.odt,.ods,.csv,.txt';

export const STATUS_BADGE: Record<MeetingStatus, string> = { planned: 'gray', confirmed: 'blue', held: 'green', cancelled: 'red' };
export const INVITATION_BADGE: Record<Invitation, string> = { invited: 'gray', accepted: 'green', declined: 'red', represented: 'blue' };
export const ACCESS_BADGE: Record<Access, string> = { public: 'green', participants: 'orange', commission: 'red' };

export interface MeetingSummary {
  id: string;
  title: string;
  kind: MeetingKind;
  format: MeetingFormat;
  status: MeetingStatus;
  visibility: Visibility;
  host: string | null;
  start: string;
  end: string;
  timeZone: string;
  sessions: number;
  agenda_items: number;
}
export interface Topics {
  domains: string[];
  indicators: string[];
  plans: string[];
}
export interface AgendaItem {
  id: string;
  position: number;
  title: string;
  description: string | null;
  topics: Topics;
  lead: string | null;
  presenters: string[];
  durationMinutes: number | null;
}
export interface Session {
  id: string;
  title: string;
  start: string;
  end: string;
  items: AgendaItem[];
}
export interface Member {
  id: string;
  name: string;
  function: string | null;
  email: string | null;
}
export interface Delegation {
  id: string;
  partner: string | null;
  institution: string | null;
  name: string;
  headName: string | null;
  headFunction: string | null;
  invitation: Invitation;
  representedBy: string | null;
  repliedAt: string | null;
  repliedBy: string | null;
  members: Member[];
}
export interface DocumentVersion {
  version: number;
  name: string;
  mediaType: string;
  size: number;
  uploadedAt: string;
  uploadedBy: string;
}
export interface MeetingDocument {
  id: string;
  itemId: string | null;
  title: string;
  access: Access;
  versions: DocumentVersion[];
}
export interface Decision {
  id: string;
  itemId: string | null;
  text: string;
}
export interface FollowUp {
  action: string;
  title: string;
  partners: string[];
  deadline: string | null;
}
export interface Meeting {
  id: string;
  title: string;
  kind: MeetingKind;
  format: MeetingFormat;
  host: string | null;
  start: string;
  end: string;
  timeZone: string;
  location: string | null;
  videoUrl: string | null;
  status: MeetingStatus;
  visibility: Visibility;
  description: string | null;
  version: number;
  conclusions: string | null;
  followUpPlan: string | null;
  sessions: Session[];
  delegations: Delegation[];
  documents: MeetingDocument[];
  decisions: Decision[];
  followUps: FollowUp[];
  can: { edit: boolean; participate: boolean; reply: string[] };
}
export interface Participant {
  delegation: string;
  name: string;
  function: string | null;
  role: 'head' | 'member' | 'representative';
}

export interface BriefingIndicator {
  code: string;
  label: string;
  unit: string;
  trend: { period: string; value: number | null }[];
  latest: { period: string; value: number | null } | null;
  region: { period: string; value: number | null; median: number | null } | null;
  /** Not as of the book: the partner's latest figure published since, when newer than `latest`. */
  sinceThen: { period: string; value: number | null } | null;
}
export interface BriefingCommitment {
  plan: string;
  planTitle: string;
  action: string;
  title: string;
  deadline: string | null;
  status: string | null;
  assessment: string | null;
  overdue: boolean;
}
export interface Briefing {
  meeting: Pick<Meeting, 'id' | 'title' | 'start' | 'end' | 'timeZone' | 'format' | 'host'>;
  partner: string | null;
  /** The figures and reports as published and known at this instant (the meeting's start, or now). */
  asOf: string;
  /** asOf's day in the meeting's time zone: periods that ended before it, deadlines judged on it. */
  asOfDate: string;
  /** The meeting has begun: `sinceThen` may hold newer figures. */
  past: boolean;
  items: {
    session: string;
    item: AgendaItem;
    indicators: BriefingIndicator[];
    commitments: BriefingCommitment[];
    documents: { id: string; title: string }[];
  }[];
}

const enc = encodeURIComponent;

/** Addresses of the meetings pages. */
export const pages = {
  list: '/meetings',
  meeting: (id: string) => `/meetings/${enc(id)}`,
  briefing: (id: string, partner: string) => `/meetings/${enc(id)}/briefing/${enc(partner)}`,
};

/** API paths for `api()` (without /api/v1). */
export const paths = {
  meeting: (id: string) => `/meetings/${enc(id)}`,
};

/** Addresses the browser opens itself (links, downloads): with /api/v1. */
export const links = {
  document: (id: string, document: string, version?: number) =>
    `/api/v1/meetings/${enc(id)}/documents/${enc(document)}/file${version ? `?version=${version}` : ''}`,
  agenda: (id: string) => `/api/v1/meetings/${enc(id)}/agenda.html`,
  ics: (id: string) => `/api/v1/meetings/${enc(id)}/invitation.ics`,
  briefing: (id: string, partner: string) => `/api/v1/meetings/${enc(id)}/briefing.html?partner=${enc(partner)}`,
};

export const meetingKey = (id: string) => ['meeting', id] as const;

export function useMeetings() {
  return useQuery({ queryKey: ['meetings'], queryFn: () => api<{ meetings: MeetingSummary[] }>('GET', '/meetings') });
}

export function useMeeting(id: string) {
  return useQuery({ queryKey: meetingKey(id), queryFn: () => api<Meeting>('GET', paths.meeting(id)) });
}

/** The participants list; `version` keys it to the meeting it was read with, so that it follows every change. */
export function useParticipants(id: string, version: number) {
  return useQuery({
    queryKey: ['meeting-participants', id, version],
    queryFn: () => api<{ participants: Participant[] }>('GET', `${paths.meeting(id)}/participants`),
    placeholderData: (previous) => previous,
  });
}

/** The generated announcement (plain text), following the meeting's version like the participants. */
export function useAnnouncement(id: string, version: number) {
  return useQuery({
    queryKey: ['meeting-announcement', id, version],
    queryFn: () => apiText(`${paths.meeting(id)}/announcement`),
    placeholderData: (previous) => previous,
  });
}

export function useBriefing(id: string, partner: string) {
  return useQuery({
    queryKey: ['meeting-briefing', id, partner],
    queryFn: () => api<Briefing>('GET', `${paths.meeting(id)}/briefing?partner=${enc(partner)}`),
  });
}

/** Takes a meeting the server answered after a change into the cache, and marks the list stale. */
export function applyMeeting(client: QueryClient, meeting: Meeting): void {
  client.setQueryData(meetingKey(meeting.id), meeting);
  void client.invalidateQueries({ queryKey: ['meetings'] });
  void client.invalidateQueries({ queryKey: ['meeting-briefing', meeting.id] });
}

export function useApplyMeeting(): (meeting: Meeting) => void {
  const client = useQueryClient();
  return (meeting) => applyMeeting(client, meeting);
}

/** The Commission and admins organise meetings (the server decides; this only avoids forms that end in a refusal). */
export function canOrganise(user: User | null): boolean {
  return user !== null && (user.role === 'commission' || user.role === 'admin');
}

/** Every agenda item of the meeting, with its session, in agenda order. */
export function agendaItems(meeting: Meeting): { session: Session; item: AgendaItem }[] {
  return meeting.sessions.flatMap((session) => session.items.map((item) => ({ session, item })));
}
