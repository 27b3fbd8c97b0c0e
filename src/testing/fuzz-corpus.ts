// A corpus of malformed and hostile upload files for the value import (POST /imports/values, dry run
// and import) and the org-unit import (POST /imports/org-units), as an attacker probing them would
// send: truncated, wrongly encoded, with control characters, columns twice or missing, fields over
// their limits, wrong types, unknown or out-of-scope codes, formula-looking text, BOMs and line ends
// in odd places, hostile JSON and broken workbooks. Built deterministically from a seed: the same
// call gives the same bytes in every run.
//
// Every file says what a correct server answers. The few files that are acceptable restate exactly
// what the test stored first (FUZZ_SEED, FUZZ_ORG_UNITS), so that even their real import writes nothing.
import { csvFamilies } from './fuzz/csv.js';
import { seeded, type FuzzFile } from './fuzz/files.js';
import { jsonFamilies } from './fuzz/json.js';
import { orgUnitFamilies } from './fuzz/org-units.js';
import { xlsxFamilies } from './fuzz/xlsx.js';

export { FUZZ_DATASET, FUZZ_ORG_UNITS, FUZZ_PERIOD, FUZZ_SEED, LOCKED_PERIOD, SEED_ROWS, type FuzzFile } from './fuzz/files.js';

/** The whole corpus, some 350 files; `seed` drives the few bytes chosen at random. */
export function fuzzCorpus(seed = 20_240_601): FuzzFile[] {
  const random = seeded(seed);
  const files = [...csvFamilies(), ...jsonFamilies(), ...xlsxFamilies(random), ...orgUnitFamilies()].flatMap((f) => f.files);
  const names = new Set<string>();
  for (const f of files) {
    if (names.has(f.name)) throw new Error(`fuzz corpus: the name ${f.name} is given twice`);
    names.add(f.name);
  }
  return files;
}
