import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/actor.js';
import { buildApp } from '../../app/app.js';
import { ValidationError } from '../errors.js';
import { describeEachDatabase, testConfig } from '../../testing/databases.js';
import { bearer, makeUser, signIn, type TestUser } from '../../testing/factories.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../testing/smtp.js';
import { changeUser } from '../users/users.service.js';
import { coordinatorsOf, deliverPendingEmails, EMAIL_MAX_AGE_MS, notify, usersByRole } from './notifications.service.js';

const message = (dedupeKey: string | null = null) => ({
  kind: 'commitments.reminder',
  title: 'Progress report due',
  body: 'The report for round 2026-H2 is due on 15 December.',
  link: '/commitments/rounds/r1',
  dedupeKey,
});

describeEachDatabase('notifications', (get) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
  });
  afterAll(async () => app.close());

  const rowsOf = (userId: string) => get().db.selectFrom('notifications').selectAll().where('user_id', '=', userId).execute();

  it('records one notification per active recipient and skips disabled users', async () => {
    const a = await makeUser(get().db, 'reviewer');
    const b = await makeUser(get().db, 'reviewer');
    const off = await makeUser(get().db, 'reviewer');
    await changeUser(get().db, SYSTEM_ACTOR, off.user.id, { disabled: true });
    const created = await notify(get().db, { userIds: [a.user.id, b.user.id, off.user.id, a.user.id] }, message());
    expect(created.map((r) => r.user_id).sort()).toEqual([a.user.id, b.user.id].sort());
    expect(created[0]).toMatchObject({
      kind: 'commitments.reminder',
      title: 'Progress report due',
      link: '/commitments/rounds/r1',
      read_at: null,
      emailed_at: null,
    });
    expect(await rowsOf(a.user.id)).toHaveLength(1);
    expect(await rowsOf(off.user.id)).toHaveLength(0);
  });

  it('never records the same dedupe key twice for a user, also when called at once', async () => {
    const a = await makeUser(get().db, 'commission');
    const first = await notify(get().db, { userIds: [a.user.id] }, message('round:r1:due'));
    expect(first).toHaveLength(1);
    expect(await notify(get().db, { userIds: [a.user.id] }, message('round:r1:due'))).toEqual([]);
    const b = await makeUser(get().db, 'commission');
    const other = get().kind === 'postgres' ? get().openAnother() : get().db;
    const racing = await Promise.all([
      get()
        .db.transaction()
        .execute((trx) => notify(trx, { userIds: [a.user.id, b.user.id] }, message('round:r1:due'))),
      other.transaction().execute((trx) => notify(trx, { userIds: [a.user.id, b.user.id] }, message('round:r1:due'))),
    ]);
    expect(racing.flat().map((r) => r.user_id)).toEqual([b.user.id]);
    expect(await rowsOf(a.user.id)).toHaveLength(1);
    expect(await rowsOf(b.user.id)).toHaveLength(1);
    // Without a key every call records a new notification.
    await notify(get().db, { userIds: [a.user.id] }, message());
    expect(await rowsOf(a.user.id)).toHaveLength(2);
  });

  it('writes inside the caller’s transaction: nothing is left when it rolls back', async () => {
    const a = await makeUser(get().db, 'reviewer');
    await expect(
      get()
        .db.transaction()
        .execute(async (trx) => {
          expect(await notify(trx, { userIds: [a.user.id] }, message('rolled-back'))).toHaveLength(1);
          throw new Error('the change failed');
        }),
    ).rejects.toThrow('the change failed');
    expect(await rowsOf(a.user.id)).toHaveLength(0);
  });

  it('finds recipients by role and the coordinators of partners, active ones only', async () => {
    const al = await makeUser(get().db, 'coordinator', 'AL');
    const alOff = await makeUser(get().db, 'coordinator', 'AL');
    await changeUser(get().db, SYSTEM_ACTOR, alOff.user.id, { disabled: true });
    const me = await makeUser(get().db, 'coordinator', 'ME');
    const rs = await makeUser(get().db, 'coordinator', 'RS');
    const admin = await makeUser(get().db, 'admin');
    const ofAlMe = await coordinatorsOf(get().db, ['al', 'ME']);
    expect(ofAlMe).toEqual(expect.arrayContaining([al.user.id, me.user.id]));
    expect(ofAlMe).not.toContain(alOff.user.id);
    expect(ofAlMe).not.toContain(rs.user.id);
    const admins = await usersByRole(get().db, ['admin']);
    expect(admins).toContain(admin.user.id);
    expect(admins).not.toContain(al.user.id);
    expect(await coordinatorsOf(get().db, [])).toEqual([]);

    const created = await notify(get().db, { roles: ['coordinator'], partners: ['RS'] }, message());
    expect(created.map((r) => r.user_id)).toEqual([rs.user.id]);
  });

  it('refuses a link that leads outside the app', async () => {
    const a = await makeUser(get().db, 'reviewer');
    for (const link of ['https://evil.example.org/', '//evil.example.org/x', 'javascript:alert(1)', '/\\evil']) {
      await expect(notify(get().db, { userIds: [a.user.id] }, { ...message(), link })).rejects.toBeInstanceOf(ValidationError);
    }
    expect(await rowsOf(a.user.id)).toHaveLength(0);
  });

  it('lists only the caller’s own notifications, newest first, with the unread count', async () => {
    const me = await makeUser(get().db, 'reviewer');
    const other = await makeUser(get().db, 'reviewer');
    await notify(get().db, { userIds: [me.user.id] }, { ...message(), title: 'older' }, { now: new Date('2026-11-01T10:00:00Z') });
    await notify(
      get().db,
      { userIds: [me.user.id] },
      { ...message(), title: 'newer', link: null },
      { now: new Date('2026-11-02T10:00:00Z') },
    );
    await notify(get().db, { userIds: [other.user.id] }, { ...message(), title: 'not mine' });
    const response = await app.inject({ url: '/api/v1/notifications', headers: bearer(me) });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.unread).toBe(2);
    expect(body.notifications.map((n: { title: string }) => n.title)).toEqual(['newer', 'older']);
    expect(body.notifications[0]).toEqual({
      id: expect.any(String),
      kind: 'commitments.reminder',
      title: 'newer',
      body: message().body,
      link: null,
      createdAt: '2026-11-02T10:00:00.000Z',
      read: false,
      readAt: null,
    });
    expect((await app.inject({ url: '/api/v1/notifications?limit=1', headers: bearer(me) })).json().notifications).toHaveLength(1);
    expect((await app.inject({ url: '/api/v1/notifications' })).statusCode).toBe(401);
  });

  it('marks one’s own notification read, audited once; another user’s answers 404', async () => {
    const me = await makeUser(get().db, 'coordinator', 'XK');
    const other = await makeUser(get().db, 'coordinator', 'XK');
    const [mine] = await notify(get().db, { userIds: [me.user.id] }, message());
    const [theirs] = await notify(get().db, { userIds: [other.user.id] }, message());
    const read = (n: { id: string }, who: TestUser) =>
      app.inject({ method: 'POST', url: `/api/v1/notifications/${n.id}/read`, headers: bearer(who) });

    const response = await read(mine!, me);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: mine!.id, read: true, readAt: expect.any(String) });
    expect((await app.inject({ url: '/api/v1/notifications', headers: bearer(me) })).json().unread).toBe(0);
    expect((await read(mine!, me)).statusCode).toBe(200);
    const entries = await get()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'notification')
      .where('entity_id', '=', mine!.id)
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'notification.read',
      actor_id: me.user.id,
      before_json: '{"read":false}',
      after_json: '{"read":true}',
    });

    const foreign = await read(theirs!, me);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('not_found');
    const stored = await get().db.selectFrom('notifications').select('read_at').where('id', '=', theirs!.id).executeTakeFirstOrThrow();
    expect(stored.read_at).toBeNull();
    expect((await read({ id: '00000000-0000-4000-8000-000000000000' }, me)).statusCode).toBe(404);
  });

  it('needs the CSRF token to mark read with the session cookie', async () => {
    const me = await makeUser(get().db, 'reviewer');
    const [n] = await notify(get().db, { userIds: [me.user.id] }, message());
    const { cookie, csrf } = await signIn(app, me.user.email, me.password);
    const url = `/api/v1/notifications/${n!.id}/read`;
    expect((await app.inject({ method: 'POST', url, headers: { cookie } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url, headers: { cookie, 'x-csrf-token': csrf } })).statusCode).toBe(200);
  });
});

