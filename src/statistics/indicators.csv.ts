// CSV of indicator values: indicator,partner,org_unit,period,<dimensions>,value,status — values rounded
// to the indicator's decimals, a missing value as an empty cell. Region rows follow the
// partners: WB6 (by the aggregation rule) and WB6_MEDIAN. `status` says what each figure rests on
// (draft … published), so an unpublished figure never leaves unmarked.
import { stringify } from 'csv-stringify/sync';
import type { Catalog } from './catalog.js';
import type { IndicatorAnswer } from './indicators.service.js';

export function indicatorCsv(catalog: Catalog, answer: IndicatorAnswer): string {
  const indicator = catalog.indicators.get(answer.indicator.code)!;
  const dims = [...new Set(indicator.variables.flatMap((v) => catalog.variables.get(v)!.dimensions))];
  const dimCells = dims.map((d) => answer.dimensions[d] ?? '');
  const out: (string | number)[][] = [['indicator', 'partner', 'org_unit', 'period', ...dims, 'value', 'status']];
  for (const v of answer.values)
    out.push([indicator.code, v.partner, v.orgUnit ?? '', v.period, ...dimCells, v.value ?? '', v.status ?? '']);
  for (const r of answer.region) {
    if (r.members === 0) continue;
    out.push([indicator.code, 'WB6', '', r.period, ...dimCells, r.value ?? '', r.status ?? '']);
    out.push([indicator.code, 'WB6_MEDIAN', '', r.period, ...dimCells, r.median ?? '', r.status ?? '']);
  }
  return stringify(out);
}
