// Row types of the rule-of-law capability's tables; they join the platform's Database type below
// (module augmentation), so a capability's tables are declared inside its own folder.
import type { PublicationStatus } from '../platform/viewer.js';

/** One emergency measure of a partner that limited a right or a procedure (see measures.schema.ts for the fields). */
export interface EmergencyMeasuresTable {
  id: string;
  partner_code: string;
  title: string;
  /** What it limited, in words. */
  limited: string;
  /** The closed list of measures.ts (movement, assembly, …). */
  category: string;
  legal_basis: string;
  adopted_by: string;
  start_date: string;
  end_date: string | null;
  /** A JSON array of dates (YYYY-MM-DD), in order. */
  review_dates_json: string;
  /** 1 when the measure had a sunset clause. */
  sunset_clause: number;
  sunset_date: string | null;
  parliamentary_review: string;
  parliamentary_comment: string | null;
  judicial_review: string;
  judicial_comment: string | null;
  /** A JSON array of http(s) URLs. */
  sources_json: string;
  comment: string | null;
  status: PublicationStatus;
  /** The reviewer's comment of the last return (cleared on the next submission). */
  return_comment: string | null;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  submitted_at: string | null;
  published_at: string | null;
}

declare module '../platform/db/tables.js' {
  interface Database {
    emergency_measures: EmergencyMeasuresTable;
  }
}
