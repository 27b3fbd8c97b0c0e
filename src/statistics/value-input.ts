// Checks values sent for one submission against the catalogue (pure): the variable belongs to the
// dataset, the org unit to the partner and to a kind the dataset collects, the coordinates to the
// variable's dimensions, the number to the value type. Every problem is reported, none is fixed.
import type { MessageText } from '../platform/errors.js';
import type { Catalog, Dataset, Variable } from './catalog.js';
import { coordsKey, isSpecialCode, SPECIAL_CODES, type SpecialCode } from './values.js';

export interface ValueInput {
  variable: string;
  orgUnit?: string | null;
  coords?: Record<string, string>;
  /** A number, one of NA / NAP / NQ, or null to remove the value. */
  value: number | string | null;
  comment?: string | null;
  /** SDMX observation status: A normal, B break in series, E estimated, P provisional, M missing. */
  obsStatus?: string | null;
  /** Evidence links: http(s) URLs (a file gives them separated by spaces). */
  evidence?: readonly string[] | string | null;
}

/** Evidence links a value may carry, and how long each may be. */
export const EVIDENCE_LIMITS = { links: 20, length: 2000 } as const;

/** The SDMX observation status code list (OBS_STATUS) values the platform accepts. */
export const OBS_STATUSES = ['A', 'B', 'E', 'P', 'M'] as const;
export type ObsStatus = (typeof OBS_STATUSES)[number];

export interface CheckedValue {
  variable: string;
  orgUnit: string;
  coords: string;
  num: number | null;
  /** NA / NAP / NQ or, for a coded variable, its answer (one code of its code list). */
  code: SpecialCode | null;
  comment: string | null;
  obsStatus: ObsStatus | null;
  /** The evidence links as stored: a JSON array of URLs, or null (also when left out) for none. */
  evidence?: string | null;
  remove: boolean;
}

export interface InputProblem {
  /** Position in the input (0-based), or the file row when the caller maps it. */
  index: number;
  field: string;
  message: string;
  /** The message's key in messages.json (value.*) and its parameters, to render it in the reader's language. */
  text?: MessageText;
}

const MAX_ABS = 1e15;

/** The codes of each dimension as a set, made once per catalogue dimension. */
const dimensionCodes = new WeakMap<object, Set<string>>();
function codesOf(dimension: { codes: { code: string }[] }): Set<string> {
  let codes = dimensionCodes.get(dimension);
  if (!codes) dimensionCodes.set(dimension, (codes = new Set(dimension.codes.map((c) => c.code))));
  return codes;
}

/** Reports a problem of one field of the value being checked (the message's key is under value.*). */
type Report = (field: string, message: string, key: string, params?: MessageText['params']) => void;

/** The org unit: none for a dataset of partner figures, else one of the partner's, of a kind the dataset collects. */
function checkOrgUnit(dataset: Dataset, orgUnits: ReadonlyMap<string, string>, orgUnit: string, problem: Report): void {
  if (orgUnit === '') {
    if (!dataset.partnerLevel)
      problem(
        'org_unit',
        `dataset ${dataset.code} collects figures per ${dataset.orgUnitKinds.join(' or ')}, so an org unit is required`,
        'org_unit_required',
        { dataset: dataset.code, kinds: dataset.orgUnitKinds.join(', ') },
      );
    return;
  }
  const kind = orgUnits.get(orgUnit);
  if (kind === undefined) problem('org_unit', `"${orgUnit}" is not an org unit of this partner`, 'unknown_org_unit', { orgUnit });
  else if (!dataset.orgUnitKinds.includes(kind))
    problem(
      'org_unit',
      `org unit ${orgUnit} is a ${kind}; dataset ${dataset.code} collects ${dataset.orgUnitKinds.join(', ') || 'partner figures only'}`,
      dataset.orgUnitKinds.length > 0 ? 'org_unit_wrong_kind' : 'org_unit_partner_only',
      { orgUnit, kind, dataset: dataset.code, kinds: dataset.orgUnitKinds.join(', ') },
    );
}

