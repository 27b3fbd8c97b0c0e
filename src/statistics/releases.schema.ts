// Request and response schemas of releases and revision history (the single source of their types).
import { Type, type Static } from 'typebox';
import { Nullable } from '../platform/http/schemas.js';

const Value = Type.Union([Type.Number(), Type.String(), Type.Null()]);

export const RevisionHistorySchema = Type.Object(
  {
    dataset: Type.String(),
    partner: Type.String(),
    period: Type.String(),
    releases: Type.Array(
      Type.Object({
        number: Type.Integer({ description: '1 for the first publication, one more for each republication' }),
        publishedAt: Type.String(),
        publishedBy: Type.String(),
        reason: Nullable(Type.String({ description: 'why the previous release was reopened (null for the first)' })),
      }),
    ),
    revisions: Type.Array(
      Type.Object({
        release: Type.Integer({ description: 'the release that made the change' }),
        publishedAt: Type.String(),
        reason: Nullable(Type.String()),
        variable: Type.String(),
        orgUnit: Nullable(Type.String()),
        coords: Type.Record(Type.String(), Type.String()),
        old: Value,
        new: Value,
      }),
    ),
  },
  { description: 'Every release of one submission and each value a later release changed' },
);
export type RevisionHistory = Static<typeof RevisionHistorySchema>;

export const OrgUnitsCompleteBody = Type.Object({
  version: Type.Integer({ minimum: 0 }),
  complete: Type.Boolean({ description: 'the partner’s org-unit list for this period is complete: totals may be summed from it' }),
});
