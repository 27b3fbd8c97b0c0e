// Notifications: recorded for users by the capabilities (once per dedupe key), listed and marked
// read by their recipient, and e-mailed by a background job when SMTP is configured; their texts in
// the reader's language (notification-texts.ts).
import type { FastifyBaseLogger } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../audit/actor.js';
import { appendAuditEntry } from '../audit/audit.repository.js';
import type { Config } from '../config.js';
import type { Db, DbOrTrx } from '../db/database.js';
import type { EmailPreference, NotificationsTable, Role } from '../db/tables.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { localeOfUser, translator } from '../i18n/index.js';
import type { Locale } from '../locales.js';
import { openMailer } from '../mail/mailer.js';
import { renderNotificationTexts, type NotificationTexts } from './notification-texts.js';
import {
  activeReviewerIdsOf,
  findEmailPreference,
  setDigestSent,
  setEmailPreference,
  type UnsentNotification,
  activeUserIds,
  activeUserIdsAmong,
  countUnread,
  findNotification,
  insertNotifications,
  listUnsentNotifications,
  listUserNotifications,
  setNotificationEmailed,
  setNotificationRead,
  type UserQuery,
} from './notifications.repository.js';

/** Explicit users, or every active user matching the roles and/or partners given. */
export type Recipients = { userIds: readonly string[] } | UserQuery;

/**
 * What to tell: either `texts`, keys of the `notifications` namespace rendered in each reader's
 * language (with `body` as the writer's own words when the texts have no body key), or a plain
 * `title` and `body` shown to everyone as written.
 */
export type NotificationMessage = NotificationBase &
  ({ texts: NotificationTexts; body?: string } | { texts?: undefined; title: string; body: string });

interface NotificationBase {
  /** What it is about, e.g. 'commitments.reminder'. */
  kind: string;
  /** A path inside the app, e.g. /commitments/rounds/…; outside URLs are refused. */
  link?: string | null;
  /** A user who already has a notification with this key does not get another one. */
  dedupeKey?: string | null;
}

export interface NotifyOptions {
  /** Creation time recorded on the rows; now by default. */
  now?: Date;
}

/** The texts as stored: English in title and body, the keys (if any) as JSON. */
function storedTexts(m: NotificationMessage): { title: string; body: string; texts_json: string | null } {
  if (!m.texts) return { title: m.title.trim(), body: m.body, texts_json: null };
  const texts_json = JSON.stringify(m.texts);
  const english = renderNotificationTexts({ title: '', body: m.body ?? '', texts_json }, 'en');
  return { title: english.title.trim(), body: english.body, texts_json };
}

function checkMessage(m: NotificationMessage, title: string): void {
  if (!m.kind.trim()) throw new ValidationError('kind: a notification needs a kind.', { field: 'kind' });
  if (!title) throw new ValidationError('title: a notification needs a title.', { field: 'title' });
  // Only app paths: a link shown to users and e-mailed must not lead anywhere outside the app.
  if (m.link != null && !/^\/(?![/\\])[^\s]*$/.test(m.link)) {
    throw new ValidationError(`link: "${m.link}" is not a path inside the app (it must start with a single /).`, { field: 'link' });
  }
}

/**
 * Records the message once for every active recipient (disabled users are skipped) and returns the
 * rows created. A user who already has a notification with the message's dedupeKey gets none, so
 * a job that runs again, or two processes doing the same work, never notify anyone twice. Pass the
 * caller's transaction so that the notifications exist only if the change they announce commits.
 */
export async function notify(
  db: DbOrTrx,
  recipients: Recipients,
  message: NotificationMessage,
  options: NotifyOptions = {},
): Promise<NotificationsTable[]> {
  const texts = storedTexts(message);
  checkMessage(message, texts.title);
  const userIds =
    'userIds' in recipients ? await activeUserIdsAmong(db, [...new Set(recipients.userIds)]) : await activeUserIds(db, recipients);
  if (userIds.length === 0) return [];
  const createdAt = (options.now ?? new Date()).toISOString();
  const rows: NotificationsTable[] = userIds.map((userId) => ({
    id: randomUUID(),
    user_id: userId,
    kind: message.kind,
    ...texts,
    link: message.link ?? null,
    dedupe_key: message.dedupeKey ?? null,
    created_at: createdAt,
    read_at: null,
    emailed_at: null,
  }));
  return insertNotifications(db, rows);
}

