// The org-unit families of the fuzz corpus (POST /imports/org-units, CSV with code,name,partner,kind,parent):
// truncated files, bytes that are not UTF-8, control characters, columns twice, missing or extra,
// long fields, wrong kinds and codes, parents that do not hold, a code of another partner after a new one.
import { BYTES, CSV, Family, FUZZ_ORG_UNITS, withBytes } from './files.js';

const HEADER = 'code,name,partner,kind,parent';
const FIELDS = ['code', 'name', 'partner', 'kind', 'parent'] as const;
/** An org-unit line: AL-FZ1 (a court of AL without parent) with fields replaced. */
const unit = (change: Partial<Record<(typeof FIELDS)[number], string>> = {}) => {
  const fields = { code: 'AL-FZ1', name: 'Fuzz District Court 1', partner: 'AL', kind: 'court', parent: '', ...change };
  return FIELDS.map((c) => fields[c]).join(',');
};
const file = (...lines: string[]) => `${HEADER}\n${lines.join('\n')}\n`;

function orgUnitFiles(): Family {
  const f = new Family('org-units', 'org-units', CSV);
  const seed = `${FUZZ_ORG_UNITS}\n`;
  f.accept('the seed again', seed, 'the stored org units again: unchanged');
  f.accept('CRLF', seed.replace(/\n/g, '\r\n'), 'CRLF line ends');
  f.accept('a BOM first', `\uFEFF${seed}`, 'a BOM at the start, as Excel writes it');
  f.accept('partner in lower case', file(unit({ partner: 'al' })), 'partner codes are read in upper case');
  f.accept('cut after a whole row', seed.slice(0, seed.indexOf('\nRS-FZ1')), 'the rows before the cut are whole');
  f.add('cut in the header', 'code,na', 400);
  f.add('cut in a quoted name', seed.slice(0, seed.indexOf('=HYPER') + 6), 400);
  f.add('cut in a row', seed.slice(0, seed.indexOf('Fuzz Basic') + 6), 400);
  f.add('cut before the parent', seed.slice(0, seed.indexOf(',court,AL-FZ1') + 6), 400);
  f.add('name not UTF-8', withBytes(file(unit({ name: `Court caf${BYTES}` })), [0xe9]), 400);
  f.add('code not UTF-8', withBytes(file(unit({ code: `AL-${BYTES}1` })), [0xff]), 400);
  for (const column of FIELDS) f.add(`NUL in ${column}`, file(unit({ [column]: `${column === 'parent' ? 'AL-FZ' : 'x'}\0y` })), 400);
  f.add('escape in a name', file(unit({ name: 'Court \x1b[31mred' })), 400);
  f.add('name twice', `${HEADER},name\n${unit()},Other name\n`, 400);
  f.add('code twice', `${HEADER},code\n${unit()},AL-FZ2\n`, 400);
  for (const column of ['code', 'kind', 'parent'] as const) {
    const keep = FIELDS.filter((c) => c !== column);
    f.add(
      `without ${column}`,
      `${keep.join(',')}\n${keep.map((c) => ({ code: 'AL-FZ1', name: 'N', partner: 'AL', kind: 'court', parent: '' })[c]).join(',')}\n`,
      400,
    );
  }
  f.add('a row one field short', file('AL-FZ1,Fuzz District Court 1,AL,court'), 400);
  f.accept('an extra column', `${HEADER},colour\n${unit()},blue\n`, 'columns beyond code,name,partner,kind,parent are not read');
  f.add('empty file', '', 400);
  f.add('name of 5,000 characters', file(unit({ code: 'AL-FZ8', name: 'N'.repeat(5000) })), 400);
  f.add('kind of 200 characters', file(unit({ code: 'AL-FZ8', kind: 'k'.repeat(200) })), 400);
  f.add('a kind no dataset collects', file(unit({ code: 'AL-FZ8', kind: 'spaceship' })), 400);
  f.add('code of 81 characters', file(unit({ code: 'A'.repeat(81) })), 400);
  f.add('parent of 5,000 characters', file(unit({ code: 'AL-FZ8', parent: 'P'.repeat(5000) })), 400);
  f.add('kind Court', file(unit({ kind: 'Court' })), 400);
  f.add('code with a space', file(unit({ code: 'AL FZ1' })), 400);
  f.add('empty name', file(unit({ name: '' })), 400);
  f.add('partner ZZ', file(unit({ partner: 'ZZ' })), 400);
  f.add('unknown parent', file(unit({ code: 'AL-FZ8', parent: 'NOPE' })), 400);
  f.add('its own parent', file(unit({ code: 'AL-FZ8', parent: 'AL-FZ8' })), 400);
  f.add('parents in a cycle', file(unit({ code: 'AL-FZ8', parent: 'AL-FZ9' }), unit({ code: 'AL-FZ9', parent: 'AL-FZ8' })), 400);
  f.add('a parent of another partner', file(unit({ code: 'AL-FZ8', parent: 'RS-FZ1' })), 400);
  f.add('a code twice', file(unit(), unit()), 400);
  // A new unit first, then a code that belongs to RS: refused inside the transaction, the new unit with it.
  f.add('a new unit, then a code of another partner', file(unit({ code: 'AL-FZ9' }), unit({ code: 'RS-FZ1' })), 400);
  f.add('sent as JSON', seed, 415, { contentType: 'application/json' });
  f.add('sent as text/plain', seed, 415, { contentType: 'text/plain' });
  f.add('no Content-Type', seed, 415, { contentType: null });
  return f;
}

export function orgUnitFamilies(): Family[] {
  return [orgUnitFiles()];
}
