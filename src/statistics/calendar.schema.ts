// The release calendar and the public reporting status (GET /releases, GET /datasets/{dataset}/reporting-status).
import { Type } from 'typebox';
import { Nullable } from '../platform/http/schemas.js';

const ReleaseRef = {
  dataset: Type.String(),
  label: Type.String(),
  partner: Type.String(),
  period: Type.String(),
  release: Type.Integer({ description: 'the release number of that submission (2 and more: a revision)' }),
};

export const CalendarQuery = Type.Object(
  {
    dataset: Type.Optional(Type.String({ maxLength: 100 })),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, description: 'days of past releases (default 90)' })),
  },
  { additionalProperties: false },
);

export const ReleaseCalendarSchema = Type.Object({
  asOf: Type.String(),
  past: Type.Array(Type.Object({ ...ReleaseRef, publishedAt: Type.String() })),
  scheduled: Type.Array(
    Type.Object({ ...ReleaseRef, publishAt: Type.String({ description: 'when it becomes public; nothing of it is public before' }) }),
  ),
  expected: Type.Array(
    Type.Object({
      dataset: Type.String(),
      label: Type.String(),
      period: Type.String(),
      dueDate: Type.String(),
      published: Type.Integer({ description: 'partners that have published the period' }),
      expected: Type.Integer({ description: 'partners the dataset collects from' }),
    }),
  ),
});

export const ReportingStatusParams = Type.Object({ dataset: Type.String({ maxLength: 100 }) });
export const ReportingStatusQuery = Type.Object(
  { periods: Type.Optional(Type.Integer({ minimum: 1, maximum: 60, description: 'how many recent periods (default 8)' })) },
  { additionalProperties: false },
);
export const ReportingStatusSchema = Type.Object({
  dataset: Type.String(),
  label: Type.String(),
  periods: Type.Array(
    Type.Object({
      period: Type.String(),
      dueDate: Type.String(),
      partners: Type.Array(Type.Object({ partner: Type.String(), publishedAt: Nullable(Type.String()) })),
    }),
  ),
});
