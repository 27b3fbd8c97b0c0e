// The only place that writes SQL for alerts and alert_recipients.
import type { DbOrTrx } from '../platform/db/database.js';
import type { AlertRecipientsTable, AlertsTable } from './tables.js';

/** Inserts the alert unless one exists for the same rule, scope and period; returns whether it did. */
export async function insertAlertOnce(db: DbOrTrx, row: AlertsTable): Promise<boolean> {
  const r = await db
    .insertInto('alerts')
    .values(row)
    .onConflict((oc) => oc.columns(['rule', 'scope_code', 'period']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Adds recipients; one already addressed stays as they were (acknowledgement kept). */
export async function insertRecipients(db: DbOrTrx, rows: AlertRecipientsTable[]): Promise<void> {
  if (rows.length)
    await db
      .insertInto('alert_recipients')
      .values(rows)
      .onConflict((oc) => oc.columns(['alert_id', 'user_id']).doNothing())
      .execute();
}

/** The alert recorded for a rule, scope and period, if any. */
export function findAlertOf(db: DbOrTrx, rule: string, scopeCode: string, period: string): Promise<AlertsTable | undefined> {
  return db
    .selectFrom('alerts')
    .selectAll()
    .where('rule', '=', rule)
    .where('scope_code', '=', scopeCode)
    .where('period', '=', period)
    .executeTakeFirst();
}

export function findAlert(db: DbOrTrx, id: string): Promise<AlertsTable | undefined> {
  return db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Alerts newest first; for one user only those addressed to them. */
export function listAlerts(db: DbOrTrx, filter: { userId?: string; partner?: string; limit?: number }): Promise<AlertsTable[]> {
  let q = db.selectFrom('alerts').selectAll('alerts');
  if (filter.userId) q = q.where('id', 'in', db.selectFrom('alert_recipients').select('alert_id').where('user_id', '=', filter.userId));
  if (filter.partner) q = q.where('partner_code', '=', filter.partner);
  return q
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(filter.limit ?? 200)
    .execute();
}

export interface RecipientRow extends AlertRecipientsTable {
  email: string;
  name: string;
  partner_code: string | null;
  role: string;
}

export function listRecipients(db: DbOrTrx, alertIds: string[]): Promise<RecipientRow[]> {
  if (alertIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('alert_recipients as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .selectAll('r')
    .select(['u.email', 'u.name', 'u.partner_code', 'u.role'])
    .where('r.alert_id', 'in', alertIds)
    .orderBy('u.email')
    .execute();
}

export async function acknowledge(db: DbOrTrx, alertId: string, userId: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('alert_recipients')
    .set({ acknowledged_at: at })
    .where('alert_id', '=', alertId)
    .where('user_id', '=', userId)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The alerts this user was told of and has not acknowledged, newest first. */
export function unacknowledgedAlerts(db: DbOrTrx, userId: string): Promise<AlertsTable[]> {
  return db
    .selectFrom('alerts')
    .selectAll('alerts')
    .where(
      'id',
      'in',
      db.selectFrom('alert_recipients').select('alert_id').where('user_id', '=', userId).where('acknowledged_at', 'is', null),
    )
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
}