describeEachDatabase('notification e-mail', (get) => {
  let smtp: TestSmtpServer;
  const warnings: unknown[] = [];
  const log = { warn: (obj: unknown) => void warnings.push(obj) };

  beforeAll(async () => {
    smtp = await startTestSmtpServer((address) => address.startsWith('refused'));
  });
  afterAll(async () => smtp.close());

  const config = () => ({ smtpUrl: smtp.url, mailFrom: 'JHA Hub <no-reply@jha-hub.local>' });
  const emailedAt = async (id: string) =>
    (await get().db.selectFrom('notifications').select('emailed_at').where('id', '=', id).executeTakeFirstOrThrow()).emailed_at;

  it('sends nothing and records nothing while SMTP is not configured', async () => {
    const a = await makeUser(get().db, 'reviewer');
    const [n] = await notify(get().db, { userIds: [a.user.id] }, message());
    expect(await deliverPendingEmails(get().db, { smtpUrl: null, mailFrom: 'x@example.org' })).toEqual({ sent: 0, failed: 0 });
    expect(await emailedAt(n!.id)).toBeNull();
    // Sent later, once configured (the test below delivers it).
  });

  it('e-mails each pending notification to its user once and records emailed_at', async () => {
    const a = await makeUser(get().db, 'coordinator', 'AL');
    const b = await makeUser(get().db, 'commission');
    const created = await notify(get().db, { userIds: [a.user.id, b.user.id] }, message('round:r9'));
    const before = smtp.received.length;
    const result = await deliverPendingEmails(get().db, config(), log);
    expect(result.failed).toBe(0);
    expect(result.sent).toBeGreaterThanOrEqual(2);
    const toA = smtp.received.slice(before).filter((m) => m.to.includes(a.user.email));
    expect(toA).toHaveLength(1);
    expect(toA[0]!.subject).toBe('Progress report due');
    expect(toA[0]!.from).toBe('no-reply@jha-hub.local');
    expect(toA[0]!.text).toContain('The report for round 2026-H2 is due on 15 December.');
    expect(toA[0]!.text).toContain('Open in JHA Hub: /commitments/rounds/r1');
    expect(smtp.received.slice(before).filter((m) => m.to.includes(b.user.email))).toHaveLength(1);
    for (const n of created) expect(await emailedAt(n.id)).not.toBeNull();

    const again = smtp.received.length;
    expect(await deliverPendingEmails(get().db, config(), log)).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received.length).toBe(again);
  });

  it('leaves a notification unsent when the server is unreachable, logs it and sends it on a later run', async () => {
    const a = await makeUser(get().db, 'reviewer');
    const [n] = await notify(get().db, { userIds: [a.user.id] }, message());
    const down = await startTestSmtpServer();
    const downUrl = down.url;
    await down.close();
    warnings.length = 0;
    const result = await deliverPendingEmails(get().db, { ...config(), smtpUrl: downUrl }, log);
    expect(result).toEqual({ sent: 0, failed: 1 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ notification: n!.id });
    expect(await emailedAt(n!.id)).toBeNull();

    expect(await deliverPendingEmails(get().db, config(), log)).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received.at(-1)!.to).toEqual([a.user.email]);
    expect(await emailedAt(n!.id)).not.toBeNull();
  });

  it('goes on past a refused recipient, and does not mail old notifications or disabled users', async () => {
    const refused = await makeUser(get().db, 'reviewer');
    await get()
      .db.updateTable('users')
      .set({ email: `refused-${refused.user.id}@example.org` })
      .where('id', '=', refused.user.id)
      .execute();
    const ok = await makeUser(get().db, 'reviewer');
    const off = await makeUser(get().db, 'reviewer');
    const now = new Date();
    const [r] = await notify(get().db, { userIds: [refused.user.id] }, message(), { now: new Date(now.getTime() - 2000) });
    const [o] = await notify(get().db, { userIds: [ok.user.id] }, message(), { now: new Date(now.getTime() - 1000) });
    const [old] = await notify(get().db, { userIds: [ok.user.id] }, message(), { now: new Date(now.getTime() - EMAIL_MAX_AGE_MS - 1000) });
    const [d] = await notify(get().db, { userIds: [off.user.id] }, message());
    await changeUser(get().db, SYSTEM_ACTOR, off.user.id, { disabled: true });

    expect(await deliverPendingEmails(get().db, config(), log, now)).toEqual({ sent: 1, failed: 1 });
    expect(await emailedAt(r!.id)).toBeNull();
    expect(await emailedAt(o!.id)).not.toBeNull();
    expect(await emailedAt(old!.id)).toBeNull();
    expect(await emailedAt(d!.id)).toBeNull();
  });

  it('sends a daily digest user one e-mail a day with everything, and a user who chose none nothing', async () => {
    const app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
    const daily = await makeUser(get().db, 'reviewer');
    const none = await makeUser(get().db, 'reviewer');
    const choose = (who: TestUser, emailPreference: unknown) =>
      app.inject({ method: 'PUT', url: '/api/v1/me/email-preference', headers: bearer(who), payload: { emailPreference } });
    expect((await choose(daily, 'daily')).json()).toEqual({ emailPreference: 'daily' });
    expect((await choose(none, 'none')).json()).toEqual({ emailPreference: 'none' });
    expect((await choose(none, 'weekly')).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me/email-preference', headers: bearer(none) })).json()).toEqual({
      emailPreference: 'none',
    });
    const audited = await get()
      .db.selectFrom('audit_log')
      .select(['entity_id', 'after_json'])
      .where('action', '=', 'user.email_preference')
      .where('entity_id', 'in', [daily.user.id, none.user.id])
      .execute();
    expect(audited.map((a) => JSON.parse(a.after_json!).emailPreference).sort()).toEqual(['daily', 'none']);

    const t0 = new Date('2026-12-03T08:00:00Z');
    const first = [
      ...(await notify(get().db, { userIds: [daily.user.id, none.user.id] }, { kind: 't', title: 'First', body: 'One.' }, { now: t0 })),
      ...(await notify(
        get().db,
        { userIds: [daily.user.id] },
        { kind: 't', title: 'Second', body: 'Two.', link: '/meetings' },
        { now: new Date(t0.getTime() + 1000) },
      )),
    ];
    const sentTo = (who: TestUser, from: number) => smtp.received.slice(from).filter((m) => m.to.includes(who.user.email));
    const before = smtp.received.length;
    await deliverPendingEmails(get().db, config(), log, new Date(t0.getTime() + 60_000));
    const digest = sentTo(daily, before);
    expect(digest.map((m) => m.subject)).toEqual(['Your JHA Hub digest']);
    expect(digest[0]!.text).toContain('2 notifications since the last digest:\n\n* First\n  One.\n\n* Second\n  Two.\n  /meetings\n');
    expect(sentTo(none, before)).toEqual([]);
    for (const n of first.filter((n) => n.user_id === daily.user.id)) expect(await emailedAt(n.id)).not.toBeNull();

    // Within the day nothing more goes out; the next day the new one does, alone.
    const [third] = await notify(
      get().db,
      { userIds: [daily.user.id] },
      { kind: 't', title: 'Third', body: 'Three.' },
      { now: new Date(t0.getTime() + 3_600_000) },
    );
    const middle = smtp.received.length;
    await deliverPendingEmails(get().db, config(), log, new Date(t0.getTime() + 2 * 3_600_000));
    expect(sentTo(daily, middle)).toEqual([]);
    await deliverPendingEmails(get().db, config(), log, new Date(t0.getTime() + 25 * 3_600_000));
    expect(sentTo(daily, middle).map((m) => m.text.split('\n')[2])).toEqual(['* Third']);
    expect(await emailedAt(third!.id)).not.toBeNull();
    expect(sentTo(none, before)).toEqual([]);
    await app.close();
  });
});

