// The platform's own migrations. Each capability lists its migrations in its module; the
// composition root hands the union to the migrator, which applies them in name (timestamp) order.
// Each file is frozen once released; add new ones with a later timestamp.
import type { Migration } from 'kysely';
import * as platform from './20261127T2300_platform.js';
import * as notifications from './20261128T0200_notifications.js';
import * as reviewerDomains from './20261128T0600_reviewer_domains.js';
import * as auditKey from './20261204T0000_audit_key.js';
import * as sessionIdle from './20261205T0000_session_idle.js';
import * as signIn from './20261206T0100_sign_in.js';
import * as emailPreference from './20261207T0000_email_preference.js';
import * as userLanguage from './20261208T0000_user_language.js';
import * as notificationTexts from './20261211T0000_notification_texts.js';

export const platformMigrations: Record<string, Migration> = {
  '20261127T2300_platform': platform,
  '20261128T0200_notifications': notifications,
  '20261128T0600_reviewer_domains': reviewerDomains,
  '20261204T0000_audit_key': auditKey,
  '20261205T0000_session_idle': sessionIdle,
  '20261206T0100_sign_in': signIn,
  '20261207T0000_email_preference': emailPreference,
  '20261208T0000_user_language': userLanguage,
  '20261211T0000_notification_texts': notificationTexts,
};
