// The review workflow of a submission: submit (re-validated; refused on errors or uncommented
// warnings), return, approve, publish, reopen — each by the roles allowed, on the version read,
// audited and told to the thread (the thread's comments and explanations of warnings: thread.service.ts).
import { counted } from '../platform/words.js';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../platform/audit/actor.js';
import { appendAuditEntry } from '../platform/audit/audit.service.js';
import { coordinatorsOf, notify, reviewersOf } from '../platform/notifications/notifications.service.js';
import type { Db, DbOrTrx, Trx } from '../platform/db/database.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, word } from '../platform/errors.js';
import { canEdit, canPublish, canReview, type Viewer } from '../platform/viewer.js';
import type { Catalog, Dataset } from './catalog.js';
import { submissionsChanged } from './events.js';
import { findSubmission, insertEvent, listFindingComments, listValues, updateSubmissionIfVersion } from './submissions.repository.js';
import {
  checkKey,
  computeFindings,
  staleVersion,
  storeFindings,
  SubmissionBlockedError,
  toStored,
  type SubmissionKey,
} from './submissions.service.js';
import { makeRelease } from './read-model.service.js';
import { dueScheduledSubmissions, withdrawScheduledReleases } from './releases.repository.js';
import type { SubmissionsTable, SubmissionStatus } from './tables.js';

async function loadForTransition(trx: Trx, key: SubmissionKey, version: number): Promise<SubmissionsTable> {
  const submission = await findSubmission(trx, key.dataset, key.partner, key.period);
  if (!submission) throw new NotFoundError('Submission', `${key.dataset} ${key.partner} ${key.period}`);
  if (submission.version !== version) throw staleVersion(submission.version, version);
  return submission;
}

type Transition = 'submit' | 'return' | 'approve' | 'publish' | 'reopen';

const TRANSITIONS: Record<
  Transition,
  { from: SubmissionStatus[]; to: SubmissionStatus; allowed: (v: Viewer, partner: string, domain: string) => boolean; needsText: boolean }
> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', allowed: canEdit, needsText: false },
  return: { from: ['submitted', 'approved'], to: 'returned', allowed: (v, _p, domain) => canReview(v, domain), needsText: true },
  approve: { from: ['submitted'], to: 'approved', allowed: (v, _p, domain) => canReview(v, domain), needsText: false },
  publish: { from: ['approved'], to: 'published', allowed: (v) => canPublish(v), needsText: false },
  reopen: { from: ['approved', 'published'], to: 'draft', allowed: (v) => canPublish(v), needsText: true },
};

/** The dates a step sets (a reopen clears the approval and publication). */
const STAMPS: Record<Transition, (now: string) => Partial<SubmissionsTable>> = {
  submit: (now) => ({ submitted_at: now }),
  approve: (now) => ({ approved_at: now }),
  publish: (now) => ({ published_at: now }),
  reopen: () => ({ approved_at: null, published_at: null }),
  return: () => ({}),
};

/** Re-validates before a submit: refused while errors remain or warnings lack a comment. */
async function checkSubmittable(trx: Trx, catalog: Catalog, dataset: Dataset, key: SubmissionKey, submissionId: string): Promise<void> {
  const findings = await computeFindings(trx, catalog, dataset, key, toStored(await listValues(trx, submissionId)));
  await storeFindings(trx, submissionId, findings);
  const comments = new Set((await listFindingComments(trx, submissionId)).map((c) => c.key));
  const errors = findings.filter((f) => f.severity === 'error');
  const uncommented = findings.filter((f) => f.severity === 'warning' && !comments.has(f.key));
  if (errors.length > 0)
    throw new SubmissionBlockedError(
      `${counted(errors.length, 'validation error')} must be corrected before submitting: ${errors[0]!.message}`,
      errors,
    );
  if (uncommented.length > 0)
    throw new SubmissionBlockedError(
      `${counted(uncommented.length, 'warning')} ${uncommented.length === 1 ? 'needs' : 'need'} a comment before submitting: ${uncommented[0]!.message}`,
      uncommented,
    );
}

/** How far ahead a publication may be scheduled. */
const MAX_SCHEDULE_MS = 366 * 86_400_000;

/** A scheduled publication time: an ISO date-time with its zone, in the future, within a year. */
function scheduleTime(publishAt: string, now: Date): string {
  const at = Date.parse(publishAt);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(publishAt) || Number.isNaN(at))
    throw new ValidationError(
      `publishAt: "${publishAt.slice(0, 40)}" is not a date-time with its zone, e.g. 2027-01-15T10:00:00Z.`,
      { field: 'publishAt' },
      { key: 'workflow.publish_at_invalid', params: { field: 'publishAt', publishAt: publishAt.slice(0, 40) } },
    );
  if (at <= now.getTime())
    throw new ValidationError(
      'publishAt: the time has passed; publish without publishAt to publish now.',
      { field: 'publishAt' },
      { key: 'workflow.publish_at_past', params: { field: 'publishAt' } },
    );
  if (at - now.getTime() > MAX_SCHEDULE_MS)
    throw new ValidationError(
      'publishAt: a publication can be scheduled at most a year ahead.',
      { field: 'publishAt' },
      { key: 'workflow.publish_at_too_far', params: { field: 'publishAt' } },
    );
  return new Date(at).toISOString();
}

