// Outgoing e-mail over SMTP (SMTP_URL, sender MAIL_FROM). Plain text only: what the platform sends
// are short notices that point back into the app.
import nodemailer from 'nodemailer';
import type { Config } from '../config.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Resolves once the server accepted the message; rejects with the server's or the network's error. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

type MailConfig = Pick<Config, 'smtpUrl' | 'mailFrom'>;

// nodemailer's defaults wait minutes for a silent server; a background job should give up sooner
// and leave the message for the next run.
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/**
 * A mailer that keeps one connection for a batch of messages; close it when the batch is done.
 * Null when SMTP_URL is not set.
 */
export function openMailer(config: MailConfig): Mailer | null {
  if (config.smtpUrl === null) return null;
  const transport = nodemailer.createTransport(
    { url: config.smtpUrl, pool: true, maxConnections: 1, ...TIMEOUTS },
    { from: config.mailFrom },
  );
  return {
    send: async (message) => {
      await transport.sendMail({ to: message.to, subject: message.subject, text: message.text });
    },
    close: () => transport.close(),
  };
}

/** Sends one message on a connection of its own. Throws when SMTP_URL is not set or sending fails. */
export async function sendMail(config: MailConfig, message: MailMessage): Promise<void> {
  const mailer = openMailer(config);
  if (!mailer) throw new Error('SMTP_URL is not set: e-mail cannot be sent.');
  try {
    await mailer.send(message);
  } finally {
    mailer.close();
  }
}
