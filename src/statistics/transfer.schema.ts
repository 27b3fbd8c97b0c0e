// Request and response schemas of the file imports and exports (the single source of their types).
import { ReadQuery } from './indicators.schema.js';
import { Type, type Static } from 'typebox';

export const ValueFormatSchema = Type.Union([Type.Literal('csv'), Type.Literal('json'), Type.Literal('xlsx')]);

export const ImportQuery = Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: false })) });

export const ImportSummarySchema = Type.Object({
  dryRun: Type.Boolean(),
  rows: Type.Integer(),
  submissions: Type.Integer(),
  created: Type.Integer(),
  changed: Type.Integer(),
  unchanged: Type.Integer(),
  removed: Type.Integer(),
});
export type ImportSummary = Static<typeof ImportSummarySchema>;

export const OrgUnitImportSchema = Type.Object({ created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer() });

export const ExportQuery = Type.Object({
  dataset: Type.String({ maxLength: 100 }),
  partner: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
  period: Type.Optional(Type.String({ maxLength: 8 })),
  format: Type.Optional(ValueFormatSchema),
  ...ReadQuery,
});
