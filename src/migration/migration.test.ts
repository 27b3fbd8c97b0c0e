import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/audit/actor.js';
import { buildApp } from '../app/app.js';
import { deliverPendingEmails } from '../platform/notifications/notifications.service.js';
import { importOrgUnits } from '../platform/partners/org-units.service.js';
import { CATALOG_DIR } from '../platform/paths.js';
import { runJha } from '../testing/cli.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { bearer, callApi, makeUser, type TestUser, ORG_UNIT_KINDS } from '../testing/factories.js';
import { startTestSmtpServer, type TestSmtpServer } from '../testing/smtp.js';
import { loadCatalogs, parseCatalogs } from '../statistics/catalog.js';
import { shiftPeriod } from '../statistics/periods.js';
import { addressedPartners, meets } from './alerts.js';

const catalog = loadCatalogs(CATALOG_DIR);
const HEADER = 'dataset,partner,org_unit,period,variable,citizenship,value,comment\n';

/**
 * The month of each test (the database is shared by the file's tests): months apart, so that none
 * is another's previous month (arrivals alerts compare with it) nor in another's reminder window.
 * The dashboard's is the latest with arrivals (the dashboard shows that month by default); the
 * compliance test takes last month, the one the compliance grid shows.
 */
const MONTHS = {
  centre: '2019-03',
  reimport: '2019-09',
  ack: '2020-03',
  reviewers: '2020-09',
  surge: '2021-03',
  reminders: '2022-03',
  cli: '2023-03',
  dashboard: '2025-06',
} as const;

/** The month before. */
const previousMonth = (month: string) => shiftPeriod(month, -1);

/** CSV rows of BA's reception in a month: Lipa 95 of 100 places (at or above 90 %: an early warning), Borići 50 of 100. */
function receptionRows(month: string): string[] {
  return [
    `migration.reception,BA,BA-RC-LIPA,${month},reception.capacity,,100,`,
    `migration.reception,BA,BA-RC-LIPA,${month},reception.accommodated,,95,`,
    `migration.reception,BA,BA-RC-BORICI,${month},reception.capacity,,100,`,
    `migration.reception,BA,BA-RC-BORICI,${month},reception.accommodated,,50,`,
  ];
}

/** CSV rows of a partner's arrivals detected, by month (of one citizenship, or the total). */
function arrivalRows(partner: string, byMonth: Record<string, number>, citizenship = ''): string[] {
  return Object.entries(byMonth).map(([month, n]) => `migration.monthly,${partner},,${month},arrivals.detected,${citizenship},${n},`);
}

describe('alert rules', () => {
  it('compares and addresses the partner, its neighbours, or the whole region', () => {
    expect(meets(90, '>=', 90)).toBe(true);
    expect(meets(89.9, '>=', 90)).toBe(false);
    const neighbours = new Map([['BA', ['ME', 'RS']]]);
    expect([...addressedPartners({ scope: 'centre' }, 'BA', neighbours, ['AL', 'BA', 'ME', 'RS'])]).toEqual([
      ['BA', 'partner'],
      ['ME', 'neighbour'],
      ['RS', 'neighbour'],
    ]);
    expect([...addressedPartners({ scope: 'region' }, null, neighbours, ['AL', 'BA'])]).toEqual([
      ['AL', 'region'],
      ['BA', 'region'],
    ]);
  });

  it('the catalogue declares the rules, neighbours and indicators of the specification', () => {
    expect(catalog.alerts.map((a) => [a.code, a.scope, a.condition, a.threshold])).toContainEqual([
      'migration.centre_nearly_full',
      'centre',
      '>=',
      90,
    ]);
    expect(catalog.neighbours.get('RS')).toEqual(['BA', 'XK', 'ME', 'MK']);
    for (const code of [
      'migration.occupancy_rate',
      'migration.recognition_rate',
      'migration.intention_conversion',
      'migration.arrivals_change',
      'migration.arrivals_share',
    ])
      expect(catalog.indicators.has(code)).toBe(true);
    expect(catalog.datasets.get('migration.reception')).toMatchObject({
      partnerLevel: true,
      orgUnitKinds: ['reception_centre'],
      periodType: 'monthly',
    });
    const broken = `domain: x\nvariables:\n  - { code: a, label: A, kind: flow }\ndatasets:\n  - { code: d, label: D, period: monthly, level: partner, variables: [a] }\nindicators:\n  - { code: i, label: I, expression: a }\nalerts:\n  - { code: r, label: R, indicator: j, scope: partner, condition: '>', threshold: 1 }\n`;
    expect(() => parseCatalogs([{ file: 'x.yaml', text: broken }])).toThrow(/^x\.yaml:9: alerts\[1\]\.indicator: unknown indicator j/);
  });
});

