import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../app/app.js';
import { describeEachDatabase, testConfig } from '../../testing/databases.js';
import { bearer, makeUser, type TestUser } from '../../testing/factories.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../testing/smtp.js';

const PUBLIC_URL = 'https://jha.example.org';

describeEachDatabase('invitations', (get) => {
  let app: FastifyInstance;
  let smtp: TestSmtpServer;
  let admin: TestUser;
  let commission: TestUser;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    const config = testConfig(get().config, {
      smtpUrl: smtp.url,
      mailFrom: 'JHA Hub <no-reply@jha.example.org>',
      publicUrl: PUBLIC_URL,
      signIn: { oidcProviders: [], mfaRequiredRoles: ['admin', 'commission'] },
    });
    app = await buildApp({ config, db: get().db, logger: false });
    admin = await makeUser(get().db, 'admin');
    commission = await makeUser(get().db, 'commission');
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  const invite = (who: TestUser, payload: object) =>
    app.inject({ method: 'POST', url: '/api/v1/invitations', headers: bearer(who), payload });
  const mailTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));
  /** The token of the link in the last e-mail to the address. */
  function tokenFor(email: string): string {
    const link = /https:\/\/jha\.example\.org\/invitation#(\S+)/.exec(mailTo(email).at(-1)!.text);
    return link![1]!;
  }
  const accept = (payload: object) => app.inject({ method: 'POST', url: '/api/v1/invitations/accept', payload });
  const audited = async (entityId: string) =>
    (await get().db.selectFrom('audit_log').select('action').where('entity_id', '=', entityId).orderBy('seq').execute()).map(
      (a) => a.action,
    );

  it('e-mails a single-use link; setting a password makes the account with the role and partner of the invitation', async () => {
    const email = `luka.${Date.now()}@mup.example.org`;
    const created = await invite(admin, { email, name: 'Luka Petrović', role: 'coordinator', partner: 'rs' });
    expect(created.statusCode, created.body).toBe(201);
    const { invitation, emailed, link } = created.json();
    expect(invitation).toMatchObject({ email, role: 'coordinator', partner: 'RS', status: 'pending', createdBy: admin.user.email });
    expect(emailed).toBe(true);
    expect(link).toBeNull();
    expect(Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt)).toBe(7 * 24 * 60 * 60_000);
    const [mail] = mailTo(email);
    expect(mail!.subject).toBe('Your invitation to JHA Hub');
    expect(mail!.from).toBe('no-reply@jha.example.org');
    expect(mail!.text).toContain(`${admin.user.email} invites you to JHA Hub`);
    expect(mail!.text).toContain('as National coordinator for Serbia');
    const token = tokenFor(email);
    // Only the token's hash is kept.
    const row = await get().db.selectFrom('invitations').selectAll().where('id', '=', invitation.id).executeTakeFirstOrThrow();
    expect(row.token_hash).not.toBe(token);
    expect(row.emailed_at).not.toBeNull();

    const details = await app.inject({ method: 'POST', url: '/api/v1/invitations/lookup', payload: { token } });
    expect(details.json()).toMatchObject({
      email,
      name: 'Luka Petrović',
      role: 'coordinator',
      partner: 'RS',
      secondFactorRequired: false,
      providers: [],
    });
    const weak = await accept({ token, password: 'password1234' });
    expect(weak.statusCode).toBe(400);
    const accepted = await accept({ token, password: 'a long and unusual passphrase' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().user).toMatchObject({ email, name: 'Luka Petrović', role: 'coordinator', partner: 'RS' });
    expect(accepted.cookies.find((c) => c.name === 'jha_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      value: expect.stringMatching(/^.{40,}$/),
    });
    const password = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: 'a long and unusual passphrase' },
    });
    expect(password.statusCode).toBe(200);
    expect(await audited(invitation.id)).toEqual(['invitation.create', 'invitation.send', 'invitation.accept']);
    expect(await audited(accepted.json().user.id)).toEqual(expect.arrayContaining(['user.create', 'auth.login']));

    // Single use: the link is spent.
    const twice = await accept({ token, password: 'another long passphrase here' });
    expect(twice.statusCode).toBe(410);
    expect(twice.json().error.code).toBe('invitation_unusable');
    const list = await app.inject({ method: 'GET', url: '/api/v1/invitations', headers: bearer(admin) });
    expect(list.json().invitations.find((i: { id: string }) => i.id === invitation.id)).toMatchObject({ status: 'used' });
    const events = await get().db.selectFrom('security_events').select(['kind', 'path']).where('kind', '=', 'invitation_invalid').execute();
    expect(events).toContainEqual({ kind: 'invitation_invalid', path: '/api/v1/invitations/accept' });
  });

  it('writes the e-mail in the language chosen for the invited person; an unknown language is refused', async () => {
    const email = `arta.${Date.now()}@mb.example.org`;
    const created = await invite(admin, { email, name: 'Arta Hoxha', role: 'coordinator', partner: 'AL', language: 'sq' });
    expect(created.statusCode, created.body).toBe(201);
    const [mail] = mailTo(email);
    expect(mail!.subject).toBe('Ftesa juaj për JHA Hub');
    const until = created.json().invitation.expiresAt.slice(0, 16).replace('T', ' ');
    expect(mail!.text.split('\n').filter((line) => !line.includes('/invitation#'))).toEqual([
      'Përshëndetje Arta Hoxha,',
      '',
      `${admin.user.email} ju fton në JHA Hub, platformën e bashkëpunimit BE–Ballkani Perëndimor për drejtësinë dhe punët e brendshme, si Koordinator kombëtar për Albania.`,
      '',
      'Hapeni këtë lidhje për të vendosur fjalëkalimin:',
      '',
      `Lidhja funksionon një herë, deri më ${until} UTC. Nëse nuk e prisnit këtë ftesë, shpërfilleni këtë e-mail.`,
      '',
      '--',
      'JHA Hub',
      '',
    ]);
    const unknown = await invite(admin, { email: `x.${Date.now()}@mb.example.org`, role: 'coordinator', partner: 'AL', language: 'xx' });
    expect(unknown.statusCode).toBe(400);
  });

  it('expires after 7 days', async () => {
    const email = `late.${Date.now()}@example.org`;
    const { invitation } = (await invite(admin, { email, role: 'reviewer', domains: ['justice'] })).json();
    const token = tokenFor(email);
    await get()
      .db.updateTable('invitations')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', invitation.id)
      .execute();
    expect((await app.inject({ method: 'POST', url: '/api/v1/invitations/lookup', payload: { token } })).statusCode).toBe(410);
    expect((await accept({ token, password: 'a long and unusual passphrase' })).statusCode).toBe(410);
    const list = await app.inject({ method: 'GET', url: '/api/v1/invitations', headers: bearer(admin) });
    expect(list.json().invitations.find((i: { id: string }) => i.id === invitation.id).status).toBe('expired');
  });

  it('replaces an earlier invitation of the same address, and can be withdrawn (audited)', async () => {
    const email = `twice.${Date.now()}@example.org`;
    const first = (await invite(admin, { email, role: 'reviewer' })).json().invitation;
    const firstToken = tokenFor(email);
    const second = (await invite(admin, { email, role: 'commission' })).json().invitation;
    expect((await accept({ token: firstToken, password: 'a long and unusual passphrase' })).statusCode).toBe(410);
    const revoked = await app.inject({ method: 'POST', url: `/api/v1/invitations/${second.id}/revoke`, headers: bearer(admin) });
    expect(revoked.json().status).toBe('revoked');
    expect((await accept({ token: tokenFor(email), password: 'a long and unusual passphrase' })).statusCode).toBe(410);
    expect(await audited(second.id)).toEqual(['invitation.create', 'invitation.send', 'invitation.revoke']);
    expect(first.status).toBe('pending');
  });

  it('lets the Commission invite national coordinators only; refuses others and known addresses', async () => {
    const ok = await invite(commission, { email: `c.${Date.now()}@example.org`, role: 'coordinator', partner: 'XK' });
    expect(ok.statusCode).toBe(201);
    expect((await invite(commission, { email: `a.${Date.now()}@example.org`, role: 'admin' })).statusCode).toBe(403);
    const coordinator = await makeUser(get().db, 'coordinator', 'AL');
    expect((await invite(coordinator, { email: `b.${Date.now()}@example.org`, role: 'coordinator', partner: 'AL' })).statusCode).toBe(403);
    expect((await invite(admin, { email: coordinator.user.email, role: 'reviewer' })).statusCode).toBe(409);
    const noPartner = await invite(admin, { email: `d.${Date.now()}@example.org`, role: 'coordinator' });
    expect(noPartner.json().error.message).toBe('partner: a coordinator must be bound to exactly one partner.');
    const theirs = await app.inject({ method: 'GET', url: '/api/v1/invitations', headers: bearer(commission) });
    expect(theirs.json().invitations.every((i: { role: string }) => i.role === 'coordinator')).toBe(true);
  });

  it('hands the link to the inviter when it cannot be e-mailed', async () => {
    const offline = await buildApp({ config: testConfig(get().config, { publicUrl: PUBLIC_URL }), db: get().db, logger: false });
    const email = `offline.${Date.now()}@example.org`;
    const created = await offline.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: bearer(admin),
      payload: { email, role: 'reviewer' },
    });
    expect(created.json()).toMatchObject({ emailed: false, invitation: { emailedAt: null } });
    expect(created.json().link).toMatch(/^https:\/\/jha\.example\.org\/invitation#[\w-]{43}$/);
    expect(mailTo(email)).toHaveLength(0);
    await offline.close();
  });

  it('sends an invited Commission officer to set up the second factor before the first session', async () => {
    const email = `desk.${Date.now()}@ec.example.org`;
    await invite(admin, { email, role: 'commission' });
    const accepted = await accept({ token: tokenFor(email), password: 'a long and unusual passphrase' });
    expect(accepted.statusCode).toBe(202);
    expect(accepted.json()).toEqual({ secondFactor: 'enrol' });
    expect(accepted.cookies.find((c) => c.name === 'jha_session')).toBeUndefined();
    const pending = accepted.cookies.find((c) => c.name === 'jha_pending')!.value;
    const { secret } = (
      await app.inject({ method: 'POST', url: '/api/v1/auth/second-factor/enrolment', cookies: { jha_pending: pending } })
    ).json();
    const code = TOTP.generate({ secret: Secret.fromBase32(secret) });
    const done = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/second-factor/enrolment/confirm',
      cookies: { jha_pending: pending },
      payload: { code },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().user).toMatchObject({ email, role: 'commission' });
  });
});
