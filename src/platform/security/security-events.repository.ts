// The only place that writes SQL for security_events.
import type { Insertable, Selectable } from 'kysely';
import type { DbOrTrx } from '../db/database.js';
import type { SecurityEventsTable } from './tables.js';

export type SecurityEventRow = Selectable<SecurityEventsTable>;

export async function insertSecurityEvent(db: DbOrTrx, row: Insertable<SecurityEventsTable>): Promise<void> {
  await db.insertInto('security_events').values(row).execute();
}

/** Newest first; `before` (an id) pages backwards. */
export function listSecurityEvents(db: DbOrTrx, f: { kind?: string; limit: number; before?: number }): Promise<SecurityEventRow[]> {
  let q = db.selectFrom('security_events').selectAll();
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.before !== undefined) q = q.where('id', '<', f.before);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}
