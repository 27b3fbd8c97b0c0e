// Evidence of a partner's report: files (checked by content and size, stored in stored_files)
// and links, added and removed while the report is with the partner, and downloads of a file by
// whoever may read its report. Every change is audited.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../platform/audit/actor.js';
import { appendAuditEntry } from '../platform/audit/audit.service.js';
import type { Db } from '../platform/db/database.js';
import { NotFoundError, ValidationError } from '../platform/errors.js';
import { checkUpload } from '../platform/files/file-check.js';
import { findFile, insertFile } from '../platform/files/files.service.js';
import type { Viewer } from '../platform/viewer.js';
import { canReadReport } from './progress.js';
import { deleteEvidence, findEvidence, insertEvidence, listEntries } from './progress.repository.js';
import type { EvidenceView } from './progress.schema.js';
import { commitmentIndex, editableReport } from './progress.service.js';

async function entryForEvidence(db: Db, viewer: Viewer, roundId: string, partner: string, commitment: string) {
  const { report } = await editableReport(db, viewer, roundId, partner);
  const entry = commitmentIndex(await listEntries(db, { reportIds: [report.id] })).get(commitment);
  if (!entry) throw new ValidationError(`"${commitment}" is not a commitment of ${partner} in this round.`, { field: 'commitment' });
  return { report, entry };
}

/** Stores an uploaded file as evidence after checking its type (by content) and size; nothing is stored when a check fails. */
export async function addEvidenceFile(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  roundId: string,
  partner: string,
  commitment: string,
  name: string | undefined,
  content: Buffer,
): Promise<EvidenceView> {
  const { report, entry } = await entryForEvidence(db, viewer, roundId, partner, commitment);
  const file = await checkUpload(name, content);
  const id = randomUUID();
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const stored = await insertFile(trx, file, actor.label);
    await insertEvidence(trx, {
      id,
      report_id: report.id,
      commitment_id: commitment,
      title: file.name,
      url: null,
      file_id: stored.id,
      added_at: now,
      added_by: actor.label,
    });
    await appendAuditEntry(trx, actor, {
      action: 'progress.evidence.add',
      entityType: 'progress_report',
      entityId: report.id,
      after: {
        evidence: id,
        action: entry.action_code,
        file: file.name,
        mediaType: file.mediaType,
        size: content.length,
        sha256: stored.sha256,
      },
    });
  });
  return {
    id,
    title: file.name,
    url: null,
    file: { name: file.name, mediaType: file.mediaType, size: content.length },
    addedAt: now,
    addedBy: actor.label,
  };
}

export async function addEvidenceLink(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  roundId: string,
  partner: string,
  commitment: string,
  url: string,
  title: string | undefined,
): Promise<EvidenceView> {
  const { report, entry } = await entryForEvidence(db, viewer, roundId, partner, commitment);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ValidationError(`url: "${url.slice(0, 100)}" is not a web address.`, { field: 'url' });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new ValidationError(`url: only http and https links are accepted, not ${parsed.protocol}`, { field: 'url' });
  const id = randomUUID();
  const now = new Date().toISOString();
  const label = title?.trim() || parsed.hostname;
  await db.transaction().execute(async (trx) => {
    await insertEvidence(trx, {
      id,
      report_id: report.id,
      commitment_id: commitment,
      title: label,
      url: parsed.href,
      file_id: null,
      added_at: now,
      added_by: actor.label,
    });
    await appendAuditEntry(trx, actor, {
      action: 'progress.evidence.add',
      entityType: 'progress_report',
      entityId: report.id,
      after: { evidence: id, action: entry.action_code, url: parsed.href, title: label },
    });
  });
  return { id, title: label, url: parsed.href, file: null, addedAt: now, addedBy: actor.label };
}

export async function removeEvidence(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  roundId: string,
  partner: string,
  evidenceId: string,
): Promise<void> {
  const { report } = await editableReport(db, viewer, roundId, partner);
  const evidence = await findEvidence(db, evidenceId);
  if (!evidence || evidence.report_id !== report.id) throw new NotFoundError('Evidence', evidenceId);
  await db.transaction().execute(async (trx) => {
    await deleteEvidence(trx, evidenceId);
    await appendAuditEntry(trx, actor, {
      action: 'progress.evidence.remove',
      entityType: 'progress_report',
      entityId: report.id,
      before: evidence,
    });
  });
}

/** The stored file of a piece of evidence, if the viewer may read the report it belongs to. */
export async function evidenceFile(
  db: Db,
  viewer: Viewer,
  evidenceId: string,
): Promise<{ name: string; mediaType: string; content: Buffer }> {
  const evidence = await findEvidence(db, evidenceId);
  if (!evidence?.file_id) throw new NotFoundError('Evidence file', evidenceId);
  const reports = await listEntries(db, { reportIds: [evidence.report_id], commitmentIds: [evidence.commitment_id] });
  const entry = reports[0];
  if (!entry || !canReadReport(viewer, entry.partner_code, entry.round_status, entry.report_status))
    throw new NotFoundError('Evidence file', evidenceId);
  const file = await findFile(db, evidence.file_id);
  if (!file) throw new NotFoundError('Evidence file', evidenceId);
  return { name: file.name, mediaType: file.media_type, content: Buffer.from(file.content) };
}