/** The coordinates given (empty codes left out), each a code of one of the variable's dimensions; unit_by's is required. */
function checkedCoords(catalog: Catalog, variable: Variable, coords: Record<string, string>, problem: Report): Record<string, string> {
  const cleanCoords: Record<string, string> = {};
  for (const dim in coords) {
    const code = coords[dim];
    if (code === '' || code === null || code === undefined) continue;
    cleanCoords[dim] = code;
    if (!variable.dimensions.includes(dim))
      problem(dim, `variable ${variable.code} is not broken down by ${dim}`, 'not_broken_down', {
        variable: variable.code,
        dimension: dim,
      });
    else if (!codesOf(catalog.dimensions.get(dim)!).has(code))
      problem(dim, `"${code}" is not a code of ${dim}`, 'unknown_code', { code, dimension: dim });
  }
  const unitBy = variable.unitBy;
  if (unitBy && cleanCoords[unitBy.dimension] === undefined) {
    const units = Object.entries(unitBy.units)
      .map(([c, u]) => `${c}: ${u}`)
      .join(', ');
    problem(
      unitBy.dimension,
      `the unit of ${variable.code} depends on ${unitBy.dimension} (${units}); give a code of ${unitBy.dimension}`,
      'unit_needs_code',
      { variable: variable.code, dimension: unitBy.dimension, units },
    );
  }
  return cleanCoords;
}

/**
 * The value as a number or a code: a special code, an answer of a coded variable's code list, or a
 * number (also written as text, without thousands separators) of the variable's type and range.
 * Both are null for a removal (`raw` null).
 */
function checkedValue(variable: Variable, raw: ValueInput['value'], problem: Report): { num: number | null; code: SpecialCode | null } {
  let num: number | null = null;
  let code: SpecialCode | null = null;
  const answers = variable.codeList;
  if (raw === null) {
    // removal
  } else if (answers && !(typeof raw === 'string' && isSpecialCode(raw.trim().toUpperCase()))) {
    const answer = typeof raw === 'string' ? raw.trim() : String(raw);
    if (answers.codes.some((c) => c.code === answer)) code = answer as SpecialCode;
    else
      problem(
        'value',
        `"${answer.slice(0, 40)}" is not a code of ${answers.code} (${answers.codes.map((c) => c.code).join(', ')}) or one of ${SPECIAL_CODES.join(', ')}`,
        'not_in_code_list',
        {
          answer: answer.slice(0, 40),
          list: answers.code,
          codes: answers.codes.map((c) => c.code).join(', '),
          special: SPECIAL_CODES.join(', '),
        },
      );
  } else if (typeof raw === 'number') {
    num = raw;
  } else if (typeof raw === 'string' && isSpecialCode(raw.trim().toUpperCase())) {
    code = raw.trim().toUpperCase() as SpecialCode;
  } else if (typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim())) {
    num = Number(raw.trim());
  } else {
    problem('value', `"${String(raw)}" is not a number or one of ${SPECIAL_CODES.join(', ')} (no thousands separators)`, 'not_a_number', {
      value: String(raw),
      special: SPECIAL_CODES.join(', '),
    });
  }
  if (num !== null) {
    const numbers = { variable: variable.code, value: String(num) };
    if (!Number.isFinite(num) || Math.abs(num) > MAX_ABS) problem('value', `${num} is out of range`, 'out_of_range', numbers);
    else if (variable.type === 'integer' && !Number.isInteger(num))
      problem('value', `${variable.code} takes whole numbers, not ${num}`, 'not_whole', numbers);
    else if (variable.type === 'percent' && (num < 0 || num > 100))
      problem('value', `${variable.code} is a percentage (0–100), not ${num}`, 'not_percent', numbers);
  }
  return { num, code };
}

/** The comment, trimmed (null when empty): at most 2000 characters, no control characters. */
function checkedComment(given: ValueInput['comment'], problem: Report): string | null {
  const comment = given?.trim() ? given.trim() : null;
  if (comment && comment.length > 2000) problem('comment', 'is longer than 2000 characters', 'comment_too_long', { max: 2000 });
  // eslint-disable-next-line no-control-regex
  if (comment && /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(comment))
    problem('comment', 'holds control characters (such as NUL), which are not accepted in text', 'control_characters');
  return comment;
}

/** The observation status, in capitals (null when none is given): one of OBS_STATUSES. */
function checkedObsStatus(given: ValueInput['obsStatus'], problem: Report): ObsStatus | null {
  const obs = typeof given === 'string' && given.trim() !== '' ? given.trim().toUpperCase() : null;
  if (obs !== null && !(OBS_STATUSES as readonly string[]).includes(obs))
    problem('obs_status', `"${String(given).slice(0, 40)}" is not an observation status (${OBS_STATUSES.join(', ')})`, 'obs_status', {
      status: String(given).slice(0, 40),
      statuses: OBS_STATUSES.join(', '),
    });
  return obs as ObsStatus | null;
}

