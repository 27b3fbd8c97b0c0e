// Reading a JSON value file: an array of values (or an object with a "values" array), each a flat
// object whose breakdowns may stand in `coords`; depth and repeated keys are checked before parsing.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { duplicateJsonKey, jsonDepth, MAX_JSON_DEPTH } from '../platform/http/input-hygiene.js';
import { ValidationError } from '../platform/errors.js';
import type { Catalog } from './catalog.js';
import {
  checkHeader,
  collect,
  count,
  fieldError,
  fileText,
  LIMITS,
  ROWS_PER_TURN,
  tooManyRows,
  toRow,
  type ImportRow,
} from './formats-rows.js';

export async function readJson(text: string, catalog: Catalog): Promise<ImportRow[]> {
  return collect(jsonBatches(text, catalog));
}

export async function* jsonBatches(text: string, catalog: Catalog): AsyncGenerator<ImportRow[]> {
  let data: unknown;
  // A value file is an array of flat objects: anything much deeper is no value file (and would exhaust the stack).
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
    throw new ValidationError(
      `The JSON file is nested deeper than ${MAX_JSON_DEPTH} levels; a value file is an array of flat objects.`,
      undefined,
      fileText('json_too_deep', { max: MAX_JSON_DEPTH }),
    );
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ValidationError(`The JSON file cannot be read: ${(err as Error).message}`);
  }
  // JSON.parse keeps the last of two equal keys where another reader keeps the first: refused, as a CSV column twice is.
  const twice = duplicateJsonKey(text);
  if (twice)
    throw new ValidationError(
      `The JSON file has the key "${twice.key.slice(0, 60)}" twice in one object (line ${count(twice.line)}); each key may appear only once.`,
      { key: twice.key.slice(0, 120), line: twice.line },
      fileText('json_key_twice', { key: twice.key.slice(0, 60), line: twice.line }),
    );
  const list = Array.isArray(data) ? data : (data as { values?: unknown })?.values;
  if (!Array.isArray(list))
    throw new ValidationError(
      'The JSON file must be an array of values, or an object with a "values" array.',
      undefined,
      fileText('json_not_a_list', { key: 'values' }),
    );
  if (list.length > LIMITS.rows) throw tooManyRows('JSON file');
  let rows: ImportRow[] = [];
  for (let i = 0; i < list.length; i += 1) {
    const item: unknown = list[i];
    const where = `row ${i + 1} (values[${i}])`;
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw new ValidationError(
        `values[${i}]: must be an object.`,
        { row: i + 1 },
        fileText('json_value_not_object', { path: `values[${i}]` }),
      );
    const flat: Record<string, unknown> = Object.create(null);
    const put = (k: string, v: unknown) => {
      if (k in flat)
        throw fieldError(
          i + 1,
          where,
          k,
          'is given twice (as orgUnit and org_unit, or again in coords).',
          fileText('json_field_twice', { camel: 'orgUnit', snake: 'org_unit', coords: 'coords' }),
        );
      flat[k] = v;
    };
    for (const [k, v] of Object.entries(item)) {
      if (k !== 'coords') put(k === 'orgUnit' ? 'org_unit' : k, v);
      else if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        if (v !== null) throw fieldError(i + 1, where, 'coords', 'must be an object of dimension codes.', fileText('json_coords'));
      } else for (const [d, code] of Object.entries(v)) put(d, code);
    }
    let dims: string[];
    try {
      dims = checkHeader(Object.keys(flat), catalog);
    } catch (err) {
      throw new ValidationError(`values[${i}]: ${(err as Error).message}`, { row: i + 1 });
    }
    const row = toRow(flat, dims, i + 1, where);
    if (row) rows.push(row);
    if ((i + 1) % ROWS_PER_TURN === 0) {
      yield rows;
      rows = [];
      await nextTurn();
    }
  }
  if (rows.length > 0) yield rows;
}
