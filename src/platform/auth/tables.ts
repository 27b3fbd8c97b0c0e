// Row types of the sign-in tables (migration 20261206T0100_sign_in), joined to the platform's
// Database by module augmentation.

/** An account's identity at an OpenID Connect provider: the subject (`sub`) its issuer (`iss`) names. */
export interface UserIdentitiesTable {
  id: string;
  user_id: string;
  /** The provider's id (OIDC_PROVIDERS) it was linked through. */
  provider: string;
  issuer: string;
  subject: string;
  /** The e-mail address the provider gave when the identity was linked. */
  email: string | null;
  linked_at: string;
  last_sign_in_at: string | null;
}

/** A user's TOTP secret: pending (enabled_at null) until a first code confirms it. */
export interface UserTotpTable {
  user_id: string;
  /** AES-256-GCM, keyed from SESSION_SECRET (totp.ts); never shown again after enrolment. */
  secret_enc: string;
  created_at: string;
  enabled_at: string | null;
  /** The last 30-second step a code was accepted for: a code is never accepted twice. */
  last_used_step: number | null;
}

export interface UserRecoveryCodesTable {
  id: string;
  user_id: string;
  /** SHA-256 of the user id and the normalised code (80 random bits). */
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/** The half-way state after a right password: it grants nothing but the second-factor step. */
export interface LoginChallengesTable {
  /** SHA-256 of the secret in the jha_pending cookie. */
  id: string;
  user_id: string;
  /** `totp`: a code is asked; `enrol`: the account must first set up a second factor. */
  purpose: 'totp' | 'enrol';
  created_at: string;
  expires_at: string;
  ip: string | null;
}

declare module '../db/tables.js' {
  interface Database {
    user_identities: UserIdentitiesTable;
    user_totp: UserTotpTable;
    user_recovery_codes: UserRecoveryCodesTable;
    login_challenges: LoginChallengesTable;
  }
}
