// Request and response schemas of the case-level import and the partners' mappings (the single
// source of their types).
import { Type, type Static } from 'typebox';

export const PartnerParam = Type.String({ pattern: '^[A-Za-z]{2}$' });
export const RunIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const MappingParams = Type.Object({ partner: PartnerParam });

export const UploadQuery = Type.Object({
  partner: PartnerParam,
  years: Type.Optional(Type.String({ maxLength: 9, description: 'a year (2023) or a range (2019-2024)' })),
  fileName: Type.Optional(Type.String({ maxLength: 200 })),
});
export const ListQuery = Type.Object({ partner: Type.Optional(PartnerParam) });

export const RunStatus = Type.Union([
  Type.Literal('running'),
  Type.Literal('completed'),
  Type.Literal('failed'),
  Type.Literal('interrupted'),
]);

const SubmissionCounts = Type.Object({
  period: Type.String(),
  created: Type.Integer(),
  changed: Type.Integer(),
  unchanged: Type.Integer(),
  removed: Type.Integer(),
});

export const CaseImportSchema = Type.Object({
  id: Type.String(),
  partner: Type.String(),
  fileName: Type.String(),
  status: RunStatus,
  phase: Type.String({ description: 'queued, starting, reading, checking, counting, saving, done, failed or interrupted' }),
  progress: Type.Number({ minimum: 0, maximum: 1 }),
  startedAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  message: Type.Union([Type.String(), Type.Null()]),
  rows: Type.Integer(),
  imported: Type.Integer(),
  rejected: Type.Integer(),
  rejectedByReason: Type.Record(Type.String(), Type.Integer()),
  years: Type.Array(Type.String()),
  submissions: Type.Array(SubmissionCounts),
});
export type CaseImportView = Static<typeof CaseImportSchema>;

export const MappingSchema = Type.Object({
  partner: Type.String(),
  yaml: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
});
export type Mapping = Static<typeof MappingSchema>;
export const MappingBody = Type.Object({ yaml: Type.String({ minLength: 1, maxLength: 200_000 }) }, { additionalProperties: false });