describeEachDatabase('migration exchange', (get) => {
  let app: FastifyInstance;
  let smtp: TestSmtpServer;
  let ba: TestUser, me: TestUser, al: TestUser, commission: TestUser, reviewer: TestUser, admin: TestUser;
  const call = (user: TestUser | null, method: 'GET' | 'POST', url: string, payload?: unknown) => callApi(app, user, method, url, payload);
  /** Imports CSV rows as the user (drafts); answers the import's response. */
  const importRows = (user: TestUser, rows: string[]) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/imports/values',
      headers: { ...bearer(user), 'content-type': 'text/csv' },
      payload: HEADER + rows.join('\n') + '\n',
    });
  /** Imports the rows and fails the test unless the import is accepted. */
  const importMonth = async (user: TestUser, rows: string[]) => {
    const res = await importRows(user, rows);
    if (res.statusCode !== 200) throw new Error(`import: ${res.statusCode} ${res.body}`);
  };
  /** A workflow step (submit, approve, publish) on the submission of the version read. */
  const step = async (user: TestUser, submission: string, action: string) => {
    const s = (await call(user, 'GET', `/submissions/${submission}`)).json();
    return call(user, 'POST', `/submissions/${submission}/${action}`, { version: s.version });
  };
  /** An admin submits the submission and the Commission approves and publishes it. */
  const publishSubmission = async (submission: string) => {
    for (const [user, action] of [
      [admin, 'submit'],
      [commission, 'approve'],
      [commission, 'publish'],
    ] as const) {
      const res = await step(user, submission, action);
      if (res.statusCode !== 200) throw new Error(`${action} ${submission}: ${res.statusCode} ${res.body}`);
    }
  };
  /** BA submits its reception month and the Commission approves and publishes it. */
  /** BA declares its list of reception centres complete for the month: only then are its totals summed from them. */
  const declareCentresComplete = async (month: string) => {
    const url = `/submissions/migration.reception/BA/${month}`;
    const { version } = (await call(ba, 'GET', url)).json();
    const res = await app.inject({
      method: 'PUT',
      url: `/api/v1${url}/org-units-complete`,
      headers: bearer(ba),
      payload: { version, complete: true },
    });
    if (res.statusCode !== 200) throw new Error(`declare ${url}: ${res.statusCode} ${res.body}`);
  };
  const publishReception = async (month: string) => {
    const submission = `migration.reception/BA/${month}`;
    for (const [user, action] of [
      [ba, 'submit'],
      [commission, 'approve'],
      [commission, 'publish'],
    ] as const) {
      const res = await step(user, submission, action);
      if (res.statusCode !== 200) throw new Error(`${action} ${submission}: ${res.statusCode} ${res.body}`);
    }
  };
  /** The alerts of one month, oldest first. */
  const alertsOf = (period: string) =>
    get().db.selectFrom('alerts').selectAll().where('period', '=', period).orderBy('created_at').execute();
  /** The user's alert feed, only the alerts of one month. */
  const feedOf = async (user: TestUser, period: string) =>
    ((await call(user, 'GET', '/migration/alerts')).json().alerts as { period: string; [key: string]: any }[]).filter(
      (a) => a.period === period,
    );
  /** The notifications that announce an alert. */
  const alertNotifications = (alertId: string) =>
    get()
      .db.selectFrom('notifications')
      .select(['user_id', 'title', 'link'])
      .where('kind', '=', 'migration.alert')
      .where('link', '=', `/migration/alerts/${alertId}`)
      .execute();

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    app = await buildApp({ config: testConfig(get().config, { smtpUrl: smtp.url }), db: get().db, logger: false, catalog });
    await importOrgUnits(
      get().db,
      SYSTEM_ACTOR,
      'code,name,partner,kind,parent\nBA-RC-LIPA,Lipa,BA,reception_centre,\nBA-RC-BORICI,Borići,BA,reception_centre,\nRS-RC-OBR,Obrenovac,RS,reception_centre,\n',
      ORG_UNIT_KINDS,
    );
    ba = await makeUser(get().db, 'coordinator', 'BA');
    me = await makeUser(get().db, 'coordinator', 'ME');
    al = await makeUser(get().db, 'coordinator', 'AL');
    commission = await makeUser(get().db, 'commission');
    reviewer = await makeUser(get().db, 'reviewer');
    admin = await makeUser(get().db, 'admin');
  });
  /**
   * No arrivals in the months for ME and RS (imported by an admin), also for the citizenships
   * given: with BA and AL, 4 of 6 partners have reported, enough for a regional figure.
   */
  const quietNeighbours = (months: string[], citizenships: string[] = []) => {
    const none = Object.fromEntries(months.map((m) => [m, 0]));
    return importMonth(
      admin,
      ['ME', 'RS'].flatMap((p) => [...arrivalRows(p, none), ...citizenships.flatMap((c) => arrivalRows(p, none, c))]),
    );
  };
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  it('a centre crossing 90 % in a draft alerts the partner and the Commission; its neighbours once it is published', async () => {
    const month = MONTHS.centre;
    const res = await importRows(ba, receptionRows(month));
    expect(res.statusCode).toBe(200);
    const list = await alertsOf(month);
    expect(list.map((a) => [a.rule, a.scope, a.scope_code, a.partner_code, a.period, a.value, a.threshold])).toEqual([
      ['migration.centre_nearly_full', 'centre', 'BA-RC-LIPA', 'BA', month, 95, 90],
    ]);
    const alertId = list[0]!.id;
    const recipients = () =>
      get().db.selectFrom('alert_recipients').select(['user_id', 'reason']).where('alert_id', '=', alertId).execute();
    // A draft: no neighbour reads BA's unpublished occupancy.
    expect(new Map((await recipients()).map((r) => [r.user_id, r.reason]))).toEqual(
      new Map([
        [ba.user.id, 'partner'],
        [commission.user.id, 'commission'],
      ]),
    );
    expect(await feedOf(me, month)).toEqual([]);
    expect((await alertNotifications(alertId)).map((n) => n.user_id).sort()).toEqual([ba.user.id, commission.user.id].sort());
    await publishReception(month);
    expect(new Map((await recipients()).map((r) => [r.user_id, r.reason]))).toEqual(
      new Map([
        [ba.user.id, 'partner'],
        [me.user.id, 'neighbour'],
        [commission.user.id, 'commission'],
      ]),
    );
    const notified = await alertNotifications(alertId);
    expect(notified.map((n) => n.user_id).sort()).toEqual([ba.user.id, me.user.id, commission.user.id].sort());
    expect(notified[0]!.title).toBe(`Early warning: Reception centre occupancy at or above 90 % — Lipa (BA), ${month}`);
    // By e-mail too, through a real SMTP server.
    await deliverPendingEmails(get().db, testConfig(get().config, { smtpUrl: smtp.url }));
    const mail = smtp.received.filter((m) => m.subject === notified[0]!.title);
    expect(mail.flatMap((m) => m.to).sort()).toEqual([ba.user.email, me.user.email, commission.user.email].sort());
    expect(mail[0]!.text).toContain(`Occupancy rate of reception centres for Lipa (BA) in ${month}: 95 % (threshold >= 90 %)`);
    expect(mail[0]!.text).toContain(`Open in JHA Hub: http://localhost:8080/migration/alerts/${alertId}`);
  });

  it('re-importing the same data does not create a second alert or notification', async () => {
    const month = MONTHS.reimport;
    await importMonth(ba, receptionRows(month));
    const [alert] = await alertsOf(month);
    expect((await importRows(ba, receptionRows(month))).statusCode).toBe(200);
    // A save through the form and a submission are checked too, and stay silent.
    expect((await step(ba, `migration.reception/BA/${month}`, 'submit')).statusCode).toBe(200);
    expect(await alertsOf(month)).toHaveLength(1);
    // The partner and the Commission, once each (a draft: the neighbours are not told yet).
    expect(await alertNotifications(alert!.id)).toHaveLength(2);
  });

  it('a coordinator sees the alerts addressed to them; a recipient of another partner acknowledges', async () => {
    const month = MONTHS.ack;
    await importMonth(ba, receptionRows(month));
    await publishReception(month);
    expect(await feedOf(al, month)).toEqual([]);
    expect((await call(null, 'GET', '/migration/alerts')).statusCode).toBe(401);
    const feed = await feedOf(me, month);
    expect(feed).toHaveLength(1);
    expect(feed[0]).toMatchObject({ scopeName: 'Lipa (BA)', value: 95, mine: { acknowledgedAt: null }, acknowledgedBy: [] });
    const alertId = feed[0]!.id;
    expect((await call(al, 'POST', `/migration/alerts/${alertId}/ack`)).statusCode).toBe(404);
    expect((await call(reviewer, 'POST', `/migration/alerts/${alertId}/ack`)).statusCode).toBe(403);
    const acked = await call(me, 'POST', `/migration/alerts/${alertId}/ack`);
    expect(acked.json().acknowledgedBy).toEqual([me.user.email]);
    const seenByReviewer = (await feedOf(reviewer, month)).find((a) => a.id === alertId)!;
    expect(seenByReviewer.recipients.find((r: { email: string }) => r.email === me.user.email)).toMatchObject({
      reason: 'neighbour',
      acknowledgedAt: expect.any(String),
    });
    const audit = await get()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'migration.alert.ack')
      .where('entity_id', '=', alertId)
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('reviewers review within their domains', async () => {
    const month = MONTHS.reviewers;
    const submission = `migration.reception/BA/${month}`;
    await importMonth(ba, receptionRows(month));
    expect((await step(ba, submission, 'submit')).statusCode).toBe(200);
    const { changeUser } = await import('../platform/users/users.service.js');
    const known = new Set(['justice', 'migration', 'commitments']);
    const justiceOnly = await makeUser(get().db, 'reviewer');
    await changeUser(get().db, SYSTEM_ACTOR, justiceOnly.user.id, { domains: ['justice'] }, known);
    const migrationReviewer = await makeUser(get().db, 'reviewer');
    await changeUser(get().db, SYSTEM_ACTOR, migrationReviewer.user.id, { domains: ['migration'] }, known);
    const s = (await call(justiceOnly, 'GET', `/submissions/${submission}`)).json();
    expect(s.can).toMatchObject({ approve: false, return: false });
    const refused = await call(justiceOnly, 'POST', `/submissions/${submission}/approve`, { version: s.version });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe('You review justice; migration.reception belongs to migration.');
    expect((await call(migrationReviewer, 'GET', `/submissions/${submission}`)).json().can).toMatchObject({
      approve: true,
      return: true,
    });
    // Every reviewer still reads all data; domains limit what they review, not what they see.
    expect((await feedOf(justiceOnly, month)).map((a) => a.rule)).toEqual(['migration.centre_nearly_full']);
  });

  it('arrivals up 50 % fire a partner alert and a regional one, addressed to every partner once the figures are published', async () => {
    const month = MONTHS.surge;
    const before = previousMonth(month);
    // A regional figure needs 4 of the 6 partners: AL, ME and RS report no arrivals in both months.
    await quietNeighbours([before, month]);
    await importMonth(admin, arrivalRows('AL', { [before]: 0, [month]: 0 }));
    expect((await importRows(ba, arrivalRows('BA', { [before]: 100, [month]: 160 }))).statusCode).toBe(200);
    const list = await alertsOf(month);
    expect(list.map((a) => [a.rule, a.scope_code, a.value])).toEqual(
      expect.arrayContaining([
        ['migration.arrivals_surge', 'BA', 60],
        ['migration.region_arrivals_surge', 'WB6', 60],
      ]),
    );
    // Drafts: the regional figure rests on every partner's unpublished months, so only the Commission
    // has it; BA has its own alert; AL and ME have nothing.
    expect(await feedOf(al, month)).toEqual([]);
    expect((await feedOf(ba, month)).map((a) => a.rule)).toEqual(['migration.arrivals_surge']);
    expect((await feedOf(commission, month)).map((a) => a.rule).sort()).toEqual([
      'migration.arrivals_surge',
      'migration.region_arrivals_surge',
    ]);
    // Published (the earlier month first, as it would be): everyone is told of the regional figure.
    for (const period of [before, month])
      for (const partner of ['AL', 'BA', 'ME', 'RS']) await publishSubmission(`migration.monthly/${partner}/${period}`);
    expect((await feedOf(al, month)).map((a) => a.rule)).toEqual(['migration.region_arrivals_surge']);
    // A partner's alert names the partner, not its code.
    const surge = (await feedOf(me, month)).find((a) => a.rule === 'migration.arrivals_surge')!;
    expect(surge.scopeName).toBe('Bosnia and Herzegovina');
    expect((await alertNotifications(surge.id))[0]!.title).toBe(
      `Early warning: Arrivals up 50 % or more on the previous month — Bosnia and Herzegovina, ${month}`,
    );
  });

  it('the dashboard shows a coordinator the published regional picture and their own figures, never another partner’s unpublished ones', async () => {
    const month = MONTHS.dashboard;
    const before = previousMonth(month);
    await importMonth(ba, receptionRows(month));
    // Two centres reported, but the list is not declared complete: no national capacity is summed.
    const partial = (await call(commission, 'GET', `/migration/dashboard?period=${month}`)).json();
    expect(partial.partners.find((p: { partner: string }) => p.partner === 'BA')).toMatchObject({ capacity: null, occupancy: null });
    await declareCentresComplete(month);
    await importMonth(ba, [...arrivalRows('BA', { [before]: 100, [month]: 160 }), ...arrivalRows('BA', { [month]: 0 }, 'AF')]);
    await quietNeighbours([month], ['AF']);
    expect((await importRows(al, [...arrivalRows('AL', { [month]: 240 }), ...arrivalRows('AL', { [month]: 200 }, 'AF')])).statusCode).toBe(
      200,
    );
    // Without a month, the latest month with arrivals is shown (this test's month is the file's latest).
    expect((await call(commission, 'GET', '/migration/dashboard')).json().period).toBe(month);
    const forAl = (await call(al, 'GET', `/migration/dashboard?period=${month}`)).json();
    // AL sees no other partner's unpublished figures: a region of AL alone has no share to give.
    expect(forAl.partners.find((p: { partner: string }) => p.partner === 'AL')).toMatchObject({ arrivals: 240, share: null });
    expect(forAl.partners.find((p: { partner: string }) => p.partner === 'BA')).toMatchObject({ arrivals: null, occupancy: null });
    expect(forAl.centres).toEqual([]);
    const inside = (await call(commission, 'GET', `/migration/dashboard?period=${month}`)).json();
    expect(inside.partners.find((p: { partner: string }) => p.partner === 'BA')).toMatchObject({
      arrivals: 160,
      share: 40,
      occupancy: 72.5,
      capacity: 200,
    });
    expect(inside.centres.map((c: { orgUnit: string; occupancy: number }) => [c.orgUnit, c.occupancy])).toEqual([
      ['BA-RC-BORICI', 50],
      ['BA-RC-LIPA', 95],
    ]);
    expect(inside.citizenships[0]).toMatchObject({ code: 'AF', arrivals: 200 });
    expect(inside.series.find((s: { indicator: string }) => s.indicator === 'migration.arrivals').values).toEqual(
      expect.arrayContaining([{ partner: 'BA', period: before, value: 100, status: 'draft' }]),
    );
    // Once BA's reception month is approved and published, everyone sees it.
    await publishReception(month);
    const after = (await call(null, 'GET', `/migration/dashboard?period=${month}`)).json();
    expect(after.partners.find((p: { partner: string }) => p.partner === 'BA')).toMatchObject({ occupancy: 72.5 });
    expect(after.partners.find((p: { partner: string }) => p.partner === 'AL')).toMatchObject({ arrivals: null });
    expect((await call(null, 'GET', '/migration/dashboard?period=2026-13')).statusCode).toBe(400);
  });

  it('shows who has submitted which month, and serves the bundled map', async () => {
    // The grid ends with last month.
    const month = previousMonth(new Date().toISOString().slice(0, 7));
    await importMonth(ba, receptionRows(month));
    await publishReception(month);
    const compliance = (await call(al, 'GET', '/migration/compliance?months=3')).json().datasets;
    const reception = compliance.find((d: { dataset: string }) => d.dataset === 'migration.reception');
    expect(reception.cells.find((c: { partner: string; period: string }) => c.partner === 'BA' && c.period === month)).toMatchObject({
      status: 'published',
      late: false,
    });
    expect(reception.cells.find((c: { partner: string; period: string }) => c.partner === 'RS' && c.period === month)).toMatchObject({
      status: 'not_published',
    });
    const map = (await call(null, 'GET', '/migration/map')).json();
    expect(
      map.features
        .filter((f: { properties: { partner: boolean } }) => f.properties.partner)
        .map((f: { properties: { code: string } }) => f.properties.code)
        .sort(),
    ).toEqual(['AL', 'BA', 'ME', 'MK', 'RS', 'XK']);
    expect(map.features.find((f: { properties: { code: string } }) => f.properties.code === 'XK').geometry.type).toMatch(/Polygon/);
  });

  it('reminds coordinators of months not submitted after their due date, once, and audits it', async () => {
    const { sendOverdueDataReminders } = await import('../statistics/reminders.service.js');
    const month = MONTHS.reminders;
    await importMonth(al, arrivalRows('AL', { [month]: 240 }));
    await importMonth(ba, receptionRows(month));
    await publishReception(month);
    // migration.monthly 2022-03 fell due on 2022-04-15: AL has only a draft, BA and ME nothing (RS has no coordinator); BA's reception month is published.
    const sent = await sendOverdueDataReminders(get().db, catalog, SYSTEM_ACTOR, new Date('2022-04-20T06:00:00Z'));
    const monthly = sent.filter((r) => r.dataset === 'migration.monthly' && r.period === month);
    expect(monthly.map((r) => r.partner).sort()).toEqual(['AL', 'BA', 'ME']);
    expect(sent.some((r) => r.dataset === 'migration.reception' && r.partner === 'BA' && r.period === month)).toBe(false);
    const titles = await get()
      .db.selectFrom('notifications')
      .select(['title', 'link'])
      .where('user_id', '=', al.user.id)
      .where('kind', '=', 'statistics.overdue')
      .execute();
    expect(titles).toContainEqual({
      title: `Overdue: Monthly migration statistics, ${month}`,
      link: `/statistics/migration.monthly/AL/${month}`,
    });
    expect(await sendOverdueDataReminders(get().db, catalog, SYSTEM_ACTOR, new Date('2022-04-21T06:00:00Z'))).toEqual([]);
    const audit = await get().db.selectFrom('audit_log').select('entity_id').where('action', '=', 'submission.reminder').execute();
    expect(audit.map((a) => a.entity_id)).toContain(`migration.monthly/AL/${month}`);
  });

  it('jha alerts list and ack', async () => {
    const month = MONTHS.cli;
    await importMonth(ba, receptionRows(month));
    await publishReception(month);
    const [alert] = await alertsOf(month);
    expect((await call(me, 'POST', `/migration/alerts/${alert!.id}/ack`)).statusCode).toBe(200);
    const jha = (args: string[]) => runJha(get(), args);
    const list = JSON.parse(jha(['alerts', 'list', '--format', 'json']).stdout);
    const centre = list.find((a: { id: string }) => a.id === alert!.id);
    expect(centre).toMatchObject({
      rule: 'migration.centre_nearly_full',
      scope: 'centre:BA-RC-LIPA',
      period: month,
      value: 95,
      threshold: '>= 90',
      acknowledged_by: [me.user.email],
    });
    const ack = jha(['alerts', 'ack', centre.id, '--email', ba.user.email]);
    expect(ack.code).toBe(0);
    expect(ack.stdout).toContain(`acknowledged by: ${[ba.user.email, me.user.email].sort().join(', ')}`);
    expect(jha(['alerts', 'ack', centre.id, '--email', al.user.email]).stderr).toMatch(/Alert .* does not exist|not found/i);
  });
});
