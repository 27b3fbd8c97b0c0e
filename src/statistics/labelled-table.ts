// The open-data layouts of downloads (pure): a dataset's values or an indicator's figures with
// codes, names or both (`labels=code|name|both`). Each coded column (partner, org_unit, variable,
// every breakdown, obs_status, …) is its code, its name (`<column>_name`) or both side by side;
// the other columns (period, value, unit, comment, status) are always there. Without `labels` the
// downloads keep the layouts existing clients read (formats.ts, indicators.csv.ts).
import { stringify } from 'csv-stringify/sync';
import { spreadsheetSafe } from '../platform/exports/tables.js';
import { unitOf, type Catalog, type Dataset, type Indicator } from './catalog.js';
import { columnsFor, flatten, type ExportRow } from './formats-rows.js';
import type { IndicatorAnswer } from './indicators.schema.js';
import { OBS_STATUS_NAMES, REGION_AREA, SPECIAL_CODE_NAMES } from './sdmx.js';
import { noteKey, partialNote, type FigureNote } from './sdmx-csv.js';
import { isSpecialCode } from './values.js';

export type Labels = 'code' | 'name' | 'both';
export type Cell = string | number;

/** A table: the header and the rows (numbers stay numbers, for the spreadsheet). */
export interface Table {
  header: string[];
  rows: Cell[][];
}

/** Names of what the database holds (partners, org units), for the label columns. */
export interface Names {
  partner: (code: string) => string;
  orgUnit: (code: string) => string;
}

type Column<R> =
  | { key: string; code: (r: R) => Cell; name: (r: R) => string }
  /** A column of its own; `namesOnly`: only where names are shown (the name of a code kept in another column). */
  | { key: string; value: (r: R) => Cell; namesOnly?: boolean };

function tableOf<R>(columns: Column<R>[], rows: R[], labels: Labels): Table {
  const cells: { header: string; cell: (r: R) => Cell }[] = [];
  for (const c of columns) {
    if ('value' in c) {
      if (!c.namesOnly || labels !== 'code') cells.push({ header: c.key, cell: c.value });
      continue;
    }
    if (labels !== 'name') cells.push({ header: c.key, cell: c.code });
    if (labels !== 'code') cells.push({ header: `${c.key}_name`, cell: c.name });
  }
  return { header: cells.map((c) => c.header), rows: rows.map((r) => cells.map((c) => c.cell(r))) };
}

/** A table as CSV; a text a spreadsheet would run as a formula is neutralised (numbers are left alone). */
export function tableCsv(table: Table): string {
  return stringify([table.header, ...table.rows.map((r) => r.map((cell) => spreadsheetSafe(cell)))]);
}

const dimensionName = (catalog: Catalog, dimension: string, code: string) =>
  catalog.dimensions.get(dimension)!.codes.find((c) => c.code === code)?.label ?? code;

/**
 * A dataset's values: dataset, partner, org_unit, period, variable, unit, each breakdown, value
 * (a number or NA / NAP / NQ, as in the import layout) with special_code_name, obs_status,
 * comment, status. A breakdown left empty is the total (named "Total"), or no breakdown of the
 * variable (named "").
 */
export function valuesTable(catalog: Catalog, dataset: Dataset, rows: ExportRow[], names: Names, labels: Labels): Table {
  const dims = [...new Set(dataset.variables.flatMap((v) => catalog.variables.get(v)!.dimensions))];
  const variable = (r: ExportRow) => catalog.variables.get(r.variable)!;
  const columns: Column<ExportRow>[] = [
    { key: 'dataset', code: (r) => r.dataset, name: () => dataset.label },
    { key: 'partner', code: (r) => r.partner, name: (r) => names.partner(r.partner) },
    { key: 'org_unit', code: (r) => r.orgUnit, name: (r) => (r.orgUnit ? names.orgUnit(r.orgUnit) : '') },
    { key: 'period', value: (r) => r.period },
    { key: 'variable', code: (r) => r.variable, name: (r) => variable(r).label },
    { key: 'unit', value: (r) => unitOf(variable(r), r.coords) },
    ...dims.map((d): Column<ExportRow> => ({
      key: d,
      code: (r) => r.coords[d] ?? '',
      name: (r) => (r.coords[d] !== undefined ? dimensionName(catalog, d, r.coords[d]) : variable(r).dimensions.includes(d) ? 'Total' : ''),
    })),
    { key: 'value', value: (r) => r.value ?? '' },
    {
      key: 'special_code_name',
      value: (r) => (typeof r.value === 'string' && isSpecialCode(r.value) ? SPECIAL_CODE_NAMES[r.value] : ''),
      namesOnly: true,
    },
    { key: 'obs_status', code: (r) => r.obsStatus ?? '', name: (r) => (r.obsStatus ? (OBS_STATUS_NAMES[r.obsStatus] ?? '') : '') },
    { key: 'comment', value: (r) => r.comment ?? '' },
    { key: 'status', value: (r) => r.status ?? '' },
  ];
  return tableOf(columns, rows, labels);
}

