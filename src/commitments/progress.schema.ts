// Request and response schemas of progress reporting: rounds, partners' reports with their entries,
// assessments and evidence, and the exports of a round.
import { Type, type Static } from 'typebox';
import { ALLOWED_TYPES } from '../platform/files/file-check.js';
import { XLSX_MEDIA_TYPE } from '../platform/exports/tables.js';
import { IsoDate, LiteralUnion, NullableString, PartnerCode, Text } from './plans.schema.js';
import { ASSESSMENTS, NOT_PUBLISHED, STATUSES } from './progress.js';

const Id = Type.String({ maxLength: 64 });
const Version = Type.Integer({ minimum: 1, description: 'the version that was read; a stale one gets 409' });

export const ProgressStatusSchema = LiteralUnion(STATUSES);
export const AssessmentSchema = LiteralUnion(ASSESSMENTS);
export const ReportStatusSchema = Type.Union([
  Type.Literal('draft'),
  Type.Literal('submitted'),
  Type.Literal('returned'),
  Type.Literal('assessed'),
]);
/** A report's status as a round summary shows it: `not_published` while the viewer may not see another partner's report state. */
export const ShownReportStatusSchema = Type.Union([...ReportStatusSchema.anyOf, Type.Literal(NOT_PUBLISHED)]);
export const RoundStatusSchema = Type.Union([Type.Literal('open'), Type.Literal('published')]);

export const RoundParams = Type.Object({ id: Id });
export const ReportParams = Type.Object({ id: Id, partner: PartnerCode });
export const EvidenceParams = Type.Object({ id: Id, partner: PartnerCode, evidence: Id });
export const EvidenceIdParams = Type.Object({ id: Id });

export const OpenRoundBody = Type.Object(
  { title: Text(200), periodStart: IsoDate, periodEnd: IsoDate, dueDate: IsoDate },
  { additionalProperties: false },
);
export type RoundInput = Static<typeof OpenRoundBody>;

export const VersionBody = Type.Object({ version: Version });
export const PublishBody = Type.Object({
  version: Version,
  early: Type.Optional(
    Type.Boolean({
      description: 'true to publish before the due date, while partners may still report; without it an early publication gets 409',
    }),
  ),
});
export const ReturnBody = Type.Object({ version: Version, comment: Text(5000) });

export const EntryInputSchema = Type.Object(
  {
    commitment: Id,
    status: Type.Optional(Type.Union([Type.Null(), ProgressStatusSchema])),
    narrative: Type.Optional(Type.Union([Type.Null(), Text(10_000)])),
  },
  { additionalProperties: false },
);
export type EntryInput = Static<typeof EntryInputSchema>;
export const SaveEntriesBody = Type.Object(
  { version: Version, entries: Type.Array(EntryInputSchema, { maxItems: 2000 }) },
  { additionalProperties: false },
);

export const AssessmentInputSchema = Type.Object(
  {
    commitment: Id,
    assessment: Type.Union([Type.Null(), AssessmentSchema]),
    comment: Type.Optional(Type.Union([Type.Null(), Text(10_000)])),
  },
  { additionalProperties: false },
);
export type AssessmentInput = Static<typeof AssessmentInputSchema>;
export const SaveAssessmentsBody = Type.Object(
  { version: Version, assessments: Type.Array(AssessmentInputSchema, { maxItems: 2000 }) },
  { additionalProperties: false },
);

export const AddLinkBody = Type.Object(
  { commitment: Id, url: Text(2000), title: Type.Optional(Text(300)) },
  { additionalProperties: false },
);
export const UploadQuery = Type.Object({ commitment: Id, name: Text(300) });
export const ExportQuery = Type.Object({ format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]) });

const NullableCount = (description: string) => Type.Union([Type.Integer(), Type.Null()], { description });

export const ReportSummarySchema = Type.Object(
  {
    partner: Type.String(),
    status: ShownReportStatusSchema,
    version: Type.Union([Type.Integer(), Type.Null()]),
    submittedAt: NullableString,
    commitments: Type.Integer({ description: 'the partner’s commitments in the plan' }),
    reported: NullableCount('commitments with a status; null while not published'),
    assessed: NullableCount('commitments with an assessment; null while not published'),
  },
  {
    description:
      'The state of a partner’s report. Until the round is published, another partner’s coordinator sees only `not_published` with null version, counts and timestamps.',
  },
);
export type ReportSummary = Static<typeof ReportSummarySchema>;

