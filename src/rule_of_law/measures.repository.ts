// The only place that writes SQL for emergency_measures.
import type { DbOrTrx } from '../platform/db/database.js';
import type { PublicationStatus } from '../platform/viewer.js';
import type { EmergencyMeasuresTable } from './tables.js';

export interface MeasureQuery {
  partner?: string;
  category?: string;
  status?: PublicationStatus;
  /** Only these statuses (the public's published). */
  statuses?: PublicationStatus[];
  /** Published ones, or any of this partner (a coordinator's own). */
  visibleToPartner?: string;
}

export function listMeasures(db: DbOrTrx, q: MeasureQuery): Promise<EmergencyMeasuresTable[]> {
  let query = db.selectFrom('emergency_measures').selectAll();
  if (q.partner) query = query.where('partner_code', '=', q.partner);
  if (q.category) query = query.where('category', '=', q.category);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.statuses) query = query.where('status', 'in', q.statuses);
  const own = q.visibleToPartner;
  if (own !== undefined) query = query.where((eb) => eb.or([eb('status', '=', 'published'), eb('partner_code', '=', own)]));
  return query.orderBy('partner_code').orderBy('start_date', 'desc').orderBy('id').execute();
}

export function findMeasure(db: DbOrTrx, id: string): Promise<EmergencyMeasuresTable | undefined> {
  return db.selectFrom('emergency_measures').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertMeasure(db: DbOrTrx, row: EmergencyMeasuresTable): Promise<void> {
  await db.insertInto('emergency_measures').values(row).execute();
}

/** Changes the measure if it is still at `version` (and bumps it); false when it is not (stale). */
export async function updateMeasure(
  db: DbOrTrx,
  id: string,
  version: number,
  patch: Partial<Omit<EmergencyMeasuresTable, 'id' | 'version'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('emergency_measures')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Deletes the measure if it is still at `version`; false when it is not. */
export async function deleteMeasure(db: DbOrTrx, id: string, version: number): Promise<boolean> {
  const r = await db.deleteFrom('emergency_measures').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
