// The only place that writes SQL for notifications (and the user look-ups that choose recipients).
import type { DbOrTrx } from '../db/database.js';
import type { EmailPreference, NotificationsTable, Role } from '../db/tables.js';

// Small enough for either database's limit on parameters per statement (10 per notification row).
const BATCH = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

/** Of the given ids, those of users who exist and are not disabled. */
export async function activeUserIdsAmong(db: DbOrTrx, ids: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const batch of chunks(ids)) {
    const rows = await db.selectFrom('users').select('id').where('id', 'in', batch).where('disabled_at', 'is', null).execute();
    found.push(...rows.map((r) => r.id));
  }
  return found;
}

export interface UserQuery {
  roles?: readonly Role[];
  partners?: readonly string[];
}

/** Active reviewers who review `domain`: those limited to domains that include it, and those not limited. */
export async function activeReviewerIdsOf(db: DbOrTrx, domain: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'domains_json'])
    .where('disabled_at', 'is', null)
    .where('role', '=', 'reviewer')
    .orderBy('email')
    .execute();
  return rows.filter((r) => r.domains_json === null || (JSON.parse(r.domains_json) as string[]).includes(domain)).map((r) => r.id);
}

/** Active users matching every given filter, in e-mail order. */
export async function activeUserIds(db: DbOrTrx, q: UserQuery): Promise<string[]> {
  let query = db.selectFrom('users').select('id').where('disabled_at', 'is', null);
  if (q.roles) query = query.where('role', 'in', q.roles.length ? [...q.roles] : ['' as Role]);
  if (q.partners) query = query.where('partner_code', 'in', q.partners.length ? [...q.partners] : ['']);
  return (await query.orderBy('email').execute()).map((r) => r.id);
}

/**
 * Inserts the rows, skipping any whose (user, dedupe key) is already recorded, also by a
 * concurrent transaction. Returns only the rows actually inserted.
 */
export async function insertNotifications(db: DbOrTrx, rows: readonly NotificationsTable[]): Promise<NotificationsTable[]> {
  const inserted: NotificationsTable[] = [];
  for (const batch of chunks(rows)) {
    inserted.push(
      ...(await db
        .insertInto('notifications')
        .values(batch)
        .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
        .returningAll()
        .execute()),
    );
  }
  return inserted;
}

/** A user's notifications, newest first. */
export function listUserNotifications(db: DbOrTrx, userId: string, limit: number): Promise<NotificationsTable[]> {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function countUnread(db: DbOrTrx, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findNotification(db: DbOrTrx, id: string): Promise<NotificationsTable | undefined> {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setNotificationRead(db: DbOrTrx, id: string, at: string): Promise<void> {
  await db.updateTable('notifications').set({ read_at: at }).where('id', '=', id).execute();
}

export interface UnsentNotification extends NotificationsTable {
  email: string;
  email_preference: EmailPreference;
  /** The recipient's language (null: not chosen). */
  language: string | null;
}

/**
 * Notifications created since `since` and not yet e-mailed, of active users who want them now:
 * each one, or a daily digest last sent before `digestBefore` (or never); oldest first.
 */
export function listUnsentNotifications(db: DbOrTrx, since: string, digestBefore: string, limit: number): Promise<UnsentNotification[]> {
  return db
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .selectAll('n')
    .select(['u.email', 'u.email_preference', 'u.language'])
    .where('n.emailed_at', 'is', null)
    .where('n.created_at', '>=', since)
    .where('u.disabled_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('u.email_preference', '=', 'each'),
        eb.and([
          eb('u.email_preference', '=', 'daily'),
          eb.or([eb('u.digest_sent_at', 'is', null), eb('u.digest_sent_at', '<=', digestBefore)]),
        ]),
      ]),
    )
    .orderBy('n.created_at')
    .orderBy('n.id')
    .limit(limit)
    .execute();
}

export async function setDigestSent(db: DbOrTrx, userId: string, at: string): Promise<void> {
  await db.updateTable('users').set({ digest_sent_at: at }).where('id', '=', userId).execute();
}

export async function setEmailPreference(db: DbOrTrx, userId: string, preference: EmailPreference): Promise<void> {
  await db.updateTable('users').set({ email_preference: preference }).where('id', '=', userId).execute();
}

export async function findEmailPreference(db: DbOrTrx, userId: string): Promise<EmailPreference | undefined> {
  return (await db.selectFrom('users').select('email_preference').where('id', '=', userId).executeTakeFirst())?.email_preference;
}

export async function setNotificationEmailed(db: DbOrTrx, id: string, at: string): Promise<void> {
  await db.updateTable('notifications').set({ emailed_at: at }).where('id', '=', id).where('emailed_at', 'is', null).execute();
}