/**
 * Checks one value (without looking for the same cell given twice, which is the caller's task);
 * its problems go to `problems` with `index`. Returns the checked value, or null when it has a problem.
 */
export function checkValueInput(
  catalog: Catalog,
  dataset: Dataset,
  orgUnits: ReadonlyMap<string, string>,
  input: ValueInput,
  index: number,
  problems: InputProblem[],
): CheckedValue | null {
  const problem: Report = (field, message, key, params) => problems.push({ index, field, message, text: { key: `value.${key}`, params } });
  const before = problems.length;
  const variable = catalog.variables.get(input.variable);
  if (!variable || !dataset.variables.includes(input.variable)) {
    problem('variable', `"${input.variable}" is not a variable of dataset ${dataset.code}`, 'not_in_dataset', {
      variable: input.variable,
      dataset: dataset.code,
    });
    return null;
  }
  const orgUnit = input.orgUnit ?? '';
  checkOrgUnit(dataset, orgUnits, orgUnit, problem);
  const coords = checkedCoords(catalog, variable, input.coords ?? {}, problem);
  const { num, code } = checkedValue(variable, input.value, problem);
  const comment = checkedComment(input.comment, problem);
  const obsStatus = checkedObsStatus(input.obsStatus, problem);
  const evidence = evidenceOf(input.evidence, (message, key, params) => problem('evidence', message, key, params));
  if (problems.length > before) return null;
  return {
    variable: input.variable,
    orgUnit,
    coords: coordsKey(coords),
    num,
    code,
    comment,
    obsStatus,
    evidence,
    remove: input.value === null,
  };
}

/** The evidence links of a stored value ([] for none). */
export function evidenceLinks(json: string | null | undefined): string[] {
  return json ? (JSON.parse(json) as string[]) : [];
}

/** Evidence links as stored (a JSON array, null for none): each an http(s) URL, at most EVIDENCE_LIMITS. */
function evidenceOf(
  given: ValueInput['evidence'],
  problem: (message: string, key: string, params?: MessageText['params']) => void,
): string | null {
  if (given === undefined || given === null) return null;
  const links = (typeof given === 'string' ? given.split(/\s+/) : [...given]).map((l) => String(l).trim()).filter((l) => l !== '');
  if (links.length === 0) return null;
  if (links.length > EVIDENCE_LIMITS.links)
    problem(`has ${links.length} links; at most ${EVIDENCE_LIMITS.links} are accepted`, 'too_many_links', {
      count: links.length,
      max: EVIDENCE_LIMITS.links,
    });
  for (const link of links) {
    let url: URL | null = null;
    try {
      url = new URL(link);
    } catch {
      url = null;
    }
    if (link.length > EVIDENCE_LIMITS.length)
      problem(`a link is longer than ${EVIDENCE_LIMITS.length} characters`, 'link_too_long', { max: EVIDENCE_LIMITS.length });
    else if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
      problem(`"${link.slice(0, 60)}" is not an http(s) URL (links are separated by spaces)`, 'not_a_link', {
        link: link.slice(0, 60),
        scheme: 'http(s)',
      });
  }
  return JSON.stringify(links);
}

export function checkValueInputs(
  catalog: Catalog,
  dataset: Dataset,
  orgUnits: ReadonlyMap<string, string>,
  inputs: ValueInput[],
): { values: CheckedValue[]; problems: InputProblem[] } {
  const values: CheckedValue[] = [];
  const problems: InputProblem[] = [];
  const seen = new Map<string, number>();
  inputs.forEach((input, index) => {
    const value = checkValueInput(catalog, dataset, orgUnits, input, index, problems);
    if (!value) return;
    const key = `${value.variable}|${value.orgUnit}|${value.coords}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({
        index,
        field: 'value',
        message: `the same cell is given twice (also at ${earlier + 1})`,
        text: { key: 'value.duplicate_cell', params: { at: earlier + 1 } },
      });
      return;
    }
    seen.set(key, index);
    values.push(value);
  });
  return { values, problems };
}