export const RoundSchema = Type.Object(
  {
    id: Type.String(),
    plan: Type.String(),
    planTitle: Type.String(),
    title: Type.String(),
    periodStart: Type.String(),
    periodEnd: Type.String(),
    dueDate: Type.String(),
    status: RoundStatusSchema,
    version: Type.Integer(),
    openedAt: Type.String(),
    publishedAt: NullableString,
    reports: Type.Array(ReportSummarySchema),
  },
  { description: 'A reporting round with the state of each partner’s report' },
);
export type RoundView = Static<typeof RoundSchema>;

export const RoundListSchema = Type.Object({ rounds: Type.Array(RoundSchema) }, { description: 'Reporting rounds' });

export const EvidenceSchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    url: Type.Union([Type.String(), Type.Null()], { description: 'a link; null for a file' }),
    file: Type.Union([Type.Object({ name: Type.String(), mediaType: Type.String(), size: Type.Integer() }), Type.Null()]),
    addedAt: Type.String(),
    addedBy: Type.String(),
  },
  { description: 'A piece of evidence: a link or a stored file' },
);
export type EvidenceView = Static<typeof EvidenceSchema>;

export const EntrySchema = Type.Object({
  commitment: Type.String(),
  objective: Type.String(),
  objectiveTitle: Type.String(),
  action: Type.String(),
  actionTitle: Type.String(),
  paraphrase: Type.Boolean(),
  deadline: NullableString,
  status: Type.Union([ProgressStatusSchema, Type.Null()]),
  narrative: NullableString,
  assessment: Type.Union([AssessmentSchema, Type.Null()], { description: 'null until the viewer may read assessments' }),
  assessmentComment: NullableString,
  assessedBy: NullableString,
  evidence: Type.Array(EvidenceSchema),
});
export type EntryView = Static<typeof EntrySchema>;

export const ReportSchema = Type.Object(
  {
    round: RoundSchema,
    partner: Type.String(),
    status: ReportStatusSchema,
    version: Type.Integer(),
    submittedAt: NullableString,
    submittedBy: NullableString,
    returnComment: NullableString,
    entries: Type.Array(EntrySchema),
    can: Type.Object(
      { edit: Type.Boolean(), submit: Type.Boolean(), assess: Type.Boolean(), return: Type.Boolean() },
      { description: 'what the viewer may do with the report now' },
    ),
  },
  { description: 'A partner’s report with its entries, evidence and (once visible) assessments' },
);
export type ReportView = Static<typeof ReportSchema>;

export const SavedEntriesSchema = Type.Object(
  { version: Type.Integer(), changed: Type.Integer() },
  { description: 'The report’s version now and the number of entries changed' },
);
export type SavedEntries = Static<typeof SavedEntriesSchema>;
export const ReportTransitionSchema = Type.Object(
  { status: ReportStatusSchema, version: Type.Integer() },
  { description: 'The report’s new status and version' },
);
export type ReportTransition = Static<typeof ReportTransitionSchema>;
export const SavedAssessmentsSchema = Type.Object(
  { status: ReportStatusSchema, version: Type.Integer(), changed: Type.Integer() },
  { description: 'The report’s status and version now, and the number of assessments changed' },
);
export type SavedAssessments = Static<typeof SavedAssessmentsSchema>;

/** A 204 answer; a plain schema (not Type.Null) so that the route still sends no body rather than `null`. */
export const NoContent = { description: 'No content', type: 'null' };

const Binary = { schema: { type: 'string', format: 'binary' } };

export const RoundExportResponse = {
  description: 'The round as CSV or XLSX (a download)',
  content: { 'text/csv': { schema: { type: 'string' } }, [XLSX_MEDIA_TYPE]: Binary },
};
export const RoundReportHtmlResponse = {
  description: 'The printable report as HTML',
  content: { 'text/html': { schema: { type: 'string' } } },
};
export const EvidenceFileResponse = {
  description: 'The stored file, with its own media type (a download)',
  content: Object.fromEntries([...new Set(Object.values(ALLOWED_TYPES))].map((type) => [type, Binary])),
};