/** Refuses a step the viewer's role cannot take; a reviewer is told the domains they review. */
function checkAllowed(viewer: Viewer, key: SubmissionKey, dataset: Dataset, action: Transition): void {
  if (TRANSITIONS[action].allowed(viewer, key.partner, dataset.domain)) return;
  throw viewer.kind === 'user' && viewer.role === 'reviewer'
    ? new ForbiddenError(`You review ${viewer.domains?.join(', ')}; ${key.dataset} belongs to ${dataset.domain}.`, {
        key: 'workflow.other_domain',
        params: { domains: viewer.domains?.join(', '), dataset: key.dataset, domain: dataset.domain },
      })
    : new ForbiddenError(`Your role cannot ${action} ${key.partner}'s data.`, {
        key: `workflow.role_cannot_${action}`,
        params: { partner: key.partner },
      });
}

/** The submission a step starts from: on the version read, in a status the step leaves, no publication already scheduled. */
async function stepSubmission(trx: Trx, key: SubmissionKey, action: Transition, version: number): Promise<SubmissionsTable> {
  const submission = await loadForTransition(trx, key, version);
  if (!TRANSITIONS[action].from.includes(submission.status))
    throw new ConflictError(
      `Cannot ${action} a submission that is ${submission.status}.`,
      { status: submission.status },
      { key: `workflow.cannot_${action}`, params: { status: word(`workflow.status.${submission.status}`, submission.status) } },
    );
  if (action === 'publish' && submission.publish_at)
    throw new ConflictError(
      `The publication is already scheduled for ${submission.publish_at}; reopen it to change that.`,
      { publishAt: submission.publish_at },
      { key: 'workflow.already_scheduled', params: { publishAt: submission.publish_at } },
    );
  return submission;
}

/** What a step sets besides status and version: its dates (STAMPS), or only the time of a scheduled publication. */
async function stepStamps(
  trx: Trx,
  submission: SubmissionsTable,
  action: Transition,
  now: string,
  scheduled: string | null,
): Promise<Partial<SubmissionsTable>> {
  let stamps = STAMPS[action](now);
  let releases = submission.releases;
  // A scheduled publication not yet public is withdrawn by a reopen: it never was a release anyone saw.
  if (action === 'reopen' && submission.publish_at) {
    releases -= await withdrawScheduledReleases(trx, submission.id, now);
    stamps = { ...stamps, publish_at: null, releases };
  }
  if (scheduled) stamps = { publish_at: scheduled };
  return stamps;
}

/** The step in the submission's thread and in the audit log. */
async function recordStep(
  trx: Trx,
  actor: Actor,
  action: Transition,
  submission: SubmissionsTable,
  next: SubmissionsTable,
  step: { now: string; body: string; scheduled: string | null },
): Promise<void> {
  const { now, body, scheduled } = step;
  await insertEvent(trx, {
    id: randomUUID(),
    submission_id: submission.id,
    at: now,
    author_id: actor.id,
    author: actor.label,
    kind: action,
    body,
  });
  await appendAuditEntry(trx, actor, {
    action: `submission.${action}`,
    entityType: 'submission',
    entityId: submission.id,
    before: { status: submission.status, ...(submission.publish_at ? { publishAt: submission.publish_at } : {}) },
    after: { status: next.status, ...(scheduled ? { publishAt: scheduled } : {}), ...(body ? { text: body } : {}) },
  });
}

/** Takes an allowed step inside its transaction: checked, stored on the version read, released when published, recorded, announced. */
async function takeStep(
  trx: Trx,
  catalog: Catalog,
  actor: Actor,
  dataset: Dataset,
  key: SubmissionKey,
  action: Transition,
  version: number,
  body: string,
  scheduled: string | null,
): Promise<SubmissionsTable> {
  const submission = await stepSubmission(trx, key, action, version);
  if (action === 'submit') await checkSubmittable(trx, catalog, dataset, key, submission.id);
  const now = new Date().toISOString();
  const stamps = await stepStamps(trx, submission, action, now, scheduled);
  const status = scheduled ? submission.status : TRANSITIONS[action].to;
  const next: SubmissionsTable = { ...submission, ...stamps, status, version: submission.version + 1, updated_at: now };
  if (
    !(await updateSubmissionIfVersion(trx, submission.id, submission.version, {
      ...stamps,
      status: next.status,
      version: next.version,
      updated_at: now,
    }))
  )
    throw staleVersion(submission.version + 1, version);
  // A publication is a release: the values as published now (or dated when scheduled), kept whatever happens later.
  if (action === 'publish') next.releases = await makeRelease(trx, submission, actor.label, scheduled ?? now);
  await recordStep(trx, actor, action, submission, next, { now, body, scheduled });
  await announceStep(
    trx,
    dataset,
    key,
    scheduled ? 'schedule' : action,
    { id: next.id, version: next.version, publishAt: scheduled },
    body,
  );
  return next;
}

