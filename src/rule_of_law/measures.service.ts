// The register of emergency measures: a partner's coordinators enter and edit its measures and
// submit them; reviewers of the rule-of-law domain (and the Commission) return or approve them; the
// Commission publishes. The public reads published measures, a coordinator also its own partner's
// in any state. Every change is versioned (a stale version gets 409) and audited in its transaction.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../platform/audit/actor.js';
import { appendAuditEntry } from '../platform/audit/audit.service.js';
import type { Db } from '../platform/db/database.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.js';
import { notify, reviewersOf, usersByRole } from '../platform/notifications/notifications.service.js';
import { findPartner } from '../platform/partners/partners.service.js';
import { canEdit, canPublish, canReview, visibleRows, type Viewer } from '../platform/viewer.js';
import {
  allowed,
  canReadMeasure,
  checkDates,
  editableStatus,
  optional,
  required,
  RULE_OF_LAW_DOMAIN,
  TRANSITIONS,
  type Category,
  type Outcome,
  type Transition,
} from './measures.js';
import { deleteMeasure, findMeasure, insertMeasure, listMeasures, updateMeasure } from './measures.repository.js';
import type { CreateMeasureInput, Measure, MeasureFilter, MeasureInput, MeasureList } from './measures.schema.js';
import type { EmergencyMeasuresTable } from './tables.js';

const ENTITY = 'emergency_measure';
export const MEASURES_PAGE = '/rule-of-law/emergency-measures';

/** What the audit keeps of a measure: its fields and state, as the API shows them. */
function snapshot(row: EmergencyMeasuresTable): Omit<Measure, 'can'> {
  return {
    id: row.id,
    partner: row.partner_code,
    title: row.title,
    limited: row.limited,
    category: row.category as Category,
    legalBasis: row.legal_basis,
    adoptedBy: row.adopted_by,
    startDate: row.start_date,
    endDate: row.end_date,
    reviewDates: JSON.parse(row.review_dates_json) as string[],
    sunsetClause: row.sunset_clause === 1,
    sunsetDate: row.sunset_date,
    parliamentaryReview: { outcome: row.parliamentary_review as Outcome, comment: row.parliamentary_comment },
    judicialReview: { outcome: row.judicial_review as Outcome, comment: row.judicial_comment },
    sources: JSON.parse(row.sources_json) as string[],
    comment: row.comment,
    status: row.status,
    returnComment: row.return_comment,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
    publishedAt: row.published_at,
  };
}

export function presentMeasure(viewer: Viewer, row: EmergencyMeasuresTable): Measure {
  return { ...snapshot(row), can: allowed(viewer, row.partner_code, row.status) };
}

/** The columns of a measure's fields, checked (texts trimmed, dates across fields, sources parsed). */
function columnsOf(input: MeasureInput) {
  const { reviewDates, sources } = checkDates(input);
  return {
    title: required('title', input.title),
    limited: required('limited', input.limited),
    category: input.category,
    legal_basis: required('legalBasis', input.legalBasis),
    adopted_by: required('adoptedBy', input.adoptedBy),
    start_date: input.startDate,
    end_date: input.endDate ?? null,
    review_dates_json: JSON.stringify(reviewDates),
    sunset_clause: input.sunsetClause ? 1 : 0,
    sunset_date: input.sunsetDate ?? null,
    parliamentary_review: input.parliamentaryReview.outcome,
    parliamentary_comment: optional(input.parliamentaryReview.comment),
    judicial_review: input.judicialReview.outcome,
    judicial_comment: optional(input.judicialReview.comment),
    sources_json: JSON.stringify(sources),
    comment: optional(input.comment),
  };
}

function stale(): ConflictError {
  return new ConflictError('The measure was changed by someone else since you opened it; reload it and apply your change again.');
}

/** The measures the viewer may read, by partner and latest start first; the filters narrow them. */
export async function listVisibleMeasures(db: Db, viewer: Viewer, filter: MeasureFilter): Promise<MeasureList> {
  const rows = await listMeasures(db, {
    partner: filter.partner?.toUpperCase(),
    category: filter.category,
    status: filter.status,
    ...visibleRows(viewer),
  });
  return { measures: rows.map((r) => presentMeasure(viewer, r)) };
}

/** The measure, or a 404 when it does not exist or the viewer may not read it (as if it did not). */
async function readable(db: Db, viewer: Viewer, id: string): Promise<EmergencyMeasuresTable> {
  const row = await findMeasure(db, id);
  if (!row || !canReadMeasure(viewer, row.partner_code, row.status)) throw new NotFoundError('Emergency measure', id);
  return row;
}

export async function getMeasure(db: Db, viewer: Viewer, id: string): Promise<Measure> {
  return presentMeasure(viewer, await readable(db, viewer, id));
}

/** Adds a draft measure of a partner (its coordinators, admins). */
export async function createMeasure(db: Db, viewer: Viewer, actor: Actor, input: CreateMeasureInput): Promise<Measure> {
  const partner = input.partner.toUpperCase();
  if (!canEdit(viewer, partner)) throw new ForbiddenError(`Only the coordinators of ${partner} enter its emergency measures.`);
  if (!(await findPartner(db, partner)))
    throw new ValidationError(`partner: "${partner}" is not a partner of the catalogue.`, { field: 'partner' });
  const now = new Date().toISOString();
  const row: EmergencyMeasuresTable = {
    id: randomUUID(),
    partner_code: partner,
    ...columnsOf(input),
    status: 'draft',
    return_comment: null,
    version: 1,
    created_at: now,
    created_by: actor.label,
    updated_at: now,
    updated_by: actor.label,
    submitted_at: null,
    published_at: null,
  };
  await db.transaction().execute(async (trx) => {
    await insertMeasure(trx, row);
    await appendAuditEntry(trx, actor, { action: 'emergency_measure.create', entityType: ENTITY, entityId: row.id, after: snapshot(row) });
  });
  return presentMeasure(viewer, row);
}

