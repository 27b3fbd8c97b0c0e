// Request and response schemas of the file imports and exports (the single source of their types).
import { DownloadFormatSchema, DownloadQuery, ReadQuery } from './indicators.schema.js';
import { Type, type Static } from 'typebox';
import { XLSX_MEDIA_TYPE } from '../platform/exports/tables.js';
import { download } from '../platform/http/schemas.js';
import { SDMX_CSV_TYPE } from './sdmx.js';

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
  format: Type.Optional(DownloadFormatSchema),
  ...DownloadQuery,
  ...ReadQuery,
});

/** What an export answers, by format, with an example of the open-data CSV and of SDMX-CSV. */
export const ExportResponse = (() => {
  const files = download(
    'The values as CSV, JSON, XLSX or SDMX-CSV (format)',
    'text/csv',
    'application/json',
    XLSX_MEDIA_TYPE,
    SDMX_CSV_TYPE,
  );
  return {
    ...files,
    content: {
      ...files.content,
      'text/csv': {
        ...files.content['text/csv'],
        example:
          'dataset,dataset_name,partner,partner_name,org_unit,org_unit_name,period,variable,variable_name,unit,case_category,case_category_name,instance,instance_name,value,special_code_name,obs_status,obs_status_name,comment,status\n' +
          'justice.annual,CEPEJ annual evaluation,AL,Albania,,,2024,cases.incoming,Incoming cases,cases,,Total,,Total,1000,,P,Provisional value,,published\n',
      },
      [SDMX_CSV_TYPE]: {
        ...files.content[SDMX_CSV_TYPE],
        example:
          'STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,ORG_UNIT,VARIABLE,CASE_CATEGORY,INSTANCE,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MEASURE,COMMENT_OBS\r\n' +
          'dataflow,JHAHUB:JUSTICE_ANNUAL(1.0),I,A,AL,_Z,CASES_INCOMING,_T,_T,2024,1000,P,CASES,\r\n',
      },
    },
  };
})();