/** Ids of the active users holding any of the roles. */
export function usersByRole(db: DbOrTrx, roles: readonly Role[]): Promise<string[]> {
  return activeUserIds(db, { roles });
}

/** Ids of the active reviewers of a domain (those limited to other domains are left out). */
export function reviewersOf(db: DbOrTrx, domain: string): Promise<string[]> {
  return activeReviewerIdsOf(db, domain);
}

/** Ids of the active coordinators of the partners (codes in any case). */
export function coordinatorsOf(db: DbOrTrx, partnerCodes: readonly string[]): Promise<string[]> {
  return activeUserIds(db, { roles: ['coordinator'], partners: partnerCodes.map((p) => p.toUpperCase()) });
}

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  read: boolean;
  readAt: string | null;
}

/** The notification as its reader sees it, its texts in their language. */
export function presentNotification(row: NotificationsTable, locale: Locale = 'en'): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    ...renderNotificationTexts(row, locale),
    link: row.link,
    createdAt: row.created_at,
    read: row.read_at !== null,
    readAt: row.read_at,
  };
}

/** The user's newest notifications (at most `limit`) in the reader's language, and how many of all theirs are unread. */
export async function listMyNotifications(
  db: Db,
  userId: string,
  limit: number,
  locale: Locale = 'en',
): Promise<{ notifications: NotificationView[]; unread: number }> {
  const rows = await listUserNotifications(db, userId, limit);
  return { notifications: rows.map((row) => presentNotification(row, locale)), unread: await countUnread(db, userId) };
}

/**
 * Marks one of the user's own notifications read (audited; nothing changes when it already is).
 * Another user's notification answers as missing, so ids cannot be probed.
 */
export async function markNotificationRead(
  db: Db,
  actor: Actor,
  userId: string,
  id: string,
  locale: Locale = 'en',
): Promise<NotificationView> {
  return db.transaction().execute(async (trx) => {
    const row = await findNotification(trx, id);
    if (!row || row.user_id !== userId) throw new NotFoundError('Notification', id);
    if (row.read_at !== null) return presentNotification(row, locale);
    const readAt = new Date().toISOString();
    await setNotificationRead(trx, id, readAt);
    await appendAuditEntry(trx, actor, {
      action: 'notification.read',
      entityType: 'notification',
      entityId: id,
      before: { read: false },
      after: { read: true },
    });
    return presentNotification({ ...row, read_at: readAt }, locale);
  });
}

/** Older notifications are not e-mailed any more: turning SMTP on later must not send a backlog of stale news. */
export const EMAIL_MAX_AGE_MS = 3 * 24 * 60 * 60_000;
const EMAIL_BATCH = 200;
/** nodemailer's codes for a refusal of one message; any other failure (network, sign-in) would fail the rest too. */
const MESSAGE_ERRORS = new Set(['EENVELOPE', 'EMESSAGE']);

/** One notification's e-mail, in its recipient's language. */
function emailText(n: UnsentNotification, publicUrl: string | undefined): { subject: string; text: string } {
  const tr = translator(localeOfUser(n.language));
  const { title, body } = renderNotificationTexts(n, tr.locale);
  const lines = [body.trim()];
  if (n.link) lines.push('', tr.t('mail:notification.open', { url: `${publicUrl ?? ''}${n.link}` }));
  lines.push('', '--', tr.t('mail:notification.footer'));
  return { subject: title, text: lines.join('\n') + '\n' };
}

const DAY_MS = 24 * 60 * 60_000;

/** A user's daily digest of their notifications, in their language. */
function digestText(items: UnsentNotification[], publicUrl: string | undefined): { subject: string; text: string } {
  const tr = translator(localeOfUser(items[0]!.language));
  const lines = [tr.t('mail:digest.intro', { count: items.length }), ''];
  for (const n of items) {
    const { title, body } = renderNotificationTexts(n, tr.locale);
    lines.push(`* ${title}`, `  ${body.trim()}`);
    if (n.link) lines.push(`  ${publicUrl ?? ''}${n.link}`);
    lines.push('');
  }
  lines.push('--', tr.t('mail:digest.footer'));
  return { subject: tr.t('mail:digest.subject'), text: lines.join('\n') + '\n' };
}

