// The ordered list of migrations. Each file is frozen once released; add new ones at the end.
import type { Migration } from 'kysely';
import * as platform from './20261127T2300_platform.js';
import * as statistics from './20261127T2330_statistics.js';
import * as justice from './20261128T0000_justice.js';
import * as commitments from './20261128T0100_commitments.js';
import * as notifications from './20261128T0200_notifications.js';
import * as progress from './20261128T0300_progress.js';
import * as migration from './20261128T0400_migration.js';
import * as meetings from './20261128T0500_meetings.js';
import * as reviewerDomains from './20261128T0600_reviewer_domains.js';

export const migrations: Record<string, Migration> = {
  '20261127T2300_platform': platform,
  '20261127T2330_statistics': statistics,
  '20261128T0000_justice': justice,
  '20261128T0100_commitments': commitments,
  '20261128T0200_notifications': notifications,
  '20261128T0300_progress': progress,
  '20261128T0400_migration': migration,
  '20261128T0500_meetings': meetings,
  '20261128T0600_reviewer_domains': reviewerDomains,
};
