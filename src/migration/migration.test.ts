import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/audit/actor.js';
import { buildApp } from '../app/app.js';
import { deliverPendingEmails } from '../platform/notifications/notifications.service.js';
import { importOrgUnits } from '../platform/partners/org-units.service.js';
import { CATALOG_DIR } from '../platform/paths.js';
import { runJha } from '../testing/cli.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { bearer, callApi, makeUser, type TestUser } from '../testing/factories.js';
import { startTestSmtpServer, type TestSmtpServer } from '../testing/smtp.js';
import { loadCatalogs, parseCatalogs } from '../statistics/catalog.js';
import { addressedPartners, meets } from './alerts.js';

const catalog = loadCatalogs(CATALOG_DIR);
const HEADER = 'dataset,partner,org_unit,period,variable,citizenship,value,comment\n';

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
  let ba: TestUser, me: TestUser, al: TestUser, commission: TestUser, reviewer: TestUser;
  const call = (user: TestUser | null, method: 'GET' | 'POST', url: string, payload?: unknown) => callApi(app, user, method, url, payload);
  const importCsv = (user: TestUser, csv: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/imports/values',
      headers: { ...bearer(user), 'content-type': 'text/csv' },
      payload: HEADER + csv,
    });
  const alerts = () => get().db.selectFrom('alerts').selectAll().orderBy('created_at').execute();

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    app = await buildApp({ config: testConfig(get().config, { smtpUrl: smtp.url }), db: get().db, logger: false, catalog });
    await importOrgUnits(
      get().db,
      SYSTEM_ACTOR,
      'code,name,partner,kind,parent\nBA-RC-LIPA,Lipa,BA,reception_centre,\nBA-RC-BORICI,Borići,BA,reception_centre,\nRS-RC-OBR,Obrenovac,RS,reception_centre,\n',
    );
    ba = await makeUser(get().db, 'coordinator', 'BA');
    me = await makeUser(get().db, 'coordinator', 'ME');
    al = await makeUser(get().db, 'coordinator', 'AL');
    commission = await makeUser(get().db, 'commission');
    reviewer = await makeUser(get().db, 'reviewer');
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  const reception = [
    'migration.reception,BA,BA-RC-LIPA,2026-09,reception.capacity,,100,',
    'migration.reception,BA,BA-RC-LIPA,2026-09,reception.accommodated,,95,',
    'migration.reception,BA,BA-RC-BORICI,2026-09,reception.capacity,,100,',
    'migration.reception,BA,BA-RC-BORICI,2026-09,reception.accommodated,,50,',
  ].join('\n');

  it('importing a month where a centre crosses 90 % creates exactly one alert, for the partner, its neighbours and the Commission', async () => {
    const res = await importCsv(ba, reception);
    expect(res.statusCode).toBe(200);
    const list = await alerts();
    expect(list.map((a) => [a.rule, a.scope, a.scope_code, a.partner_code, a.period, a.value, a.threshold])).toEqual([
      ['migration.centre_nearly_full', 'centre', 'BA-RC-LIPA', 'BA', '2026-09', 95, 90],
    ]);
    const recipients = await get()
      .db.selectFrom('alert_recipients')
      .select(['user_id', 'reason'])
      .where('alert_id', '=', list[0]!.id)
      .execute();
    expect(new Map(recipients.map((r) => [r.user_id, r.reason]))).toEqual(
      new Map([
        [ba.user.id, 'partner'],
        [me.user.id, 'neighbour'],
        [commission.user.id, 'commission'],
      ]),
    );
    const notified = await get()
      .db.selectFrom('notifications')
      .select(['user_id', 'title', 'link'])
      .where('kind', '=', 'migration.alert')
      .execute();
    expect(notified.map((n) => n.user_id).sort()).toEqual([ba.user.id, me.user.id, commission.user.id].sort());
    expect(notified[0]!.title).toBe('Early warning: Reception centre occupancy at or above 90 % — Lipa (BA), 2026-09');
    // By e-mail too, through a real SMTP server.
    await deliverPendingEmails(get().db, testConfig(get().config, { smtpUrl: smtp.url }));
    const mail = smtp.received.filter((m) => m.subject.startsWith('Early warning'));
    expect(mail.flatMap((m) => m.to).sort()).toEqual([ba.user.email, me.user.email, commission.user.email].sort());
    expect(mail[0]!.text).toContain('Occupancy rate of reception centres for Lipa (BA) in 2026-09: 95 % (threshold >= 90 %)');
    expect(mail[0]!.text).toMatch(/Open in JHA Hub: http:\/\/localhost:8080\/migration\/alerts\/[0-9a-f-]{36}/);
  });

  it('re-importing the same data does not create a second alert or notification', async () => {
    expect((await importCsv(ba, reception)).statusCode).toBe(200);
    // A save through the form and a submission are checked too, and stay silent.
    const s = (await call(ba, 'GET', '/submissions/migration.reception/BA/2026-09')).json();
    const comment = await app.inject({
      method: 'POST',
      url: '/api/v1/submissions/migration.reception/BA/2026-09/submit',
      headers: bearer(ba),
      payload: { version: s.version },
    });
    expect(comment.statusCode).toBe(200);
    expect(await alerts()).toHaveLength(1);
    expect(await get().db.selectFrom('notifications').select('id').where('kind', '=', 'migration.alert').execute()).toHaveLength(3);
  });

  it('a coordinator sees the alerts addressed to them; a recipient of another partner acknowledges', async () => {
    expect((await call(al, 'GET', '/migration/alerts')).json().alerts).toEqual([]);
    expect((await call(null, 'GET', '/migration/alerts')).statusCode).toBe(401);
    const feed = (await call(me, 'GET', '/migration/alerts')).json().alerts;
    expect(feed).toHaveLength(1);
    expect(feed[0]).toMatchObject({ scopeName: 'Lipa (BA)', value: 95, mine: { acknowledgedAt: null }, acknowledgedBy: [] });
    expect((await call(al, 'POST', `/migration/alerts/${feed[0].id}/ack`)).statusCode).toBe(404);
    expect((await call(reviewer, 'POST', `/migration/alerts/${feed[0].id}/ack`)).statusCode).toBe(403);
    const acked = await call(me, 'POST', `/migration/alerts/${feed[0].id}/ack`);
    expect(acked.json().acknowledgedBy).toEqual([me.user.email]);
    expect(
      (await call(reviewer, 'GET', '/migration/alerts'))
        .json()
        .alerts[0].recipients.find((r: { email: string }) => r.email === me.user.email),
    ).toMatchObject({ reason: 'neighbour', acknowledgedAt: expect.any(String) });
    const audit = await get().db.selectFrom('audit_log').selectAll().where('action', '=', 'migration.alert.ack').execute();
    expect(audit).toHaveLength(1);
  });

  it('reviewers review within their domains', async () => {
    const { changeUser } = await import('../platform/users/users.service.js');
    const known = new Set(['justice', 'migration', 'commitments']);
    const justiceOnly = await makeUser(get().db, 'reviewer');
    await changeUser(get().db, SYSTEM_ACTOR, justiceOnly.user.id, { domains: ['justice'] }, known);
    const migrationReviewer = await makeUser(get().db, 'reviewer');
    await changeUser(get().db, SYSTEM_ACTOR, migrationReviewer.user.id, { domains: ['migration'] }, known);
    const s = (await call(justiceOnly, 'GET', '/submissions/migration.reception/BA/2026-09')).json();
    expect(s.can).toMatchObject({ approve: false, return: false });
    const refused = await call(justiceOnly, 'POST', '/submissions/migration.reception/BA/2026-09/approve', { version: s.version });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe('You review justice; migration.reception belongs to migration.');
    expect((await call(migrationReviewer, 'GET', '/submissions/migration.reception/BA/2026-09')).json().can).toMatchObject({
      approve: true,
      return: true,
    });
    // Every reviewer still reads all data; domains limit what they review, not what they see.
    expect((await call(justiceOnly, 'GET', '/migration/alerts')).json().alerts.length).toBeGreaterThan(0);
  });

  it('arrivals up 50 % fire a partner alert and a regional one addressed to every partner', async () => {
    expect(
      (
        await importCsv(
          ba,
          'migration.monthly,BA,,2026-08,arrivals.detected,,100,\nmigration.monthly,BA,,2026-09,arrivals.detected,,160,\n',
        )
      ).statusCode,
    ).toBe(200);
    const list = await alerts();
    expect(list.map((a) => [a.rule, a.scope_code, a.value])).toEqual(
      expect.arrayContaining([
        ['migration.arrivals_surge', 'BA', 60],
        ['migration.region_arrivals_surge', 'WB6', 60],
      ]),
    );
    expect((await call(al, 'GET', '/migration/alerts')).json().alerts.map((a: { rule: string }) => a.rule)).toEqual([
      'migration.region_arrivals_surge',
    ]);
    // A partner's alert names the partner, not its code.
    const surge = (await call(me, 'GET', '/migration/alerts'))
      .json()
      .alerts.find((a: { rule: string }) => a.rule === 'migration.arrivals_surge');
    expect(surge.scopeName).toBe('Bosnia and Herzegovina');
    expect(
      (
        await get()
          .db.selectFrom('notifications')
          .select('title')
          .where('link', '=', `/migration/alerts/${surge.id}`)
          .executeTakeFirstOrThrow()
      ).title,
    ).toBe('Early warning: Arrivals up 50 % or more on the previous month — Bosnia and Herzegovina, 2026-09');
  });

  it('the dashboard shows a coordinator the published regional picture and their own figures, never another partner’s unpublished ones', async () => {
    expect(
      (
        await importCsv(
          al,
          'migration.monthly,AL,,2026-09,arrivals.detected,,240,\nmigration.monthly,AL,,2026-09,arrivals.detected,AF,200,\n',
        )
      ).statusCode,
    ).toBe(200);
    // Without a month, the latest month with arrivals is shown.
    expect((await call(commission, 'GET', '/migration/dashboard')).json().period).toBe('2026-09');
    const forAl = (await call(al, 'GET', '/migration/dashboard?period=2026-09')).json();
    expect(forAl.partners.find((p: { partner: string }) => p.partner === 'AL')).toMatchObject({ arrivals: 240, share: 100 });
    expect(forAl.partners.find((p: { partner: string }) => p.partner === 'BA')).toMatchObject({ arrivals: null, occupancy: null });
    expect(forAl.centres).toEqual([]);
    const inside = (await call(commission, 'GET', '/migration/dashboard?period=2026-09')).json();
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
      expect.arrayContaining([{ partner: 'BA', period: '2026-08', value: 100 }]),
    );
    // Once BA's reception month is approved and published, everyone sees it.
    for (const step of ['approve', 'publish']) {
      const s = (await call(commission, 'GET', '/submissions/migration.reception/BA/2026-09')).json();
      expect(
        (await call(commission, 'POST', `/submissions/migration.reception/BA/2026-09/${step}`, { version: s.version })).statusCode,
      ).toBe(200);
    }
    const after = (await call(null, 'GET', '/migration/dashboard?period=2026-09')).json();
    expect(after.partners.find((p: { partner: string }) => p.partner === 'BA')).toMatchObject({ occupancy: 72.5 });
    expect(after.partners.find((p: { partner: string }) => p.partner === 'AL')).toMatchObject({ arrivals: null });
    expect((await call(null, 'GET', '/migration/dashboard?period=2026-13')).statusCode).toBe(400);
  });

  it('shows who has submitted which month, and serves the bundled map', async () => {
    const compliance = (await call(al, 'GET', '/migration/compliance?months=3')).json().datasets;
    const reception = compliance.find((d: { dataset: string }) => d.dataset === 'migration.reception');
    expect(reception.cells.find((c: { partner: string; period: string }) => c.partner === 'BA' && c.period === '2026-09')).toMatchObject({
      status: 'published',
      late: false,
    });
    expect(reception.cells.find((c: { partner: string; period: string }) => c.partner === 'RS' && c.period === '2026-09')).toMatchObject({
      status: 'not_started',
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
    // migration.monthly 2026-09 fell due on 2026-10-15: AL has only a draft, RS nothing; BA's reception month is published.
    const sent = await sendOverdueDataReminders(get().db, catalog, SYSTEM_ACTOR, new Date('2026-10-20T06:00:00Z'));
    const monthly = sent.filter((r) => r.dataset === 'migration.monthly' && r.period === '2026-09');
    expect(monthly.map((r) => r.partner).sort()).toEqual(['AL', 'BA', 'ME']);
    expect(sent.some((r) => r.dataset === 'migration.reception' && r.partner === 'BA' && r.period === '2026-09')).toBe(false);
    const titles = await get()
      .db.selectFrom('notifications')
      .select(['title', 'link'])
      .where('user_id', '=', al.user.id)
      .where('kind', '=', 'statistics.overdue')
      .execute();
    expect(titles).toContainEqual({
      title: 'Overdue: Monthly migration statistics, 2026-09',
      link: '/statistics/migration.monthly/AL/2026-09',
    });
    expect(await sendOverdueDataReminders(get().db, catalog, SYSTEM_ACTOR, new Date('2026-10-21T06:00:00Z'))).toEqual([]);
    const audit = await get().db.selectFrom('audit_log').select('entity_id').where('action', '=', 'submission.reminder').execute();
    expect(audit.map((a) => a.entity_id)).toContain('migration.monthly/AL/2026-09');
  });

  it('jha alerts list and ack', () => {
    const jha = (args: string[]) => runJha(get(), args);
    const list = JSON.parse(jha(['alerts', 'list', '--format', 'json']).stdout);
    const centre = list.find((a: { rule: string }) => a.rule === 'migration.centre_nearly_full');
    expect(centre).toMatchObject({
      scope: 'centre:BA-RC-LIPA',
      period: '2026-09',
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
