import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAIL_FROM } from '../config.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../testing/smtp.js';
import { sendMail } from './mailer.js';

describe('mailer', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startTestSmtpServer((address) => address.startsWith('nobody@'));
  });
  afterAll(async () => smtp.close());

  it('delivers a plain-text message to the SMTP server, from MAIL_FROM', async () => {
    const text = 'Dear coordinator,\nthe report for Skopje – Q3 is due on 1 December.\n' + 'A long line that goes on. '.repeat(6) + '\n';
    await sendMail(
      { smtpUrl: smtp.url, mailFrom: 'Hub Notices <notices@hub.example.org>' },
      { to: 'coordinator@example.org', subject: 'Report due – Skopje', text },
    );
    const mail = smtp.received.at(-1)!;
    expect(mail.from).toBe('notices@hub.example.org');
    expect(mail.to).toEqual(['coordinator@example.org']);
    expect(mail.headers.from).toBe('Hub Notices <notices@hub.example.org>');
    expect(mail.subject).toBe('Report due – Skopje');
    expect(mail.headers['content-type']).toMatch(/^text\/plain/);
    expect(mail.text.trimEnd()).toBe(text.trimEnd());
  });

  it('uses the default sender when MAIL_FROM is not set', async () => {
    await sendMail({ smtpUrl: smtp.url, mailFrom: DEFAULT_MAIL_FROM }, { to: 'a@example.org', subject: 'Hello', text: 'Body' });
    expect(smtp.received.at(-1)!.from).toBe('no-reply@jha-hub.local');
  });

  it('rejects when the server refuses the recipient, and when SMTP is not configured', async () => {
    const before = smtp.received.length;
    await expect(
      sendMail({ smtpUrl: smtp.url, mailFrom: DEFAULT_MAIL_FROM }, { to: 'nobody@example.org', subject: 'x', text: 'y' }),
    ).rejects.toMatchObject({ code: 'EENVELOPE' });
    await expect(
      sendMail({ smtpUrl: null, mailFrom: DEFAULT_MAIL_FROM }, { to: 'a@example.org', subject: 'x', text: 'y' }),
    ).rejects.toThrow(/SMTP_URL is not set/);
    expect(smtp.received.length).toBe(before);
  });
});
