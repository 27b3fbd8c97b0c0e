// The partner profile as the API serves it (GET /reports/partners/{code}); its HTML and PDF are
// printed from the same object.
import { Type, type Static } from 'typebox';
import { Nullable } from '../platform/http/schemas.js';

export const FigureRowSchema = Type.Object({
  indicator: Type.String(),
  label: Type.String(),
  unit: Type.String(),
  period: Type.String({ description: 'the latest period with a published figure of the partner' }),
  value: Nullable(Type.Number()),
  median: Nullable(Type.Number({ description: 'the regional median of that period; null below the coverage' })),
  members: Type.Integer({ description: 'how many partners the median covers' }),
  required: Type.Integer({ description: 'how many partners a median needs' }),
  medianReason: Nullable(Type.String({ description: 'why there is no median' })),
  position: Type.Union([Type.Literal('better'), Type.Literal('worse'), Type.Literal('at_median'), Type.Null()], {
    description: 'against the median, by the indicator’s polarity; null for a neutral indicator or without a median',
  }),
  revised: Type.Boolean(),
});
export type FigureRow = Static<typeof FigureRowSchema>;

export const FiguresBlockSchema = Type.Object({
  domain: Type.String(),
  title: Type.String(),
  rows: Type.Array(FigureRowSchema),
  sources: Type.Array(Type.String(), { description: 'the producing bodies named in the indicators’ metadata' }),
  releasedAt: Nullable(Type.String({ description: 'the partner’s latest publication in the domain' })),
});
export type FiguresBlock = Static<typeof FiguresBlockSchema>;

const Counts = Type.Record(Type.String(), Type.Integer());
const CommitmentPartSchema = Type.Object({
  total: Type.Integer(),
  overdue: Type.Integer(),
  byStatus: Counts,
  byAssessment: Counts,
  plans: Type.Array(Type.String()),
});
export const CommitmentBlockSchema = Type.Object({
  plans: CommitmentPartSchema,
  recommendations: CommitmentPartSchema,
  source: Type.String({ description: 'where the statuses and assessments come from' }),
  releasedAt: Nullable(
    Type.String({ description: 'when the latest reporting round with a report of the partner was published; null before the first' }),
  ),
});
export type CommitmentBlock = Static<typeof CommitmentBlockSchema>;

export const PartnerProfileSchema = Type.Object({
  partner: Type.Object({ code: Type.String(), name: Type.String(), footnote: Nullable(Type.String()) }),
  generatedAt: Type.String(),
  figures: Type.Array(FiguresBlockSchema),
  commitments: CommitmentBlockSchema,
});
export type PartnerProfile = Static<typeof PartnerProfileSchema>;

export const PartnerParams = Type.Object({ code: Type.String({ pattern: '^[A-Za-z]{2}$' }) });
