// SDMX for the open-data downloads (pure): identifiers, code mappings (Eurostat's codes for the
// migration breakdowns), time periods, observation statuses, and the dataflow of every dataset
// and indicator — its dimensions, attributes and code lists. The SDMX-CSV files (sdmx-csv.ts) and
// the SDMX-ML structure messages (reports/sdmx-structure.ts) are both written from these
// dataflows, so that a file's columns and its structure cannot drift apart. docs/open-data.md.
import type { Catalog, Dataset, Indicator } from './catalog.js';
import { KOSOVO_DESIGNATION } from './open-data.js';
import { parsePeriod, type PeriodType } from './periods.js';
import type { SpecialCode } from './values.js';

export const SDMX_AGENCY = 'JHAHUB';
export const SDMX_VERSION = '1.0';
export const SDMX_CSV_TYPE = 'application/vnd.sdmx.data+csv; version=2.0.0';
export const SDMX_STRUCTURE_TYPE = 'application/vnd.sdmx.structure+xml; version=2.1';

/** SDMX's cross-domain codes: the total of a breakdown, and "not applicable" (no such breakdown). */
export const TOTAL = '_T';
export const NOT_APPLICABLE = '_Z';

/** An SDMX identifier for a catalogue code: upper case, dots as underscores (justice.annual → JUSTICE_ANNUAL). */
export function sdmxId(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9_-]/g, '_');
}

/** An org unit's code as an SDMX code: the same, dots as underscores (SDMX codes have no dots). */
export function orgUnitId(code: string): string {
  return code.replace(/\./g, '_');
}

export const datasetFlowId = (code: string) => sdmxId(code);
export const indicatorFlowId = (code: string) => `IND_${sdmxId(code)}`;

interface CodeMapping {
  total: string;
  codes: Readonly<Record<string, string>>;
}

/**
 * Catalogue breakdowns that Eurostat's migration statistics also have (migr_asyappctzm,
 * migr_asydcfsta, migr_eipre): their codes are Eurostat's. Citizenship codes are ISO 3166-1
 * alpha-2 in both; "other citizenships and stateless" has no Eurostat code and takes SDMX's
 * "other" (_O). Any other breakdown keeps its catalogue code in upper case, with _T as its total.
 */
const EUROSTAT_CODES: Readonly<Record<string, CodeMapping>> = {
  sex: { total: 'T', codes: { female: 'F', male: 'M', unknown: 'UNK' } },
  age_group: {
    total: 'TOTAL',
    codes: { y0_13: 'Y_LT14', y14_17: 'Y14-17', y18_34: 'Y18-34', y35_64: 'Y35-64', y65_plus: 'Y_GE65' },
  },
  citizenship: { total: 'TOTAL', codes: { other: '_O' } },
  outcome: {
    total: 'TOTAL',
    codes: { refugee_status: 'GENCONV', subsidiary_protection: 'SUB_PROT', humanitarian: 'HUMSTAT', rejected: 'REJECTED' },
  },
};

/** The SDMX code of a catalogue code of a breakdown. */
export function dimensionCode(dimension: string, code: string): string {
  return EUROSTAT_CODES[dimension]?.codes[code] ?? sdmxId(code);
}

/** The SDMX code of a breakdown's total. */
export function totalCode(dimension: string): string {
  return EUROSTAT_CODES[dimension]?.total ?? TOTAL;
}

const FREQUENCY: Record<PeriodType, string> = { yearly: 'A', halfyearly: 'S', quarterly: 'Q', monthly: 'M', weekly: 'W' };
const FREQUENCY_NAMES: Record<string, string> = { A: 'Annual', S: 'Half-yearly', Q: 'Quarterly', M: 'Monthly', W: 'Weekly' };