/**
 * E-mails notifications not yet sent (of active users, created within EMAIL_MAX_AGE_MS, oldest
 * first, at most 200 per call), each in its recipient's language, as each user chose: one e-mail each, or one digest a day of all of
 * them; none for users who chose none. Records emailed_at for each one the server accepted. Does
 * nothing when SMTP_URL is not set. A failure is logged, not thrown: the notification stays unsent
 * for the next call, and a failure that is not about one message (server unreachable) ends this call.
 * Meant to run in one process at a time (the 'mail.deliver' job), else a message may go out twice.
 */
export async function deliverPendingEmails(
  db: Db,
  config: Pick<Config, 'smtpUrl' | 'mailFrom'> & Partial<Pick<Config, 'publicUrl'>>,
  log?: Pick<FastifyBaseLogger, 'warn'>,
  now: Date = new Date(),
): Promise<{ sent: number; failed: number }> {
  const mailer = openMailer(config);
  if (!mailer) return { sent: 0, failed: 0 };
  const pending = await listUnsentNotifications(
    db,
    new Date(now.getTime() - EMAIL_MAX_AGE_MS).toISOString(),
    new Date(now.getTime() - DAY_MS).toISOString(),
    EMAIL_BATCH,
  );
  // One message per notification, or one per digest user with all of theirs.
  const messages: { to: string; subject: string; text: string; items: UnsentNotification[] }[] = [];
  const digests = new Map<string, UnsentNotification[]>();
  for (const n of pending) {
    if (n.email_preference === 'daily') {
      const list = digests.get(n.user_id);
      if (list) list.push(n);
      else digests.set(n.user_id, [n]);
    } else messages.push({ to: n.email, ...emailText(n, config.publicUrl), items: [n] });
  }
  for (const items of digests.values()) messages.push({ to: items[0]!.email, ...digestText(items, config.publicUrl), items });
  let sent = 0;
  let failed = 0;
  try {
    for (const m of messages) {
      try {
        await mailer.send({ to: m.to, subject: m.subject, text: m.text });
      } catch (err) {
        failed += 1;
        log?.warn(
          { err, notification: m.items[0]!.id, count: m.items.length },
          'notification e-mail not sent; it is tried again on the next run',
        );
        if (MESSAGE_ERRORS.has((err as { code?: string }).code ?? '')) continue;
        break;
      }
      const at = new Date().toISOString();
      for (const n of m.items) await setNotificationEmailed(db, n.id, at);
      if (m.items[0]!.email_preference === 'daily') await setDigestSent(db, m.items[0]!.user_id, now.toISOString());
      sent += 1;
    }
  } finally {
    mailer.close();
  }
  return { sent, failed };
}

export const EMAIL_PREFERENCES: readonly EmailPreference[] = ['each', 'daily', 'none'];

export async function emailPreferenceOf(db: Db, userId: string): Promise<EmailPreference> {
  return (await findEmailPreference(db, userId)) ?? 'each';
}

/** Sets how the user wants notifications by e-mail (audited). */
export async function changeEmailPreference(db: Db, actor: Actor, userId: string, preference: EmailPreference): Promise<EmailPreference> {
  if (!EMAIL_PREFERENCES.includes(preference))
    throw new ValidationError(`emailPreference: "${String(preference).slice(0, 20)}" is not one of each, daily, none.`, {
      field: 'emailPreference',
    });
  await db.transaction().execute(async (trx) => {
    const before = (await findEmailPreference(trx, userId)) ?? 'each';
    await setEmailPreference(trx, userId, preference);
    await appendAuditEntry(trx, actor, {
      action: 'user.email_preference',
      entityType: 'user',
      entityId: userId,
      before: { emailPreference: before },
      after: { emailPreference: preference },
    });
  });
  return preference;
}
