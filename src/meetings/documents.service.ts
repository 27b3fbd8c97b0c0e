// Documents of a meeting: uploaded by the organisers with an access level (public, participants
// or the Commission) and optionally an agenda item, in numbered versions; the files are checked
// (type from the content, size) and stored in stored_files. Uploads are audited.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../platform/audit/actor.js';
import { appendAuditEntry } from '../platform/audit/audit.service.js';
import type { Db } from '../platform/db/database.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.js';
import { checkUpload } from '../platform/files/file-check.js';
import { findFile, insertFile } from '../platform/files/files.service.js';
import type { Viewer } from '../platform/viewer.js';
import { oneOf, requireOrganiser, text } from './meeting-input.js';
import { ACCESS, canReadDocument } from './meetings.js';
import type { DocumentView } from './meetings.schema.js';
import { getMeeting, meetingOrThrow } from './meetings.service.js';
import {
  findDocument,
  insertDocument,
  insertDocumentVersion,
  listDocumentVersions,
  listItems,
  touchMeeting,
} from './meetings.repository.js';

/** An upload: a new document (title, access, item) or, with `documentId`, a new version of one. */
export interface DocumentUpload {
  documentId?: string;
  title?: string;
  access?: string;
  itemId?: string | null;
  name: string | undefined;
  content: Buffer;
}

/** Uploads a document (a new one, or a new version of one) after checking type and size; nothing is stored when a check fails. */
export async function uploadDocument(db: Db, viewer: Viewer, actor: Actor, id: string, input: DocumentUpload): Promise<DocumentView> {
  requireOrganiser(viewer);
  await meetingOrThrow(db, id);
  let doc = input.documentId ? await findDocument(db, input.documentId) : undefined;
  if (input.documentId && (!doc || doc.meeting_id !== id)) throw new NotFoundError('Document', input.documentId);
  const access = doc ? doc.access : oneOf('access', input.access ?? '', ACCESS);
  const itemId = doc ? doc.item_id : input.itemId || null;
  if (itemId && !(await listItems(db, [id])).some((i) => i.id === itemId))
    throw new ValidationError(`item: "${itemId}" is not an agenda item of this meeting.`, { field: 'item' });
  const file = await checkUpload(input.name, input.content);
  const documentId = doc?.id ?? randomUUID();
  const version = doc ? (await listDocumentVersions(db, [doc.id])).length + 1 : 1;
  await db.transaction().execute(async (trx) => {
    if (!doc) {
      doc = {
        id: documentId,
        meeting_id: id,
        item_id: itemId,
        title: text('title', input.title ?? file.name, 300, true)!,
        access,
        created_at: new Date().toISOString(),
      };
      await insertDocument(trx, doc);
    }
    const stored = await insertFile(trx, file, actor.label);
    await insertDocumentVersion(trx, {
      document_id: documentId,
      version,
      file_id: stored.id,
      uploaded_at: stored.created_at,
      uploaded_by: actor.label,
    });
    await touchMeeting(trx, id);
    await appendAuditEntry(trx, actor, {
      action: 'meeting.document.upload',
      entityType: 'meeting',
      entityId: id,
      after: { document: documentId, version, access, file: file.name, size: input.content.length, sha256: stored.sha256 },
    });
  });
  return (await getMeeting(db, viewer, id)).documents.find((d) => d.id === documentId)!;
}

/** A document's file (the latest version unless one is named), if the viewer may read it. */
export async function documentFile(
  db: Db,
  viewer: Viewer,
  id: string,
  documentId: string,
  version?: number,
): Promise<{ name: string; mediaType: string; content: Buffer }> {
  const meeting = await getMeeting(db, viewer, id).catch(() => null);
  const doc = await findDocument(db, documentId);
  if (!meeting || !doc || doc.meeting_id !== id) throw new NotFoundError('Document', documentId);
  const delegations = meeting.delegations;
  if (!canReadDocument(viewer, doc.access, delegations)) {
    throw new ForbiddenError(
      doc.access === 'participants' ? "This document is for the meeting's participants only." : 'This document is for the Commission only.',
    );
  }
  const versions = await listDocumentVersions(db, [documentId]);
  const chosen = version ? versions.find((v) => v.version === version) : versions.at(-1);
  if (!chosen) throw new NotFoundError('Document version', `${documentId} v${version}`);
  const file = await findFile(db, chosen.file_id);
  return { name: file!.name, mediaType: file!.media_type, content: Buffer.from(file!.content) };
}