/** The frequency (FREQ) and SDMX time period of an ISO period: 2024, 2024-S1, 2024-Q1, 2024-03, 2024-W05. */
export function sdmxTime(period: string): { freq: string; time: string } {
  const p = parsePeriod(period);
  if (!p) throw new Error(`not an ISO period: ${period}`);
  const index = String(p.index).padStart(2, '0');
  const time =
    p.type === 'yearly'
      ? String(p.year)
      : p.type === 'halfyearly'
        ? `${p.year}-S${p.index}`
        : p.type === 'quarterly'
          ? `${p.year}-Q${p.index}`
          : p.type === 'monthly'
            ? `${p.year}-${index}`
            : `${p.year}-W${index}`;
  return { freq: FREQUENCY[p.type], time };
}

/** The codes of SDMX's CL_OBS_STATUS the downloads use, with SDMX's names. */
export const OBS_STATUS_NAMES: Readonly<Record<string, string>> = {
  A: 'Normal value',
  B: 'Time series break',
  E: 'Estimated value',
  L: 'Missing value; data exist but were not collected',
  M: 'Missing value; data cannot exist',
  O: 'Missing value',
  P: 'Provisional value',
  Q: 'Missing value; suppressed',
};

/**
 * A special code is an empty OBS_VALUE with this status: NA (exists, not available) → L, NAP (not
 * applicable) → M, NQ (provided, under quality review) → Q: the figure exists and was given but
 * is withheld from publication. (V "unvalidated" and U "low reliability" qualify a value that is
 * shown; an NQ cell shows none.)
 */
export const SPECIAL_CODE_STATUS: Readonly<Record<SpecialCode, string>> = { NA: 'L', NAP: 'M', NQ: 'Q' };

/** The status of a figure that is missing for no stated reason (e.g. no data, a partial sum). */
export const MISSING_STATUS = 'O';

/** What the special codes mean, for the label columns. */
export const SPECIAL_CODE_NAMES: Readonly<Record<SpecialCode, string>> = {
  NA: 'Not available (exists, not known)',
  NAP: 'Not applicable',
  NQ: 'Not published: under quality review',
};

/** The SDMX code of a unit: % is Eurostat's PC; any other unit in upper case (persons → PERSONS); none → _Z. */
export function unitCode(unit: string): string {
  const u = unit.trim();
  if (u === '') return NOT_APPLICABLE;
  if (u === '%') return 'PC';
  return sdmxId(u.replace(/\s+/g, '_'));
}

export interface SdmxCode {
  id: string;
  name: string;
  /** A footnote the code carries (an annotation in the structure). */
  footnote?: string;
}

export interface SdmxCodelist {
  id: string;
  name: string;
  codes: SdmxCode[];
}

export interface SdmxComponent {
  id: string;
  name: string;
  /** The code list of a coded component; null for free text. */
  codelist: SdmxCodelist | null;
}

export interface SdmxAttribute extends SdmxComponent {
  mandatory: boolean;
  /** What it is attached to: each observation, one dimension (its id), or the whole dataflow. */
  attachment: { kind: 'observation' } | { kind: 'dimension'; dimension: string } | { kind: 'dataflow' };
}

export interface SdmxDataflow {
  id: string;
  name: string;
  description: string | null;
  /** The key dimensions in order (FREQ, REF_AREA, …); the time dimension follows them. */
  dimensions: SdmxComponent[];
  time: SdmxComponent;
  measure: SdmxComponent;
  attributes: SdmxAttribute[];
}

/** The partners and org units the area and org-unit code lists are made of (reference data from the database). */
export interface SdmxReference {
  partners: { code: string; name: string }[];
  orgUnits: { code: string; name: string; kind: string }[];
}

/** The region's code in REF_AREA (indicator dataflows give the region's figure). */
export const REGION_AREA = { id: 'WB6', name: 'Western Balkans (the six partners)' };

const CONCEPT_NAMES: Record<string, string> = {
  FREQ: 'Frequency',
  REF_AREA: 'Reference area',
  ORG_UNIT: 'Organisational unit (court, reception centre)',
  VARIABLE: 'Statistical variable',
  TIME_PERIOD: 'Time period',
  OBS_VALUE: 'Observation value',
  OBS_STATUS: 'Observation status',
  UNIT_MEASURE: 'Unit of measure',
  COMMENT_OBS: 'Comment on the observation',
};

