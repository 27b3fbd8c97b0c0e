// Request and response schemas of the indicator API and the catalogue (the single source of their
// types).
import { Type, type Static } from 'typebox';
import { download, Nullable } from '../platform/http/schemas.js';
import { SubmissionStatus } from './submissions.schema.js';

export const IndicatorParams = Type.Object({ code: Type.String({ maxLength: 120 }) });
/** Which vintage of the figures: as published at an instant, or the published ones only. */
export const ReadQuery = {
  asOf: Type.Optional(
    Type.String({
      maxLength: 40,
      description: 'the figures as published at this instant: an ISO date (end of that day, UTC) or date-time',
    }),
  ),
  publishedOnly: Type.Optional(Type.Boolean({ description: 'published figures only, also for a viewer who may read working data' })),
};

/** Any other query parameter filters a dimension (e.g. case_category=civil_litigious). */
const DimensionFilters = { additionalProperties: Type.String({ maxLength: 60 }) };

export const ValuesQuery = Type.Object(
  {
    partner: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
    orgUnit: Type.Optional(Type.String({ maxLength: 120 })),
    period: Type.Optional(Type.String({ maxLength: 8 })),
    from: Type.Optional(Type.String({ maxLength: 8 })),
    to: Type.Optional(Type.String({ maxLength: 8 })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
    ...ReadQuery,
  },
  DimensionFilters,
);
export const OrgUnitsQuery = Type.Object(
  { partner: Type.String({ pattern: '^[A-Za-z]{2}$' }), period: Type.String({ maxLength: 8 }), ...ReadQuery },
  DimensionFilters,
);

const Aggregation = Type.String({ description: 'how the region value is formed from the partners’ (e.g. ratio_of_sums, mean)' });
const Polarity = Type.String({ description: 'higher_better, lower_better or neutral' });

/** The indicator's metadata from the catalogue (docs/catalogs.md); null and [] when the catalogue gives none. */
const IndicatorMetadata = {
  definition: Nullable(Type.String({ description: 'what the indicator is' })),
  method: Nullable(Type.String({ description: 'how it is computed' })),
  source: Nullable(Type.String({ description: 'the producing body' })),
  periodicity: Nullable(
    Type.Union(
      [Type.Literal('annual'), Type.Literal('semiannual'), Type.Literal('quarterly'), Type.Literal('monthly'), Type.Literal('weekly')],
      {
        description: 'how often it is produced: given in the catalogue, or from the period type of its datasets',
      },
    ),
  ),
  footnotes: Type.Array(Type.String()),
};

export const IndicatorSummary = Type.Object({
  code: Type.String(),
  label: Type.String(),
  unit: Type.String(),
  decimals: Type.Integer(),
  domain: Type.String(),
  aggregation: Aggregation,
  polarity: Polarity,
  ...IndicatorMetadata,
});

const IndicatorHead = Type.Object({
  code: Type.String(),
  label: Type.String(),
  unit: Type.String(),
  decimals: Type.Integer(),
  aggregation: Aggregation,
  polarity: Polarity,
  description: Type.String(),
  ...IndicatorMetadata,
});
const Dimensions = Type.Record(Type.String(), Type.String());

/** What a figure rests on: its workflow status, its release, whether it revises an earlier one, a partial org-unit sum. */
const FigureStatus = {
  status: Type.Union([SubmissionStatus, Type.Null()], {
    description: 'the least advanced workflow status of the data it rests on; null when there is none',
  }),
  release: Nullable(Type.Integer({ description: 'the number of the release the figure comes from (null: not published)' })),
  revised: Type.Boolean({ description: 'true when the figure comes from a release that revised an earlier one' }),
  partialUnits: Nullable(
    Type.Integer({
      description:
        'no partner figure was given and the org-unit list is not declared complete: this many org units reported, and no partner total is summed',
    }),
  ),
};

export const IndicatorValueSchema = Type.Object({
  partner: Type.String(),
  group: Type.String(),
  orgUnit: Nullable(Type.String()),
  period: Type.String(),
  value: Nullable(Type.Number()),
  numerator: Nullable(Type.Number()),
  denominator: Nullable(Type.Number()),
  ...FigureStatus,
});
export type IndicatorValue = Static<typeof IndicatorValueSchema>;

export const IndicatorAnswerSchema = Type.Object({
  indicator: IndicatorHead,
  dimensions: Dimensions,
  periods: Type.Array(Type.String()),
  values: Type.Array(IndicatorValueSchema),
  region: Type.Array(
    Type.Object({
      period: Type.String(),
      value: Nullable(Type.Number()),
      median: Nullable(Type.Number()),
      members: Type.Integer({ description: 'how many partners reported (the region value covers these)' }),
      required: Type.Integer({ description: 'how many partners the indicator needs for a region value and a median (min_coverage)' }),
      reason: Nullable(Type.String({ description: 'why there is no region value, e.g. "2 of 6 partners reported — no regional value"' })),
      status: Type.Union([SubmissionStatus, Type.Null()], {
        description: 'the least advanced workflow status of the members’ figures; null when none reported',
      }),
    }),
  ),
});
export type IndicatorAnswer = Static<typeof IndicatorAnswerSchema>;

export const OrgUnitAnswerSchema = Type.Object({
  indicator: IndicatorHead,
  partner: Type.String(),
  period: Type.String(),
  dimensions: Dimensions,
  values: Type.Array(
    Type.Object({
      orgUnit: Type.String(),
      name: Type.String(),
      value: Nullable(Type.Number()),
      numerator: Nullable(Type.Number()),
      denominator: Nullable(Type.Number()),
      ...FigureStatus,
    }),
  ),
});
export type OrgUnitAnswer = Static<typeof OrgUnitAnswerSchema>;

/** JSON by default; `format=csv` gives the same figures as CSV. */
export const IndicatorValuesResponse = {
  200: {
    description: 'The values (JSON, or CSV with format=csv)',
    content: {
      'application/json': { schema: IndicatorAnswerSchema },
      ...download('', 'text/csv').content,
    },
  },
};

/** The catalogue's entries keep every field they are defined with; the main ones are named here. */
const open = { additionalProperties: true } as const;
export const CatalogSchema = Type.Object({
  dimensions: Type.Array(
    Type.Object({ code: Type.String(), label: Type.String(), codes: Type.Array(Type.Object({ code: Type.String() }, open)) }, open),
  ),
  variables: Type.Array(
    Type.Object(
      {
        code: Type.String(),
        label: Type.String(),
        type: Type.String(),
        unit: Type.String(),
        kind: Type.String(),
        dimensions: Type.Array(Type.String()),
        domain: Type.String(),
      },
      open,
    ),
  ),
  datasets: Type.Array(Type.Object({ code: Type.String(), label: Type.String() }, open)),
  indicators: Type.Array(Type.Object({ code: Type.String(), label: Type.String() }, open)),
  validationRules: Type.Array(Type.Object({ code: Type.String(), message: Type.String() }, open)),
});
