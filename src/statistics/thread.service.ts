// A submission's thread: comments of its readers, and the data provider's explanations of
// validation warnings (required before submitting); each audited. The workflow's steps are told to
// the same thread (workflow.service.ts).
import { randomUUID } from 'node:crypto';
import type { Actor } from '../platform/audit/actor.js';
import { appendAuditEntry } from '../platform/audit/audit.service.js';
import type { Db, DbOrTrx } from '../platform/db/database.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, word } from '../platform/errors.js';
import { canEdit, canRead, type Viewer } from '../platform/viewer.js';
import { findSubmission, insertEvent, listFindings, upsertFindingComment } from './submissions.repository.js';
import { EDITABLE, type SubmissionKey } from './submissions.service.js';
import type { SubmissionsTable } from './tables.js';

async function readable(db: DbOrTrx, viewer: Viewer, key: SubmissionKey): Promise<SubmissionsTable> {
  const submission = await findSubmission(db, key.dataset, key.partner, key.period);
  if (!submission || !canRead(viewer, key.partner, submission.status))
    throw new NotFoundError('Submission', `${key.dataset} ${key.partner} ${key.period}`);
  return submission;
}

/** Adds a comment to the submission's thread (any signed-in reader). */
export async function addComment(db: Db, viewer: Viewer, actor: Actor, key: SubmissionKey, body: string): Promise<void> {
  const text = body.trim();
  if (!text)
    throw new ValidationError(
      'body: the comment is empty.',
      { field: 'body' },
      { key: 'workflow.comment_empty', params: { field: 'body' } },
    );
  await db.transaction().execute(async (trx) => {
    const submission = await readable(trx, viewer, key);
    const id = randomUUID();
    await insertEvent(trx, {
      id,
      submission_id: submission.id,
      at: new Date().toISOString(),
      author_id: actor.id,
      author: actor.label,
      kind: 'comment',
      body: text,
    });
    await appendAuditEntry(trx, actor, {
      action: 'submission.comment',
      entityType: 'submission',
      entityId: submission.id,
      after: { comment: text },
    });
  });
}

/**
 * Explains validation warnings (the data provider's comment, required before submitting): one, or
 * many at once with the same text — an import can raise dozens of similar outlier warnings.
 */
export async function commentFindings(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  key: SubmissionKey,
  findingKeys: string[],
  comment: string,
): Promise<number> {
  const text = comment.trim();
  if (!text)
    throw new ValidationError(
      'comment: explain the warning.',
      { field: 'comment' },
      { key: 'workflow.explain_warning', params: { field: 'comment' } },
    );
  if (findingKeys.length === 0)
    throw new ValidationError(
      'key: name the warnings to explain.',
      { field: 'key' },
      { key: 'workflow.name_warnings', params: { field: 'key' } },
    );
  if (!canEdit(viewer, key.partner))
    throw new ForbiddenError(`You cannot comment on ${key.partner}'s validation results.`, {
      key: 'workflow.cannot_comment',
      params: { partner: key.partner },
    });
  return db.transaction().execute(async (trx) => {
    const submission = await readable(trx, viewer, key);
    if (!EDITABLE.includes(submission.status))
      throw new ConflictError(`The submission is ${submission.status}; comments on warnings are given before submitting.`, undefined, {
        key: 'workflow.comment_too_late',
        params: { status: word(`workflow.status.${submission.status}`, submission.status) },
      });
    const known = new Set((await listFindings(trx, submission.id)).map((f) => f.key));
    const unknown = findingKeys.filter((k) => !known.has(k));
    if (unknown.length > 0) throw new NotFoundError('Validation finding', unknown[0]!);
    const at = new Date().toISOString();
    const unique = [...new Set(findingKeys)];
    for (const findingKey of unique)
      await upsertFindingComment(trx, { submission_id: submission.id, key: findingKey, comment: text, author: actor.label, at });
    await appendAuditEntry(trx, actor, {
      action: 'finding.comment',
      entityType: 'submission',
      entityId: submission.id,
      after: { findings: unique, comment: text },
    });
    return unique.length;
  });
}

/** Explains one validation warning. */
export function commentFinding(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  key: SubmissionKey,
  findingKey: string,
  comment: string,
): Promise<number> {
  return commentFindings(db, viewer, actor, key, [findingKey], comment);
}