/** Every concept of the dataflows: the fixed components' and one per catalogue dimension. */
export function concepts(catalog: Catalog): { id: string; name: string }[] {
  const fixed = Object.entries(CONCEPT_NAMES).map(([id, name]) => ({ id, name }));
  const taken = new Set(fixed.map((c) => c.id));
  const dims = [...catalog.dimensions.values()].map((d) => {
    const id = sdmxId(d.code);
    if (taken.has(id)) throw new Error(`catalogue dimension ${d.code} has the SDMX id of a fixed component (${id})`);
    taken.add(id);
    return { id, name: d.label };
  });
  return [...fixed, ...dims];
}

function codelist(id: string, name: string, codes: SdmxCode[]): SdmxCodelist {
  const seen = new Set<string>();
  for (const c of codes) {
    if (seen.has(c.id)) throw new Error(`code list ${id}: the code ${c.id} is given twice`);
    seen.add(c.id);
  }
  return { id, name, codes };
}

const FREQ_LIST = codelist(
  'CL_FREQ',
  'Frequency',
  Object.entries(FREQUENCY_NAMES).map(([id, name]) => ({ id, name })),
);
const OBS_STATUS_LIST = codelist(
  'CL_OBS_STATUS',
  'Observation status',
  Object.entries(OBS_STATUS_NAMES).map(([id, name]) => ({ id, name })),
);

function areaList(ref: SdmxReference): SdmxCodelist {
  const codes: SdmxCode[] = ref.partners.map((p) => ({
    id: p.code,
    name: p.name,
    ...(p.code === 'XK' ? { footnote: KOSOVO_DESIGNATION } : {}),
  }));
  return codelist('CL_AREA', 'Reference area', [...codes, REGION_AREA]);
}

/** Every unit of the catalogue, so that one list serves every dataflow. */
function unitList(catalog: Catalog): SdmxCodelist {
  const units = new Map<string, string>();
  const all = [...catalog.variables.values()].flatMap((v) => (v.unitBy ? Object.values(v.unitBy.units) : [v.unit]));
  for (const unit of [...all, ...[...catalog.indicators.values()].map((i) => i.unit)])
    if (!units.has(unitCode(unit))) units.set(unitCode(unit), unit.trim() || 'No unit');
  return codelist(
    'CL_UNIT_MEASURE',
    'Unit of measure',
    [...units].map(([id, name]) => ({ id, name })),
  );
}

function breakdownList(catalog: Catalog, dimension: string): SdmxCodelist {
  const d = catalog.dimensions.get(dimension)!;
  return codelist(`CL_${sdmxId(d.code)}`, d.label, [
    ...d.codes.map((c) => ({ id: dimensionCode(d.code, c.code), name: c.label })),
    { id: totalCode(d.code), name: 'Total' },
    { id: NOT_APPLICABLE, name: 'Not applicable' },
  ]);
}

const component = (id: string, codelist: SdmxCodelist | null): SdmxComponent => ({ id, name: CONCEPT_NAMES[id] ?? id, codelist });

function breakdowns(catalog: Catalog, variables: string[]): SdmxComponent[] {
  const dims = [...new Set(variables.flatMap((v) => catalog.variables.get(v)!.dimensions))];
  return dims.map((d) => ({ id: sdmxId(d), name: catalog.dimensions.get(d)!.label, codelist: breakdownList(catalog, d) }));
}

function observationAttributes(catalog: Catalog, unitAttachment: SdmxAttribute['attachment']): SdmxAttribute[] {
  return [
    { ...component('OBS_STATUS', OBS_STATUS_LIST), mandatory: false, attachment: { kind: 'observation' } },
    { ...component('UNIT_MEASURE', unitList(catalog)), mandatory: true, attachment: unitAttachment },
    { ...component('COMMENT_OBS', null), mandatory: false, attachment: { kind: 'observation' } },
  ];
}