/**
 * Moves a submission through the workflow; submit re-validates and refuses on errors or uncommented
 * warnings. A publish with `publishAt` schedules it: the release is made now, dated then, so that
 * nothing of it is public before that moment; the submission stays approved until then
 * (publishScheduled), and a reopen before then withdraws the release.
 */
export async function transition(
  db: Db,
  catalog: Catalog,
  viewer: Viewer,
  actor: Actor,
  key: SubmissionKey,
  action: Transition,
  version: number,
  text?: string,
  options: { publishAt?: string } = {},
): Promise<SubmissionsTable> {
  const dataset = await checkKey(db, catalog, key);
  checkAllowed(viewer, key, dataset, action);
  const body = (text ?? '').trim();
  if (TRANSITIONS[action].needsText && body === '')
    throw new ValidationError(
      `${action === 'reopen' ? 'reason' : 'comment'}: say why (it is kept in the submission's thread).`,
      { field: action === 'reopen' ? 'reason' : 'comment' },
      { key: 'workflow.say_why', params: { field: action === 'reopen' ? 'reason' : 'comment' } },
    );
  const scheduled = action === 'publish' && options.publishAt !== undefined ? scheduleTime(options.publishAt, new Date()) : null;
  const next = await db.transaction().execute((trx) => takeStep(trx, catalog, actor, dataset, key, action, version, body, scheduled));
  // A submit re-checks the early warnings; a publish lets them reach beyond the partner (migration/alerts.service.ts).
  if (action === 'submit' || (action === 'publish' && !scheduled)) await submissionsChanged(db, catalog, [key], actor);
  return next;
}

type Step = Transition | 'schedule';

/**
 * Tells the people whose turn it is, in the step's transaction: a submission goes to the reviewers
 * of its domain; a return, approval, publication (or its scheduling) and reopening go to the
 * partner's coordinators. E-mailed by the mail job when SMTP is set.
 */
async function announceStep(
  trx: DbOrTrx,
  dataset: Dataset,
  key: SubmissionKey,
  step: Step,
  next: { id: string; version: number; publishAt: string | null },
  text: string,
) {
  const what = `${dataset.label}, ${key.partner} ${key.period}`;
  const comment = text ? (text.length > 300 ? `${text.slice(0, 300)}…` : text) : null;
  // Keys of the notifications namespace, rendered in each recipient's language; a comment is quoted as written.
  const body = (step === 'return' || step === 'reopen') && comment ? `submission.${step}.body_comment` : `submission.${step}.body`;
  const userIds = step === 'submit' ? await reviewersOf(trx, dataset.domain) : await coordinatorsOf(trx, [key.partner]);
  await notify(
    trx,
    { userIds },
    {
      kind: `submission.${step}`,
      texts: {
        title: `submission.${step}.title`,
        body,
        params: { what, partner: key.partner, date: next.publishAt ?? '', comment },
      },
      link: `/statistics/${key.dataset}/${key.partner}/${key.period}`,
      dedupeKey: `submission-${step}:${next.id}:${next.version}`,
    },
  );
}

/**
 * Publishes the approved submissions whose scheduled time has come (the job runner's minute
 * sweep): status published, dated as scheduled, audited; then the neighbours' alerts. Their
 * figures were public from that moment already (the release is dated then).
 */
export async function publishScheduled(db: Db, catalog: Catalog, actor: Actor, now = new Date()): Promise<number> {
  const due = await dueScheduledSubmissions(db, now.toISOString());
  const published: SubmissionKey[] = [];
  for (const s of due) {
    const done = await db.transaction().execute(async (trx) => {
      const at = s.publish_at!;
      const changed = await updateSubmissionIfVersion(trx, s.id, s.version, {
        status: 'published',
        published_at: at,
        publish_at: null,
        version: s.version + 1,
        updated_at: now.toISOString(),
      });
      if (!changed) return false;
      const dataset = catalog.datasets.get(s.dataset);
      if (dataset)
        await announceStep(
          trx,
          dataset,
          { dataset: s.dataset, partner: s.partner_code, period: s.period },
          'publish',
          { id: s.id, version: s.version + 1, publishAt: null },
          '',
        );
      await appendAuditEntry(trx, actor, {
        action: 'submission.publish',
        entityType: 'submission',
        entityId: s.id,
        before: { status: 'approved', publishAt: at },
        after: { status: 'published', publishedAt: at },
      });
      return true;
    });
    if (done) published.push({ dataset: s.dataset, partner: s.partner_code, period: s.period });
  }
  if (published.length > 0) await submissionsChanged(db, catalog, published, actor);
  return published.length;
}
