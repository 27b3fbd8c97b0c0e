// `jha users invite` and `jha users reset-second-factor`, run as the real command.
import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../app/app.js';
import { runJha } from '../../testing/cli.js';
import { describeEachDatabase, testConfig } from '../../testing/databases.js';
import { makeUser, signIn } from '../../testing/factories.js';

describeEachDatabase('jha users invite and reset-second-factor', (get) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
  });
  afterAll(async () => app.close());

  it('invites by e-mail and prints the single-use link when there is no SMTP server', async () => {
    const email = `cli.${Date.now()}@example.org`;
    const result = runJha(get(), ['users', 'invite', '--email', email, '--role', 'coordinator', '--partner', 'xk', '--name', 'Arta']);
    expect(result.code, result.stderr).toBe(0);
    const [first, link] = result.stdout.trim().split('\n');
    expect(first).toMatch(new RegExp(`^Invited ${email.replace(/\./g, '\\.')} as coordinator for XK until \\d{4}-`));
    expect(link).toMatch(/^http:\/\/localhost:8080\/invitation#[\w-]{43}$/);
    expect(result.stderr).toContain('hand it over yourself');
    const token = link!.split('#')[1]!;
    const accepted = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token, password: 'a long and unusual passphrase' },
    });
    expect(accepted.json().user).toMatchObject({ email, name: 'Arta', role: 'coordinator', partner: 'XK' });
    const created = await get()
      .db.selectFrom('audit_log')
      .select(['actor_type', 'actor_label'])
      .where('action', '=', 'invitation.create')
      .executeTakeFirstOrThrow();
    expect(created.actor_type).toBe('cli');
  });

  it('resets a lost second factor, audited with the CLI as actor', async () => {
    const user = await makeUser(get().db, 'reviewer');
    const { cookie, csrf } = await signIn(app, user.user.email, user.password);
    const headers = { cookie, 'x-csrf-token': csrf };
    const { secret } = (await app.inject({ method: 'POST', url: '/api/v1/me/second-factor/enrolment', headers })).json();
    const code = TOTP.generate({ secret: Secret.fromBase32(secret) });
    expect((await app.inject({ method: 'POST', url: '/api/v1/me/second-factor/confirm', headers, payload: { code } })).statusCode).toBe(
      200,
    );
    const result = runJha(get(), ['users', 'reset-second-factor', '--email', user.user.email]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`Reset the second factor of ${user.user.email}; their sessions ended.\n`);
    expect(await get().db.selectFrom('user_totp').select('user_id').where('user_id', '=', user.user.id).executeTakeFirst()).toBeUndefined();
    const entry = await get()
      .db.selectFrom('audit_log')
      .select('actor_type')
      .where('action', '=', 'user.totp_reset')
      .executeTakeFirstOrThrow();
    expect(entry.actor_type).toBe('cli');
    const unknown = runJha(get(), ['users', 'reset-second-factor', '--email', 'nobody@example.org']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('User nobody@example.org does not exist.');
  });
});
