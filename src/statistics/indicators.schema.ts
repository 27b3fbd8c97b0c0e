// Request and response schemas of the indicator API and the catalogue (the single source of their
// types).
import { Type, type Static } from 'typebox';
import { XLSX_MEDIA_TYPE } from '../platform/exports/tables.js';
import { download, Nullable } from '../platform/http/schemas.js';
import { SDMX_CSV_TYPE as SDMX_CSV_MEDIA_TYPE } from './sdmx.js';
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

/** The download formats besides JSON, and the labels of the CSV and XLSX layouts. */
export const DownloadQuery = {
  labels: Type.Optional(
    Type.Union([Type.Literal('code'), Type.Literal('name'), Type.Literal('both')], {
      description:
        'CSV and XLSX with codes, names or both side by side (partner and partner_name, each breakdown and its label, unit, observation status, special codes, comment); without it, the layout existing clients read (for values: the import layout)',
    }),
  ),
};
export const DownloadFormatSchema = Type.Union(
  [Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx'), Type.Literal('sdmx-csv')],
  { description: 'json (default of indicators), csv, xlsx (data and metadata sheets), sdmx-csv (SDMX-CSV 2.0, published figures only)' },
);

/** Any other query parameter filters a dimension (e.g. case_category=civil_litigious). */
const DimensionFilters = { additionalProperties: Type.String({ maxLength: 60 }) };

export const ValuesQuery = Type.Object(
  {
    partner: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
    orgUnit: Type.Optional(Type.String({ maxLength: 120 })),
    period: Type.Optional(Type.String({ maxLength: 8 })),
    from: Type.Optional(Type.String({ maxLength: 8 })),
    to: Type.Optional(Type.String({ maxLength: 8 })),
    format: Type.Optional(DownloadFormatSchema),
    ...DownloadQuery,
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
      min: Nullable(Type.Number({ description: 'the lowest partner figure (null below the coverage, like the median)' })),
      max: Nullable(Type.Number({ description: 'the highest partner figure (null below the coverage, like the median)' })),
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

/** JSON by default; `format=csv|xlsx|sdmx-csv` gives the same figures as a file. */
export const IndicatorValuesResponse = {
  200: {
    description: 'The values (JSON, or a file with format=csv, xlsx or sdmx-csv)',
    content: {
      'application/json': { schema: IndicatorAnswerSchema },
      'text/csv': {
        ...download('', 'text/csv').content['text/csv'],
        example:
          'indicator,indicator_name,partner,partner_name,org_unit,org_unit_name,period,case_category,case_category_name,instance,instance_name,value,special_code,special_code_name,unit,obs_status,obs_status_name,note,status\n' +
          'justice.clearance_rate,Clearance rate,AL,Albania,,,2024,,Total,,Total,98.5,,,%,E,Estimated value,,published\n',
      },
      [XLSX_MEDIA_TYPE]: download('', XLSX_MEDIA_TYPE).content[XLSX_MEDIA_TYPE],
      [SDMX_CSV_MEDIA_TYPE]: {
        ...download('', SDMX_CSV_MEDIA_TYPE).content[SDMX_CSV_MEDIA_TYPE],
        example:
          'STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,CASE_CATEGORY,INSTANCE,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MEASURE,COMMENT_OBS\r\n' +
          'dataflow,JHAHUB:IND_JUSTICE_CLEARANCE_RATE(1.0),I,A,AL,_T,_T,2024,98.5,E,PC,\r\n',
      },
    },
  },
};

/** The catalogue's entries keep every field they are defined with; the main ones are named here. */
const open = { additionalProperties: true } as const;
export const CatalogSchema = Type.Object({
  domains: Type.Array(
    Type.Object({
      code: Type.String({ description: 'the `domain` of its catalogue files, e.g. firearms' }),
      label: Nullable(Type.String({ description: 'its name as the catalogue gives it; null when none does' })),
      description: Nullable(Type.String()),
      sources: Type.Array(Type.String(), { description: 'where its definitions and figures come from' }),
      datasets: Type.Array(Type.String(), { description: 'the codes of its datasets, in catalogue order' }),
    }),
    { description: 'the policy areas of the catalogue, in the order their files load' },
  ),
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
