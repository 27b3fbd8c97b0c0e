import { describe, expect, it } from 'vitest';
import { loadCatalogs } from './catalog.js';
import { CATALOG_DIR } from '../platform/paths.js';
import {
  allDataflows,
  datasetDataflow,
  dimensionCode,
  indicatorDataflow,
  sdmxCsvHeader,
  sdmxId,
  sdmxTime,
  structureId,
  totalCode,
  unitCode,
} from './sdmx.js';

const catalog = loadCatalogs(CATALOG_DIR);
const ref = {
  partners: [
    { code: 'AL', name: 'Albania' },
    { code: 'XK', name: 'Kosovo' },
  ],
  orgUnits: [
    { code: 'AL-C0', name: 'District court 0', kind: 'court' },
    { code: 'al.rc.1', name: 'Centre 1', kind: 'reception_centre' },
  ],
};

describe('SDMX mapping', () => {
  it('writes ISO periods as SDMX time periods with their frequency', () => {
    expect(['2024', '2024S2', '2024Q1', '2024-03', '2024W05'].map(sdmxTime)).toEqual([
      { freq: 'A', time: '2024' },
      { freq: 'S', time: '2024-S2' },
      { freq: 'Q', time: '2024-Q1' },
      { freq: 'M', time: '2024-03' },
      { freq: 'W', time: '2024-W05' },
    ]);
  });

  it('uses Eurostat’s codes for the migration breakdowns and the catalogue’s elsewhere', () => {
    expect(['female', 'male', 'unknown'].map((c) => dimensionCode('sex', c))).toEqual(['F', 'M', 'UNK']);
    expect(['y0_13', 'y14_17', 'y18_34', 'y35_64', 'y65_plus'].map((c) => dimensionCode('age_group', c))).toEqual([
      'Y_LT14',
      'Y14-17',
      'Y18-34',
      'Y35-64',
      'Y_GE65',
    ]);
    expect(['AF', 'SY', 'other'].map((c) => dimensionCode('citizenship', c))).toEqual(['AF', 'SY', '_O']);
    expect(dimensionCode('outcome', 'subsidiary_protection')).toBe('SUB_PROT');
    expect([totalCode('sex'), totalCode('age_group'), totalCode('citizenship'), totalCode('case_category')]).toEqual([
      'T',
      'TOTAL',
      'TOTAL',
      '_T',
    ]);
    expect(dimensionCode('case_category', 'civil_litigious')).toBe('CIVIL_LITIGIOUS');
    expect([unitCode('%'), unitCode('persons'), unitCode(''), unitCode('EUR')]).toEqual(['PC', 'PERSONS', '_Z', 'EUR']);
    expect(sdmxId('justice.clearance_rate')).toBe('JUSTICE_CLEARANCE_RATE');
  });

  it('gives a dataset dataflow its dimensions in structure order, TIME_PERIOD after the key dimensions', () => {
    const flow = datasetDataflow(catalog, catalog.datasets.get('justice.annual')!, ref);
    expect(structureId(flow)).toBe('JHAHUB:JUSTICE_ANNUAL(1.0)');
    expect(sdmxCsvHeader(flow)).toEqual([
      'STRUCTURE',
      'STRUCTURE_ID',
      'ACTION',
      'FREQ',
      'REF_AREA',
      'ORG_UNIT',
      'VARIABLE',
      'CASE_CATEGORY',
      'INSTANCE',
      'TIME_PERIOD',
      'OBS_VALUE',
      'OBS_STATUS',
      'UNIT_MEASURE',
      'COMMENT_OBS',
    ]);
    // Only the org units of a kind the dataset collects, dots made underscores.
    expect(flow.dimensions.find((d) => d.id === 'ORG_UNIT')!.codelist!.codes.map((c) => c.id)).toEqual(['_Z', 'AL-C0']);
    const reception = datasetDataflow(catalog, catalog.datasets.get('migration.reception')!, ref);
    expect(reception.dimensions.find((d) => d.id === 'ORG_UNIT')!.codelist!.codes.map((c) => c.id)).toEqual(['_Z', 'al_rc_1']);
    const area = flow.dimensions.find((d) => d.id === 'REF_AREA')!.codelist!;
    expect(area.codes).toEqual([
      { id: 'AL', name: 'Albania' },
      {
        id: 'XK',
        name: 'Kosovo',
        footnote:
          'This designation is without prejudice to positions on status, and is in line with UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.',
      },
      { id: 'WB6', name: 'Western Balkans (the six partners)' },
    ]);
  });

  it('gives every indicator a dataflow of its own, and every dataflow a distinct id', () => {
    const flow = indicatorDataflow(catalog, catalog.indicators.get('migration.arrivals')!, ref);
    expect(structureId(flow)).toBe('JHAHUB:IND_MIGRATION_ARRIVALS(1.0)');
    expect(sdmxCsvHeader(flow).slice(3, -4)).toEqual(['FREQ', 'REF_AREA', 'CITIZENSHIP', 'SEX', 'AGE_GROUP', 'TIME_PERIOD']);
    const ids = allDataflows(catalog, ref).map((f) => f.id);
    expect(ids.length).toBe(catalog.datasets.size + catalog.indicators.size);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
