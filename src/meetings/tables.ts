// Row types of the meetings capability's tables; they join the platform's Database type below
// (module augmentation), so a capability's tables are declared inside its own folder.

export interface MeetingsTable {
  id: string;
  title: string;
  kind: 'ministerial' | 'senior_officials' | 'expert';
  format: 'videoconference' | 'in_person' | 'hybrid';
  host: string | null;
  starts_at: string;
  ends_at: string;
  time_zone: string;
  location: string | null;
  video_url: string | null;
  status: 'planned' | 'confirmed' | 'held' | 'cancelled';
  visibility: 'public' | 'participants';
  description: string | null;
  conclusions: string | null;
  follow_up_plan: string | null;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface MeetingSessionsTable {
  id: string;
  meeting_id: string;
  title: string;
  starts_at: string;
  ends_at: string;
  position: number;
}

export interface AgendaItemsTable {
  id: string;
  meeting_id: string;
  session_id: string;
  position: number;
  title: string;
  description: string | null;
  topics_json: string;
  lead: string | null;
  presenters_json: string;
  duration_minutes: number | null;
}

export interface DelegationsTable {
  id: string;
  meeting_id: string;
  partner_code: string | null;
  institution: string | null;
  head_name: string | null;
  head_function: string | null;
  invitation: 'invited' | 'accepted' | 'declined' | 'represented';
  represented_by: string | null;
  replied_at: string | null;
  replied_by: string | null;
  position: number;
}

export interface DelegationMembersTable {
  id: string;
  delegation_id: string;
  name: string;
  function: string | null;
  email: string | null;
}

export interface MeetingDocumentsTable {
  id: string;
  meeting_id: string;
  item_id: string | null;
  title: string;
  access: 'public' | 'participants' | 'commission';
  created_at: string;
}

export interface DocumentVersionsTable {
  document_id: string;
  version: number;
  file_id: string;
  uploaded_at: string;
  uploaded_by: string;
}

export interface MeetingDecisionsTable {
  id: string;
  meeting_id: string;
  item_id: string | null;
  text: string;
  position: number;
}

declare module '../platform/db/tables.js' {
  interface Database {
    meetings: MeetingsTable;
    meeting_sessions: MeetingSessionsTable;
    agenda_items: AgendaItemsTable;
    delegations: DelegationsTable;
    delegation_members: DelegationMembersTable;
    meeting_documents: MeetingDocumentsTable;
    document_versions: DocumentVersionsTable;
    meeting_decisions: MeetingDecisionsTable;
  }
}