/** A measure the viewer may change: readable (else 404), theirs (else 403), still a draft or returned (else 409). */
async function editable(db: Db, viewer: Viewer, id: string): Promise<EmergencyMeasuresTable> {
  const row = await readable(db, viewer, id);
  if (!canEdit(viewer, row.partner_code))
    throw new ForbiddenError(`Only the coordinators of ${row.partner_code} change its emergency measures.`);
  if (!editableStatus(row.status))
    throw new ConflictError(`The measure is ${row.status}; only a draft or a returned measure can be changed.`, { status: row.status });
  return row;
}

/** Replaces the fields of a draft or returned measure, given the version that was read. */
export async function changeMeasure(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  id: string,
  version: number,
  input: MeasureInput,
): Promise<Measure> {
  const before = await editable(db, viewer, id);
  const after: EmergencyMeasuresTable = {
    ...before,
    ...columnsOf(input),
    version: version + 1,
    updated_at: new Date().toISOString(),
    updated_by: actor.label,
  };
  await db.transaction().execute(async (trx) => {
    if (!(await updateMeasure(trx, id, version, after))) throw stale();
    await appendAuditEntry(trx, actor, {
      action: 'emergency_measure.update',
      entityType: ENTITY,
      entityId: id,
      before: snapshot(before),
      after: snapshot(after),
    });
  });
  return presentMeasure(viewer, after);
}

/** Deletes a draft (never submitted or returned) measure, given the version that was read. */
export async function removeMeasure(db: Db, viewer: Viewer, actor: Actor, id: string, version: number): Promise<void> {
  const row = await editable(db, viewer, id);
  if (row.status !== 'draft') throw new ConflictError(`The measure is ${row.status}; only a draft can be deleted.`, { status: row.status });
  await db.transaction().execute(async (trx) => {
    if (!(await deleteMeasure(trx, id, version))) throw stale();
    await appendAuditEntry(trx, actor, { action: 'emergency_measure.delete', entityType: ENTITY, entityId: id, before: snapshot(row) });
  });
}

/** Whether the viewer may take this step at all (the role; the partner for a submission). */
function mayTake(viewer: Viewer, step: Transition, partner: string): boolean {
  if (step === 'submit') return canEdit(viewer, partner);
  if (step === 'publish') return canPublish(viewer);
  return canReview(viewer, RULE_OF_LAW_DOMAIN);
}

/**
 * One workflow step on the version that was read: submit (draft or returned → submitted), return
 * (submitted → returned, with a comment), approve (submitted → approved), publish (approved →
 * published). A step the state does not allow is a 409; a stale version too. Submitting tells the
 * rule-of-law reviewers and the Commission, returning the partner's coordinators (not when `quiet`:
 * the demo seed).
 */
export async function moveMeasure(
  db: Db,
  viewer: Viewer,
  actor: Actor,
  id: string,
  step: Transition,
  version: number,
  comment?: string,
  options: { quiet?: boolean } = {},
): Promise<Measure> {
  const before = await readable(db, viewer, id);
  if (!mayTake(viewer, step, before.partner_code))
    throw new ForbiddenError(
      step === 'submit'
        ? `Only the coordinators of ${before.partner_code} submit its emergency measures.`
        : step === 'publish'
          ? 'Only the Commission publishes emergency measures.'
          : 'Only reviewers of the rule of law and the Commission return or approve emergency measures.',
    );
  const { from, to } = TRANSITIONS[step];
  if (!from.includes(before.status))
    throw new ConflictError(`The measure is ${before.status}; it cannot be ${to} from there.`, { status: before.status });
  const text = step === 'return' ? required('comment', comment ?? '') : null;
  const now = new Date().toISOString();
  const after: EmergencyMeasuresTable = {
    ...before,
    status: to,
    version: version + 1,
    updated_at: now,
    updated_by: actor.label,
    ...(step === 'submit' ? { submitted_at: now, return_comment: null } : {}),
    ...(step === 'return' ? { return_comment: text } : {}),
    ...(step === 'publish' ? { published_at: now } : {}),
  };
  await db.transaction().execute(async (trx) => {
    if (!(await updateMeasure(trx, id, version, after))) throw stale();
    if (step === 'submit' && !options.quiet)
      await notify(
        trx,
        { userIds: [...(await reviewersOf(trx, RULE_OF_LAW_DOMAIN)), ...(await usersByRole(trx, ['commission']))] },
        {
          kind: 'rule_of_law.measure_submitted',
          texts: {
            title: 'rule_of_law.submitted.title',
            body: 'rule_of_law.submitted.body',
            params: { partner: before.partner_code, title: before.title },
          },
          link: MEASURES_PAGE,
          dedupeKey: `emergency-measure:${id}:submitted:${version + 1}`,
        },
      );
    if (step === 'return' && !options.quiet)
      await notify(
        trx,
        { roles: ['coordinator'], partners: [before.partner_code] },
        {
          kind: 'rule_of_law.measure_returned',
          // The reviewer's comment is their own words, shown as written in every language.
          texts: { title: 'rule_of_law.returned.title', params: { title: before.title } },
          body: text ?? '',
          link: MEASURES_PAGE,
          dedupeKey: `emergency-measure:${id}:returned:${version + 1}`,
        },
      );
    await appendAuditEntry(trx, actor, {
      action: `emergency_measure.${step}`,
      entityType: ENTITY,
      entityId: id,
      before: { status: before.status, version: before.version },
      after: { status: to, version: version + 1, ...(text ? { comment: text } : {}) },
    });
  });
  return presentMeasure(viewer, after);
}
