import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app/app.js';
import { describeEachDatabase, testConfig } from '../../testing/databases.js';
import { bearer, makeUser, signIn, type TestUser } from '../../testing/factories.js';
import {
  acceptedTotpStep,
  isRecoveryCode,
  newRecoveryCodes,
  normaliseRecoveryCode,
  openTotpSecret,
  sealTotpSecret,
  totpStep,
} from './totp.js';

/** The code an authenticator app shows `steps` periods of 30 seconds from now. */
function codeFor(secret: string, steps = 0): string {
  return TOTP.generate({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    timestamp: Date.now() + steps * 30_000,
  });
}

describe('TOTP and recovery codes (pure)', () => {
  const secret = new Secret({ size: 20 }).base32;
  const now = new Date('2026-12-06T10:00:10Z');
  const at = (ms: number) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: now.getTime() + ms });
  it('accepts the current code and those of the step before and after, once each', () => {
    const step = totpStep(now);
    expect(acceptedTotpStep(secret, at(0), now, null)).toBe(step);
    expect(acceptedTotpStep(secret, at(-30_000), now, null)).toBe(step - 1);
    expect(acceptedTotpStep(secret, at(30_000), now, null)).toBe(step + 1);
    expect(acceptedTotpStep(secret, at(90_000), now, null)).toBeNull();
    expect(acceptedTotpStep(secret, at(0), now, step)).toBeNull();
    expect(acceptedTotpStep(secret, at(30_000), now, step)).toBe(step + 1);
    expect(acceptedTotpStep(secret, '12345', now, null)).toBeNull();
    expect(acceptedTotpStep(secret, ` ${at(0).slice(0, 3)} ${at(0).slice(3)} `, now, null)).toBe(step);
  });
  it('seals the secret so that only the same SESSION_SECRET opens it', () => {
    const sealed = sealTotpSecret('a'.repeat(40), secret);
    expect(sealed).not.toContain(secret);
    expect(openTotpSecret('a'.repeat(40), sealed)).toBe(secret);
    expect(openTotpSecret('b'.repeat(40), sealed)).toBeNull();
  });
  it('makes ten distinct recovery codes of 80 bits, typed in any case and with or without dashes', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    expect(normaliseRecoveryCode(codes[0]!.toLowerCase().replace(/-/g, ' '))).toBe(codes[0]!.replace(/-/g, ''));
    expect(isRecoveryCode(codes[0]!)).toBe(true);
    expect(isRecoveryCode('123456')).toBe(false);
  });
});

