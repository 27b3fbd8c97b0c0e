// Row type of invitations (migration 20261206T0100_sign_in), joined to the platform's Database by
// module augmentation.
import type { Role } from '../db/tables.js';

export interface InvitationsTable {
  id: string;
  /** SHA-256 of the token in the link; the token itself is only in the e-mail. */
  token_hash: string;
  email: string;
  name: string;
  role: Role;
  partner_code: string | null;
  /** Reviewers: the domains they will review, as a JSON list; null for every domain. */
  domains_json: string | null;
  /** The inviting user (null: the CLI). */
  created_by: string | null;
  created_by_label: string;
  created_at: string;
  expires_at: string;
  emailed_at: string | null;
  used_at: string | null;
  /** The account the invitation made. */
  user_id: string | null;
  revoked_at: string | null;
}

declare module '../db/tables.js' {
  interface Database {
    invitations: InvitationsTable;
  }
}