/**
 * A dataset's dataflow: FREQ, REF_AREA (the partner), ORG_UNIT (when the dataset collects org-unit
 * figures; _Z for the partner's own), VARIABLE, one dimension per breakdown of its variables (_Z
 * where a variable has no such breakdown), TIME_PERIOD; OBS_VALUE; OBS_STATUS, UNIT_MEASURE (per
 * variable), COMMENT_OBS.
 */
export function datasetDataflow(catalog: Catalog, dataset: Dataset, ref: SdmxReference): SdmxDataflow {
  const id = datasetFlowId(dataset.code);
  const variables = codelist(
    `CL_VARIABLE_${id}`,
    `Variables of ${dataset.label}`,
    dataset.variables.map((v) => ({ id: sdmxId(v), name: catalog.variables.get(v)!.label })),
  );
  const orgUnits = dataset.orgUnitKinds.length
    ? [
        component(
          'ORG_UNIT',
          codelist(`CL_ORG_UNIT_${id}`, `Org units of ${dataset.label}`, [
            { id: NOT_APPLICABLE, name: 'The partner as a whole' },
            ...ref.orgUnits.filter((u) => dataset.orgUnitKinds.includes(u.kind)).map((u) => ({ id: orgUnitId(u.code), name: u.name })),
          ]),
        ),
      ]
    : [];
  return {
    id,
    name: dataset.label,
    description: null,
    dimensions: [
      component('FREQ', FREQ_LIST),
      component('REF_AREA', areaList(ref)),
      ...orgUnits,
      component('VARIABLE', variables),
      ...breakdowns(catalog, dataset.variables),
    ],
    time: component('TIME_PERIOD', null),
    measure: component('OBS_VALUE', null),
    attributes: observationAttributes(catalog, { kind: 'dimension', dimension: 'VARIABLE' }),
  };
}

/**
 * An indicator's dataflow of its own: FREQ, REF_AREA (each partner and WB6, the region), one
 * dimension per breakdown of its variables, TIME_PERIOD; OBS_VALUE; OBS_STATUS, UNIT_MEASURE (one
 * for the dataflow), COMMENT_OBS.
 */
export function indicatorDataflow(catalog: Catalog, indicator: Indicator, ref: SdmxReference): SdmxDataflow {
  return {
    id: indicatorFlowId(indicator.code),
    name: indicator.label,
    description: indicator.definition ?? (indicator.description || null),
    dimensions: [component('FREQ', FREQ_LIST), component('REF_AREA', areaList(ref)), ...breakdowns(catalog, indicator.variables)],
    time: component('TIME_PERIOD', null),
    measure: component('OBS_VALUE', null),
    attributes: observationAttributes(catalog, { kind: 'dataflow' }),
  };
}

/** Every dataflow: one per dataset, then one per indicator. */
export function allDataflows(catalog: Catalog, ref: SdmxReference): SdmxDataflow[] {
  return [
    ...[...catalog.datasets.values()].map((d) => datasetDataflow(catalog, d, ref)),
    ...[...catalog.indicators.values()].map((i) => indicatorDataflow(catalog, i, ref)),
  ];
}

/** `JHAHUB:JUSTICE_ANNUAL(1.0)`: the STRUCTURE_ID of a dataflow's SDMX-CSV rows. */
export function structureId(flow: Pick<SdmxDataflow, 'id'>): string {
  return `${SDMX_AGENCY}:${flow.id}(${SDMX_VERSION})`;
}

/** The header of a dataflow's SDMX-CSV 2.0 file: the components in the order of its structure. */
export function sdmxCsvHeader(flow: SdmxDataflow): string[] {
  return [
    'STRUCTURE',
    'STRUCTURE_ID',
    'ACTION',
    ...flow.dimensions.map((d) => d.id),
    flow.time.id,
    flow.measure.id,
    ...flow.attributes.map((a) => a.id),
  ];
}
