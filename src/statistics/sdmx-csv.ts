// SDMX-CSV 2.0 files (pure): one row per observation of a dataset's values or an indicator's
// figures, in the columns of its dataflow (sdmx.ts): STRUCTURE (dataflow), STRUCTURE_ID
// (JHAHUB:<DATAFLOW>(1.0)), ACTION (I), the dimensions, OBS_VALUE, OBS_STATUS, UNIT_MEASURE,
// COMMENT_OBS. Records end with CRLF (RFC 4180, on which SDMX-CSV is based).
import { stringify } from 'csv-stringify/sync';
import { spreadsheetSafe } from '../platform/exports/tables.js';
import { unitOf, type Catalog, type Dataset, type Indicator } from './catalog.js';
import type { ExportRow } from './formats.js';
import type { IndicatorAnswer } from './indicators.schema.js';
import {
  dimensionCode,
  MISSING_STATUS,
  NOT_APPLICABLE,
  orgUnitId,
  REGION_AREA,
  sdmxCsvHeader,
  sdmxId,
  sdmxTime,
  SPECIAL_CODE_STATUS,
  structureId,
  totalCode,
  unitCode,
  type SdmxDataflow,
} from './sdmx.js';
import { isSpecialCode, type SpecialCode } from './values.js';

/** What an indicator figure rests on beyond its number: why it is missing, and its inputs' observation status. */
export interface FigureNote {
  /** The special code of an input that made the figure missing (NQ before NA before NAP). */
  code: SpecialCode | null;
  /** The observation status of its inputs (the first of B, E, P, M, A among them). */
  obsStatus: string | null;
}

/** The key of a figure's note: partner and period. */
export const noteKey = (partner: string, period: string) => `${partner}|${period}`;

/** Why a partner has no figure although org units reported (the partner has not declared its org-unit list complete). */
export function partialNote(units: number): string {
  return `${units} org unit${units === 1 ? '' : 's'} reported; the org-unit list is not declared complete, so no partner total is given`;
}

/**
 * The free-text comment, neutralised like every CSV cell a spreadsheet would run: SDMX-CSV files
 * are opened in spreadsheets as often as they are read by programs, and comments come from the
 * partners. Numbers and codes are never touched (a negative OBS_VALUE stays a number).
 */
const comment = (text: string | null) => String(spreadsheetSafe(text ?? ''));

function write(flow: SdmxDataflow, rows: (string | number)[][]): string {
  const header = sdmxCsvHeader(flow);
  for (const r of rows)
    if (r.length !== header.length) throw new Error(`an SDMX-CSV row of ${flow.id} has ${r.length} of ${header.length} fields`);
  return stringify([header, ...rows], { record_delimiter: 'windows' });
}

/** The breakdowns of these variables, in the order of the dataflow's dimensions. */
function breakdownsOf(catalog: Catalog, variables: string[]): string[] {
  return [...new Set(variables.flatMap((v) => catalog.variables.get(v)!.dimensions))];
}

/**
 * A dataset's values (the export rows, as stored: partners' and org units' own) as SDMX-CSV. A
 * number is the OBS_VALUE with its stored observation status; a special code is an empty OBS_VALUE
 * with its status (NA → L, NAP → M, NQ → Q).
 */
export function valuesSdmxCsv(catalog: Catalog, dataset: Dataset, flow: SdmxDataflow, rows: ExportRow[]): string {
  const dims = breakdownsOf(catalog, dataset.variables);
  const id = structureId(flow);
  return write(
    flow,
    rows.map((r) => {
      const variable = catalog.variables.get(r.variable)!;
      const { freq, time } = sdmxTime(r.period);
      const special = typeof r.value === 'string' && isSpecialCode(r.value) ? r.value : null;
      return [
        'dataflow',
        id,
        'I',
        freq,
        r.partner,
        ...(dataset.orgUnitKinds.length ? [r.orgUnit ? orgUnitId(r.orgUnit) : NOT_APPLICABLE] : []),
        sdmxId(r.variable),
        ...dims.map((d) =>
          !variable.dimensions.includes(d) ? NOT_APPLICABLE : r.coords[d] !== undefined ? dimensionCode(d, r.coords[d]) : totalCode(d),
        ),
        time,
        // A coded answer (yes, partly, …) is its code.
        typeof r.value === 'number' ? r.value : special ? '' : (r.value ?? ''),
        special ? SPECIAL_CODE_STATUS[special] : (r.obsStatus ?? ''),
        unitCode(unitOf(variable, r.coords)),
        comment(r.comment),
      ];
    }),
  );
}

/**
 * An indicator's figures as SDMX-CSV: each partner's, then the region's (REF_AREA WB6, by the
 * indicator's aggregation rule; the regional median is a figure of another kind and stays in the
 * CSV and JSON answers). A missing figure is an empty OBS_VALUE with the status of the special
 * code behind it, or O with the reason in COMMENT_OBS.
 */
export function indicatorSdmxCsv(
  catalog: Catalog,
  indicator: Indicator,
  flow: SdmxDataflow,
  answer: IndicatorAnswer,
  notes: ReadonlyMap<string, FigureNote>,
): string {
  const dims = breakdownsOf(catalog, indicator.variables).map((d) =>
    answer.dimensions[d] !== undefined ? dimensionCode(d, answer.dimensions[d]) : totalCode(d),
  );
  const id = structureId(flow);
  const unit = unitCode(answer.indicator.unit);
  const row = (area: string, period: string, value: number | null, status: string, text: string) => {
    const { freq, time } = sdmxTime(period);
    return ['dataflow', id, 'I', freq, area, ...dims, time, value ?? '', status, unit, comment(text)];
  };
  const rows: (string | number)[][] = [];
  for (const v of answer.values) {
    const note = notes.get(noteKey(v.partner, v.period));
    const status = v.value !== null ? (note?.obsStatus ?? '') : note?.code ? SPECIAL_CODE_STATUS[note.code] : MISSING_STATUS;
    rows.push(row(v.partner, v.period, v.value, status, v.value === null && v.partialUnits ? partialNote(v.partialUnits) : ''));
  }
  for (const r of answer.region) {
    if (r.members === 0) continue;
    rows.push(row(REGION_AREA.id, r.period, r.value, r.value === null ? MISSING_STATUS : '', r.reason ?? ''));
  }
  return write(flow, rows);
}