describeEachDatabase('the second factor of password sign-ins', (get) => {
  let app: FastifyInstance;
  let admin: TestUser;

  beforeAll(async () => {
    app = await buildApp({
      config: testConfig(get().config, { signIn: { oidcProviders: [], mfaRequiredRoles: ['admin'] } }),
      db: get().db,
      logger: false,
    });
    admin = await makeUser(get().db, 'admin');
  });
  afterAll(async () => app.close());

  const login = (who: TestUser, ip = '127.0.0.1') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: who.user.email, password: who.password },
      remoteAddress: ip,
    });
  const pendingOf = (response: { cookies: { name: string; value: string }[] }) =>
    response.cookies.find((c) => c.name === 'jha_pending')!.value;
  const sendCode = (pending: string, code: string, ip = '127.0.0.1') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/second-factor',
      cookies: { jha_pending: pending },
      payload: { code },
      remoteAddress: ip,
    });
  const audit = (action: string, entityId: string) =>
    get().db.selectFrom('audit_log').selectAll().where('action', '=', action).where('entity_id', '=', entityId).orderBy('seq').execute();

  /** A user who set up TOTP from the account page (its first code one step back); returns the secret and recovery codes. */
  async function enrolled(role: 'reviewer' | 'coordinator' = 'reviewer') {
    const user = await makeUser(get().db, role, role === 'coordinator' ? 'AL' : null);
    const { cookie, csrf } = await signIn(app, user.user.email, user.password);
    const headers = { cookie, 'x-csrf-token': csrf };
    const started = await app.inject({ method: 'POST', url: '/api/v1/me/second-factor/enrolment', headers });
    expect(started.statusCode, started.body).toBe(200);
    const { secret } = started.json();
    const confirmed = await app.inject({
      method: 'POST',
      url: '/api/v1/me/second-factor/confirm',
      headers,
      payload: { code: codeFor(secret, -1) },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    return { user, secret: secret as string, recoveryCodes: confirmed.json().recoveryCodes as string[], headers };
  }

  it('enrols from the account page: a QR code of the otpauth URI, a code computed by the app, recovery codes shown once and stored hashed', async () => {
    const user = await makeUser(get().db, 'reviewer');
    const { cookie, csrf } = await signIn(app, user.user.email, user.password);
    const headers = { cookie, 'x-csrf-token': csrf };
    const started = await app.inject({ method: 'POST', url: '/api/v1/me/second-factor/enrolment', headers });
    const { secret, uri, qrCode } = started.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toBe(
      `otpauth://totp/JHA%20Hub:${encodeURIComponent(user.user.email)}?issuer=JHA%20Hub&secret=${secret}&algorithm=SHA1&digits=6&period=30`,
    );
    expect(qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(qrCode.split(',')[1], 'base64').toString()).toMatch(/^<svg[^>]*viewBox/);
    const stored = await get().db.selectFrom('user_totp').selectAll().where('user_id', '=', user.user.id).executeTakeFirstOrThrow();
    expect(stored.secret_enc).not.toContain(secret);
    expect(stored.enabled_at).toBeNull();

    const wrong = await app.inject({ method: 'POST', url: '/api/v1/me/second-factor/confirm', headers, payload: { code: '000000' } });
    expect(wrong.statusCode).toBe(401);
    const confirmed = await app.inject({
      method: 'POST',
      url: '/api/v1/me/second-factor/confirm',
      headers,
      payload: { code: codeFor(secret) },
    });
    const codes: string[] = confirmed.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    const hashes = await get().db.selectFrom('user_recovery_codes').select('code_hash').where('user_id', '=', user.user.id).execute();
    expect(hashes).toHaveLength(10);
    expect(hashes.some((h) => codes.some((c) => h.code_hash.includes(c.replace(/-/g, ''))))).toBe(false);
    const status = await app.inject({ method: 'GET', url: '/api/v1/me/sign-in', headers: { cookie } });
    expect(status.json()).toMatchObject({
      password: true,
      secondFactor: { enabled: true, required: false, recoveryCodesLeft: 10 },
      identities: [],
    });
    expect((await audit('user.totp_enable', user.user.id)).map((a) => a.actor_id)).toEqual([user.user.id]);
    // Enabled once: a second set-up is refused until this one is removed.
    expect((await app.inject({ method: 'POST', url: '/api/v1/me/second-factor/enrolment', headers })).statusCode).toBe(409);
  });

  it('asks for the code after the password; the half-way state grants nothing; the code opens the session once', async () => {
    const { user, secret } = await enrolled();
    const first = await login(user);
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ secondFactor: 'totp' });
    expect(first.cookies.find((c) => c.name === 'jha_session')).toBeUndefined();
    expect(first.cookies.find((c) => c.name === 'jha_pending')).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/auth' });
    const pending = pendingOf(first);
    // The pending cookie is no session, whatever it is sent as.
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', cookies: { jha_pending: pending } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', cookies: { jha_session: pending } })).statusCode).toBe(401);
    const done = await sendCode(pending, codeFor(secret));
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().user.id).toBe(user.user.id);
    const session = done.cookies.find((c) => c.name === 'jha_session')!.value;
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', cookies: { jha_session: session } })).statusCode).toBe(200);
    // The challenge is spent, and the same code does not open a second session.
    expect((await sendCode(pending, codeFor(secret))).statusCode).toBe(401);
    expect((await sendCode(pendingOf(await login(user)), codeFor(secret))).statusCode).toBe(401);
    const logins = await audit('auth.login', user.user.id);
    expect(JSON.parse(logins.at(-1)!.after_json!).method).toBe('password+totp');
  });

  it('refuses a wrong code, records it in the security log, and throttles further attempts like failed passwords', async () => {
    const { user, secret } = await enrolled();
    const ip = '10.7.0.1';
    const pending = pendingOf(await login(user, ip));
    const statuses: number[] = [];
    for (const code of ['111111', '222222', '333333', codeFor(secret)]) statuses.push((await sendCode(pending, code, ip)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const failures = await get().db.selectFrom('login_failures').select('ip').where('email', '=', user.user.email).execute();
    expect(failures).toHaveLength(3);
    const events = await get().db.selectFrom('security_events').selectAll().where('user_id', '=', user.user.id).orderBy('id').execute();
    expect(events.map((e) => e.kind)).toEqual(['mfa_failed', 'mfa_failed', 'mfa_failed', 'throttled']);
    expect(events[0]).toMatchObject({ email: user.user.email, status: 401, path: '/api/v1/auth/second-factor' });
    // A right password does not buy more guesses: the password step is throttled by the same failures.
    expect((await login(user, ip)).statusCode).toBe(429);
    // Once the wait is over, the right code gets in and clears the failures.
    await get()
      .db.updateTable('login_failures')
      .set({ at: new Date(Date.now() - 60_000).toISOString() })
      .where('email', '=', user.user.email)
      .execute();
    expect((await sendCode(pending, codeFor(secret), ip)).statusCode).toBe(200);
    expect(await get().db.selectFrom('login_failures').select('id').where('email', '=', user.user.email).execute()).toHaveLength(0);
  });

  it('takes a recovery code in place of the TOTP code, once', async () => {
    const { user, recoveryCodes } = await enrolled();
    const used = await sendCode(pendingOf(await login(user)), recoveryCodes[3]!.toLowerCase());
    expect(used.statusCode, used.body).toBe(200);
    expect(JSON.parse((await audit('auth.login', user.user.id)).at(-1)!.after_json!).method).toBe('password+recovery_code');
    expect(JSON.parse((await audit('user.recovery_code_use', user.user.id))[0]!.after_json!)).toEqual({ recoveryCodesLeft: 9 });
    const again = await sendCode(pendingOf(await login(user)), recoveryCodes[3]!);
    expect(again.statusCode).toBe(401);
    expect(again.json().error.message).toBe('The recovery code is wrong or was used already.');
  });

  it('sends an admin without a second factor to set one up before anything else', async () => {
    const newAdmin = await makeUser(get().db, 'admin');
    const first = await login(newAdmin);
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ secondFactor: 'enrol' });
    const pending = pendingOf(first);
    // Nothing else is open to the half-way state: the enrolment asks for a code, not this one.
    expect((await sendCode(pending, '123456')).statusCode).toBe(401);
    const started = await app.inject({ method: 'POST', url: '/api/v1/auth/second-factor/enrolment', cookies: { jha_pending: pending } });
    expect(started.statusCode).toBe(200);
    const { secret } = started.json();
    const confirmed = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/second-factor/enrolment/confirm',
      cookies: { jha_pending: pending },
      payload: { code: codeFor(secret) },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().recoveryCodes).toHaveLength(10);
    expect(confirmed.json().user.role).toBe('admin');
    expect(confirmed.cookies.find((c) => c.name === 'jha_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      value: expect.stringMatching(/^.{40,}$/),
    });
    // From now on the admin's password is followed by a code.
    expect((await login(newAdmin)).json()).toEqual({ secondFactor: 'totp' });
  });

  it('does not count an admin’s password-only session opened before the requirement', async () => {
    const lenient = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
    const other = await makeUser(get().db, 'admin');
    const { cookie } = await signIn(lenient, other.user.email, other.password);
    expect((await lenient.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
    await lenient.close();
  });

  it('lets an admin reset a lost second factor (audited, sessions ended), never their own', async () => {
    const { user, headers } = await enrolled('coordinator');
    const reset = await app.inject({ method: 'POST', url: `/api/v1/users/${user.user.id}/second-factor/reset`, headers: bearer(admin) });
    expect(reset.statusCode).toBe(204);
    const entry = (await audit('user.totp_reset', user.user.id))[0]!;
    expect(entry).toMatchObject({ actor_id: admin.user.id, before_json: JSON.stringify({ secondFactor: 'totp' }) });
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: headers.cookie } })).statusCode).toBe(401);
    expect((await login(user)).statusCode).toBe(200);
    const list = await app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(admin) });
    expect(list.json().users.find((u: { id: string }) => u.id === user.user.id).secondFactor).toBe(false);
    const own = await app.inject({ method: 'POST', url: `/api/v1/users/${admin.user.id}/second-factor/reset`, headers: bearer(admin) });
    expect(own.statusCode).toBe(400);
    const commission = await makeUser(get().db, 'commission');
    expect(
      (await app.inject({ method: 'POST', url: `/api/v1/users/${user.user.id}/second-factor/reset`, headers: bearer(commission) }))
        .statusCode,
    ).toBe(403);
  });

  it('removes one’s own second factor with a current code; renews the recovery codes', async () => {
    const { user, secret, recoveryCodes, headers } = await enrolled();
    const renewed = await app.inject({
      method: 'POST',
      url: '/api/v1/me/second-factor/recovery-codes',
      headers,
      payload: { code: recoveryCodes[0]! },
    });
    expect(renewed.statusCode).toBe(200);
    expect(renewed.json().recoveryCodes).not.toContain(recoveryCodes[1]);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/me/second-factor/remove', headers, payload: { code: '000000' } })).statusCode,
    ).toBe(401);
    const removed = await app.inject({
      method: 'POST',
      url: '/api/v1/me/second-factor/remove',
      headers,
      payload: { code: codeFor(secret) },
    });
    expect(removed.statusCode).toBe(204);
    expect(await audit('user.totp_disable', user.user.id)).toHaveLength(1);
    expect((await login(user)).statusCode).toBe(200);
    // An API token does not manage the second factor.
    expect((await app.inject({ method: 'POST', url: '/api/v1/me/second-factor/enrolment', headers: bearer(user) })).statusCode).toBe(403);
  });
});
