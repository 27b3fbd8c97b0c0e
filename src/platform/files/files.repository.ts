// The only place that writes SQL for stored_files: uploaded documents kept in the database, so
// that every application process behind a load balancer serves the same files.
import { createHash, randomUUID } from 'node:crypto';
import type { DbOrTrx } from '../db/database.js';
import type { StoredFilesTable } from '../db/tables.js';
import type { CheckedFile } from './file-check.js';

export type StoredFileInfo = Omit<StoredFilesTable, 'content'>;

export async function insertFile(db: DbOrTrx, file: CheckedFile, createdBy: string): Promise<StoredFileInfo> {
  const row: StoredFilesTable = {
    id: randomUUID(),
    name: file.name,
    media_type: file.mediaType,
    size_bytes: file.content.length,
    sha256: createHash('sha256').update(file.content).digest('hex'),
    content: file.content,
    created_at: new Date().toISOString(),
    created_by: createdBy,
  };
  await db.insertInto('stored_files').values(row).execute();
  const { content: _content, ...info } = row;
  return info;
}

export function findFile(db: DbOrTrx, id: string): Promise<StoredFilesTable | undefined> {
  return db.selectFrom('stored_files').selectAll().where('id', '=', id).executeTakeFirst();
}

export function fileInfos(db: DbOrTrx, ids: string[]): Promise<StoredFileInfo[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('stored_files')
    .select(['id', 'name', 'media_type', 'size_bytes', 'sha256', 'created_at', 'created_by'])
    .where('id', 'in', ids)
    .execute();
}

export async function deleteFile(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('stored_files').where('id', '=', id).execute();
}
