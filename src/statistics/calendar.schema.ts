// The release calendar and the public reporting status (GET /releases, GET /datasets/{dataset}/reporting-status).
import { Type, type Static } from 'typebox';
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

export const CoverageQuery = Type.Object(
  {
    asOf: Type.Optional(
      Type.String({ maxLength: 40, description: 'releases published by this instant: an ISO date (end of that day, UTC) or date-time' }),
    ),
    partner: Type.Optional(Type.String({ maxLength: 20, description: 'one Western Balkan partner only (AL, BA, XK, ME, MK, RS)' })),
  },
  { additionalProperties: false },
);

const Coverage = {
  first: Nullable(Type.String({ description: 'the first period with a release' })),
  last: Nullable(Type.String({ description: 'the last period with a release' })),
  periods: Type.Integer({ description: 'how many periods have a release' }),
  partners: Type.Array(Type.String(), { description: 'the partners with a release' }),
  releasedAt: Nullable(Type.String({ description: 'when the latest release was made' })),
};

export const CoverageSchema = Type.Object({
  asOf: Nullable(Type.String({ description: 'the instant asked for; null: the releases published by now' })),
  partner: Nullable(Type.String()),
  datasets: Type.Array(Type.Object({ dataset: Type.String(), ...Coverage })),
  indicators: Type.Array(Type.Object({ indicator: Type.String(), ...Coverage })),
});
export type ReleaseCoverageAnswer = Static<typeof CoverageSchema>;
