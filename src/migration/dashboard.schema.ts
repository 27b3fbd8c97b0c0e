// Request and response schemas of the migration dashboard, its map and the reporting compliance
// grid (the single source of their types).
import { Type, type Static } from 'typebox';
import type { Geometry } from 'geojson';
import { ReadQuery } from '../statistics/indicators.schema.js';
import { SubmissionStatus } from '../statistics/submissions.schema.js';

export const DashboardQuery = Type.Object({
  period: Type.Optional(Type.String({ maxLength: 7 })),
  months: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
  ...ReadQuery,
});

export const ComplianceQuery = Type.Object({ months: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 })) });

const Figure = Type.Union([Type.Number(), Type.Null()]);

export const PartnerFiguresSchema = Type.Object({
  partner: Type.String(),
  name: Type.String(),
  arrivals: Figure,
  share: Figure,
  occupancy: Figure,
  capacity: Figure,
  accommodated: Figure,
  sleepingOutside: Figure,
  status: Type.Union([SubmissionStatus, Type.Null()], {
    description: 'the least advanced workflow status of the partner’s figures of the month (null: none); only published ones are public',
  }),
});

export const SeriesSchema = Type.Object({
  indicator: Type.String(),
  label: Type.String(),
  values: Type.Array(
    Type.Object({ partner: Type.String(), period: Type.String(), value: Figure, status: Type.Union([SubmissionStatus, Type.Null()]) }),
  ),
});

export const CentreSchema = Type.Object({
  partner: Type.String(),
  orgUnit: Type.String(),
  name: Type.String(),
  capacity: Figure,
  accommodated: Figure,
  occupancy: Figure,
  status: Type.Union([SubmissionStatus, Type.Null()]),
});

export const DashboardSchema = Type.Object(
  {
    period: Type.Union([Type.String(), Type.Null()], { description: 'the month shown; null when there is no data at all' }),
    periods: Type.Array(Type.String(), { description: 'every month with data the caller may see, oldest first' }),
    partners: Type.Array(PartnerFiguresSchema),
    region: Type.Object({
      arrivals: Figure,
      occupancy: Figure,
      arrivalsChange: Figure,
      members: Type.Integer({ description: 'how many partners reported the month’s arrivals' }),
      required: Type.Integer({ description: 'how many the region figure needs' }),
      reason: Type.Union([Type.String(), Type.Null()], { description: 'why there is no regional figure, or null' }),
      status: Type.Union([SubmissionStatus, Type.Null()], { description: 'what the regional arrivals rest on; null when none reported' }),
    }),
    asOf: Type.Union([Type.String(), Type.Null()], { description: 'the instant the figures are as published at, or null (now)' }),
    publishedOnly: Type.Boolean({ description: 'true when only published figures are shown' }),
    series: Type.Array(SeriesSchema, { description: 'arrivals, intentions and applications over the months asked for' }),
    centres: Type.Array(CentreSchema),
    citizenships: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), arrivals: Type.Number() }), {
      description: 'the top ten citizenships of the month’s arrivals',
    }),
    sources: Type.Array(Type.Object({ partner: Type.String(), period: Type.String(), comment: Type.String() })),
  },
  { description: 'The regional situation for the month, as far as the caller may see the data' },
);

export const ComplianceCellSchema = Type.Object({
  partner: Type.String(),
  period: Type.String(),
  status: Type.String({
    description: 'not_started, draft, submitted, returned, approved or published; not_published for another partner’s unpublished data',
  }),
  dueDate: Type.String(),
  late: Type.Boolean(),
});

export const ComplianceDatasetSchema = Type.Object({
  dataset: Type.String(),
  label: Type.String(),
  periods: Type.Array(Type.String()),
  cells: Type.Array(ComplianceCellSchema),
});

export const ComplianceSchema = Type.Object(
  { datasets: Type.Array(ComplianceDatasetSchema) },
  { description: 'Per migration dataset, which partner has submitted which month' },
);

/** A GeoJSON geometry (RFC 7946), simplified from Natural Earth (scripts/region-map.mjs). */
const GeometrySchema = Type.Unsafe<Geometry>({ type: 'object', additionalProperties: true, description: 'a GeoJSON geometry' });

export const RegionMapSchema = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(
      Type.Object({
        type: Type.Literal('Feature'),
        properties: Type.Object({
          code: Type.String({ description: 'ISO 3166-1 alpha-2 code (Kosovo: XK)' }),
          name: Type.String(),
          partner: Type.Boolean({ description: 'one of the six partners (else a neighbour drawn for context)' }),
        }),
        geometry: GeometrySchema,
      }),
    ),
    source: Type.String(),
  },
  { description: 'GeoJSON FeatureCollection of the six partners and their neighbours' },
);

export type DashboardFilter = Static<typeof DashboardQuery>;
export type ComplianceFilter = Static<typeof ComplianceQuery>;
export type Dashboard = Static<typeof DashboardSchema>;
export type ComplianceCell = Static<typeof ComplianceCellSchema>;
export type ComplianceDataset = Static<typeof ComplianceDatasetSchema>;
export type RegionMap = Static<typeof RegionMapSchema>;
