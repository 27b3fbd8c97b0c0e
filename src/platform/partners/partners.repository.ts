// The only place that writes SQL for partners and org_units.
import type { DbOrTrx } from '../db/database.js';
import type { OrgUnitsTable, PartnersTable } from '../db/tables.js';

export function listPartners(db: DbOrTrx): Promise<PartnersTable[]> {
  return db.selectFrom('partners').selectAll().orderBy('sort_order').execute();
}

export function findPartner(db: DbOrTrx, code: string): Promise<PartnersTable | undefined> {
  return db.selectFrom('partners').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertPartner(db: DbOrTrx, row: PartnersTable): Promise<void> {
  await db.insertInto('partners').values(row).execute();
}

export async function updatePartner(db: DbOrTrx, code: string, changes: Omit<PartnersTable, 'code'>): Promise<void> {
  await db.updateTable('partners').set(changes).where('code', '=', code).execute();
}

export function listOrgUnits(db: DbOrTrx, partnerCode: string): Promise<OrgUnitsTable[]> {
  return db.selectFrom('org_units').selectAll().where('partner_code', '=', partnerCode).orderBy('code').execute();
}

/** Every org unit of every partner, by partner and code. */
export function listAllOrgUnits(db: DbOrTrx): Promise<OrgUnitsTable[]> {
  return db.selectFrom('org_units').selectAll().orderBy('partner_code').orderBy('code').execute();
}

export function findOrgUnit(db: DbOrTrx, code: string): Promise<OrgUnitsTable | undefined> {
  return db.selectFrom('org_units').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertOrgUnit(db: DbOrTrx, row: OrgUnitsTable): Promise<void> {
  await db.insertInto('org_units').values(row).execute();
}

export async function updateOrgUnit(
  db: DbOrTrx,
  code: string,
  changes: Pick<OrgUnitsTable, 'name' | 'kind' | 'parent_code'>,
): Promise<void> {
  await db.updateTable('org_units').set(changes).where('code', '=', code).execute();
}
