// The only place that writes SQL for users.
import type { DbOrTrx } from '../db/database.js';
import type { UsersTable } from '../db/tables.js';

export function findUserById(db: DbOrTrx, id: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: DbOrTrx, email: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export function listUsers(db: DbOrTrx, filter: { partner?: string } = {}): Promise<UsersTable[]> {
  let q = db.selectFrom('users').selectAll();
  if (filter.partner) q = q.where('partner_code', '=', filter.partner);
  return q.orderBy('email').execute();
}

export async function countUsers(db: DbOrTrx): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUser(db: DbOrTrx, row: UsersTable): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(db: DbOrTrx, id: string, changes: Partial<Omit<UsersTable, 'id'>>): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}
