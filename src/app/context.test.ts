import { describe, expect, it } from 'vitest';
import { events } from '../platform/events.js';
import { testConfig } from '../testing/databases.js';
import { allMigrations, createContext, jobHandlers, reviewDomains } from './context.js';
import { SHIPPED_REVIEW_DOMAINS } from '../testing/review-domains.js';

describe('composition root', () => {
  it('wires the modules’ subscriptions on creating a context, once however often it is made', () => {
    const config = testConfig({ kind: 'sqlite', path: ':memory:' });
    const ctx = createContext({ config });
    createContext({ config, catalog: ctx.catalog });
    createContext({ config });
    // Migration's early warnings are the one subscriber to statistics' changes.
    expect(events.listenerCount('statistics.submissions-changed')).toBe(1);
  });

  it('collects every module’s migrations, review domains and jobs', () => {
    const ctx = createContext({ config: testConfig({ kind: 'sqlite', path: ':memory:' }) });
    expect(Object.keys(allMigrations()).sort()).toEqual([
      '20261127T2300_platform',
      '20261127T2330_statistics',
      '20261128T0000_justice',
      '20261128T0100_commitments',
      '20261128T0200_notifications',
      '20261128T0300_progress',
      '20261128T0400_migration',
      '20261128T0500_meetings',
      '20261128T0600_reviewer_domains',
      '20261202T0000_case_import_jobs',
      '20261203T0000_read_model',
      '20261204T0000_audit_key',
      '20261205T0000_session_idle',
      '20261206T0100_sign_in',
      '20261206T0200_scheduled_publication',
      '20261207T0000_email_preference',
      '20261208T0000_user_language',
      '20261209T0000_value_evidence',
      '20261210T0000_emergency_measures',
      '20261211T0000_notification_texts',
    ]);
    expect([...reviewDomains(ctx)].sort()).toEqual(SHIPPED_REVIEW_DOMAINS);
    expect(Object.keys(jobHandlers(ctx)).sort()).toEqual([
      'commitments.reminders',
      'justice.case-import',
      'mail.deliver',
      'statistics.reminders',
      'statistics.scheduled_publications',
    ]);
  });
});