interface FigureRow {
  partner: string;
  orgUnit: string;
  period: string;
  value: number | null;
  note: FigureNote | undefined;
  comment: string;
  status: string;
}

const MEDIAN_AREA = { id: 'WB6_MEDIAN', name: 'Western Balkans: median of the partners' };

/** Every row of an indicator answer: the partners' figures, then the region's value and median (as the CSV has them). */
function figureRows(answer: IndicatorAnswer, notes: ReadonlyMap<string, FigureNote>): FigureRow[] {
  const rows: FigureRow[] = answer.values.map((v) => ({
    partner: v.partner,
    orgUnit: v.orgUnit ?? '',
    period: v.period,
    value: v.value,
    note: notes.get(noteKey(v.partner, v.period)),
    comment: v.value === null && v.partialUnits ? partialNote(v.partialUnits) : '',
    status: v.status ?? '',
  }));
  for (const r of answer.region) {
    if (r.members === 0) continue;
    const region = { orgUnit: '', period: r.period, note: undefined, comment: r.reason ?? '', status: r.status ?? '' };
    rows.push({ ...region, partner: REGION_AREA.id, value: r.value }, { ...region, partner: MEDIAN_AREA.id, value: r.median });
  }
  return rows;
}

/**
 * An indicator's figures: indicator, partner, org_unit, period, each breakdown (as asked; empty:
 * the total), value, special_code (why a figure is missing: an input given as NA, NAP or NQ), unit,
 * obs_status (of its inputs), note (a partial sum, the region's coverage), status.
 */
export function indicatorTable(
  catalog: Catalog,
  indicator: Indicator,
  answer: IndicatorAnswer,
  notes: ReadonlyMap<string, FigureNote>,
  names: Names,
  labels: Labels,
): Table {
  const dims = [...new Set(indicator.variables.flatMap((v) => catalog.variables.get(v)!.dimensions))];
  const areaName = (code: string) =>
    code === REGION_AREA.id ? REGION_AREA.name : code === MEDIAN_AREA.id ? MEDIAN_AREA.name : names.partner(code);
  const special = (r: FigureRow) => (r.value === null ? (r.note?.code ?? null) : null);
  const obsStatus = (r: FigureRow) => (r.value !== null ? (r.note?.obsStatus ?? '') : '');
  const columns: Column<FigureRow>[] = [
    { key: 'indicator', code: () => indicator.code, name: () => indicator.label },
    { key: 'partner', code: (r) => r.partner, name: (r) => areaName(r.partner) },
    { key: 'org_unit', code: (r) => r.orgUnit, name: (r) => (r.orgUnit ? names.orgUnit(r.orgUnit) : '') },
    { key: 'period', value: (r) => r.period },
    ...dims.map((d): Column<FigureRow> => ({
      key: d,
      code: () => answer.dimensions[d] ?? '',
      name: () => (answer.dimensions[d] !== undefined ? dimensionName(catalog, d, answer.dimensions[d]) : 'Total'),
    })),
    { key: 'value', value: (r) => r.value ?? '' },
    { key: 'special_code', code: (r) => special(r) ?? '', name: (r) => (special(r) ? SPECIAL_CODE_NAMES[special(r)!] : '') },
    { key: 'unit', value: () => answer.indicator.unit },
    { key: 'obs_status', code: obsStatus, name: (r) => OBS_STATUS_NAMES[obsStatus(r)] ?? '' },
    { key: 'note', value: (r) => r.comment },
    { key: 'status', value: (r) => r.status },
  ];
  return tableOf(columns, figureRows(answer, notes), labels);
}

/** A dataset's values in the import layout (what a download without `labels` has), as a table. */
export function importLayoutTable(dims: string[], rows: ExportRow[]): Table {
  return { header: columnsFor(dims, true), rows: rows.map((r) => flatten(r, dims, true)) };
}

/** An indicator's figures in the layout of its CSV without `labels` (indicators.csv.ts), as a table. */
export function indicatorLayoutTable(catalog: Catalog, indicator: Indicator, answer: IndicatorAnswer): Table {
  const dims = [...new Set(indicator.variables.flatMap((v) => catalog.variables.get(v)!.dimensions))];
  const dimCells = dims.map((d) => answer.dimensions[d] ?? '');
  return {
    header: ['indicator', 'partner', 'org_unit', 'period', ...dims, 'value', 'status'],
    rows: figureRows(answer, new Map()).map((r) => [indicator.code, r.partner, r.orgUnit, r.period, ...dimCells, r.value ?? '', r.status]),
  };
}