describeEachDatabase('notifications in the recipient’s language', (get) => {
  let app: FastifyInstance;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
    smtp = await startTestSmtpServer(() => false);
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  /** A reminder as the commitments capability writes it: keys of the notifications namespace. */
  const reminder = (days: number) => ({
    kind: 'commitments.reminder',
    texts: {
      title: 'commitments.reminder.due_soon.title',
      body: 'commitments.reminder.due_soon.body',
      params: { round: 'Drogat 2026', partner: 'AL', dueDate: '2026-12-15', count: days },
    },
    link: '/commitments/rounds/r1',
  });
  const bell = async (who: TestUser, query = '') =>
    (await app.inject({ url: `/api/v1/notifications${query}`, headers: bearer(who) })).json().notifications[0];
  const chooseLanguage = (who: TestUser, language: string) =>
    app.inject({ method: 'PUT', url: '/api/v1/me/language', headers: bearer(who), payload: { language } });

  it('shows an Albanian coordinator the bell and the e-mail in Albanian, an English one in English, the row in English', async () => {
    const sq = await makeUser(get().db, 'coordinator', 'AL');
    const en = await makeUser(get().db, 'coordinator', 'AL');
    expect((await chooseLanguage(sq, 'sq')).statusCode).toBe(200);
    const rows = await notify(get().db, { userIds: [sq.user.id, en.user.id] }, reminder(5));
    // What is stored is English, for whatever reads the rows; the keys render it for each reader.
    expect(rows.map((r) => r.title)).toEqual(['Progress report due in 5 days: Drogat 2026', 'Progress report due in 5 days: Drogat 2026']);

    expect(await bell(sq)).toMatchObject({
      title: 'Raporti i progresit ka afat pas 5 ditësh: Drogat 2026',
      body: 'Raporti i AL për „Drogat 2026” ka afat më 2026-12-15.',
    });
    expect(await bell(en)).toMatchObject({
      title: 'Progress report due in 5 days: Drogat 2026',
      body: 'AL\'s report for "Drogat 2026" is due on 2026-12-15.',
    });

    const before = smtp.received.length;
    await deliverPendingEmails(get().db, {
      smtpUrl: smtp.url,
      mailFrom: 'JHA Hub <no-reply@jha-hub.local>',
      publicUrl: 'https://hub.example.org',
    });
    const mailTo = (who: TestUser) => smtp.received.slice(before).find((m) => m.to.includes(who.user.email))!;
    expect(mailTo(sq).subject).toBe('Raporti i progresit ka afat pas 5 ditësh: Drogat 2026');
    expect(mailTo(sq).text).toBe(
      'Raporti i AL për „Drogat 2026” ka afat më 2026-12-15.\n\n' +
        'Hapeni në JHA Hub: https://hub.example.org/commitments/rounds/r1\n\n' +
        '--\nE merrni këtë e-mail sepse keni një llogari në JHA Hub.\n',
    );
    expect(mailTo(en).subject).toBe('Progress report due in 5 days: Drogat 2026');
    expect(mailTo(en).text).toBe(
      'AL\'s report for "Drogat 2026" is due on 2026-12-15.\n\n' +
        'Open in JHA Hub: https://hub.example.org/commitments/rounds/r1\n\n' +
        '--\nYou receive this e-mail because you have an account on JHA Hub.\n',
    );
  });

  it('renders at read time: a user who changes language reads their older notifications in the new one; ?lang= asks for another', async () => {
    const who = await makeUser(get().db, 'coordinator', 'RS');
    await notify(get().db, { userIds: [who.user.id] }, reminder(1));
    expect((await bell(who)).title).toBe('Progress report due in 1 day: Drogat 2026');
    await chooseLanguage(who, 'sr-Latn');
    expect((await bell(who)).title).toBe('Rok za izveštaj o napretku ističe za 1 dan: Drogat 2026');
    expect((await bell(who, '?lang=sr-Cyrl')).title).toBe('Рок за извештај о напретку истиче за 1 дан: Drogat 2026');
    // An unknown language is passed over: the user's own.
    expect((await bell(who, '?lang=xx')).title).toBe('Rok za izveštaj o napretku ističe za 1 dan: Drogat 2026');
  });

  it('writes a figure as the reader’s language writes numbers', async () => {
    const who = await makeUser(get().db, 'commission');
    await chooseLanguage(who, 'mk');
    await notify(
      get().db,
      { userIds: [who.user.id] },
      {
        kind: 'migration.alert',
        texts: {
          title: 'migration.alert.title',
          body: 'migration.alert.body',
          params: {
            rule: 'Arrivals',
            scope: 'Serbia',
            period: '2026-10',
            indicator: 'Arrivals',
            value: { figure: 12345.67, unit: '' },
            condition: '>',
            threshold: { figure: 10000, unit: '' },
          },
        },
      },
    );
    expect((await bell(who)).body).toBe('Arrivals за Serbia во 2026-10: 12.345,7 (праг > 10.000).');
    expect((await bell(who, '?lang=en')).body).toBe('Arrivals for Serbia in 2026-10: 12,345.7 (threshold > 10,000).');
  });
});
