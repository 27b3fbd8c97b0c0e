// The JSON families of the fuzz corpus (value import): nesting, values that are no number, the wrong
// top-level shape, truncated text, keys twice, syntax JSON does not have, prototype keys, encodings,
// control characters, fields over their limits, unknown and out-of-scope codes, a locked submission.
import { Family, FUZZ_SEED as S, JSON_TYPE, LOCKED_PERIOD, SEED_ROWS } from './files.js';
import type { ImportValueRow } from '../submissions.js';

/** A row as the JSON layout writes it (org_unit, coords). */
function item(r: ImportValueRow, change: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    dataset: r.dataset,
    partner: r.partner,
    org_unit: r.orgUnit ?? null,
    period: r.period,
    variable: r.variable,
    coords: r.coords ?? {},
    value: r.value,
    comment: r.comment ?? null,
    ...change,
  };
}

const seedJson = JSON.stringify({ values: SEED_ROWS.map((r) => item(r)) });
/** The court row as JSON text with `value` written as given (a literal JSON.stringify cannot write). */
const withValue = (literal: string) =>
  `{"values":[${JSON.stringify(item(S.court, { value: 0 })).replace('"value":0', `"value":${literal}`)}]}`;
const one = (change: Record<string, unknown>, r: ImportValueRow = S.court) => JSON.stringify({ values: [item(r, change)] });

function shapes(): Family {
  const f = new Family('json-shape', 'values', JSON_TYPE);
  f.accept('the seed as { values }', seedJson, 'the known good submission again: nothing changes');
  f.accept('the seed as an array', JSON.stringify(SEED_ROWS.map((r) => item(r))), 'a bare array of values is the other layout');
  f.accept(
    'pretty-printed with CRLF',
    JSON.stringify({ values: SEED_ROWS.map((r) => item(r)) }, null, 2).replace(/\n/g, '\r\n'),
    'white space between tokens is JSON',
  );
  f.accept('empty values', '{"values":[]}', 'no values: nothing to import');
  f.accept('empty array', '[]', 'no values: nothing to import');
  f.accept('period as a number', one({ period: 2040 }, S.fte), 'a number where a code is expected is read as its text');
  f.accept(
    'value null',
    JSON.stringify({ values: [item(S.court, { value: null }), item(S.fte)] }),
    'a value of null is no value: the row says nothing',
  );
  const tops: [string, string][] = [
    ['a number', '5'],
    ['a text', '"values"'],
    ['null', 'null'],
    ['an empty object', '{}'],
    ['values an object', '{"values":{}}'],
    ['values a text', '{"values":"x"}'],
    ['an array of numbers', '[1]'],
    ['an array of arrays', '[[]]'],
    ['values of arrays', '{"values":[[]]}'],
  ];
  for (const [name, text] of tops) f.add(`top level: ${name}`, text, 400);
  f.add('65 levels deep', `${'['.repeat(65)}${']'.repeat(65)}`, 400);
  f.add('64 levels deep', `${'['.repeat(64)}${']'.repeat(64)}`, 400);
  f.add('100,000 levels deep', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, 400);
  let deep: unknown = 'AL';
  for (let i = 0; i < 70; i += 1) deep = { p: deep };
  f.add('deep inside a row', one({ partner: deep }), 400);
  f.add('brackets inside a text are no nesting', one({ value: 'x', comment: '['.repeat(500) }), 400);
  return f;
}

function numbers(): Family {
  const f = new Family('json-values', 'values', JSON_TYPE);
  const literals: [string, string][] = [
    ['[7]', '[7]'],
    ['{"n":7}', '{"n":7}'],
    ['1e309', '1e309'],
    ['1e308', '1e308'],
    ['a 50-digit number', '1'.repeat(50)],
    ['true', 'true'],
    ['"1e309"', '"1e309"'],
    ['"Infinity"', '"Infinity"'],
    ['NaN literal', 'NaN'],
    ['hex literal', '0x10'],
    ['40.5 for whole cases', '40.5'],
  ];
  for (const [name, literal] of literals) f.add(`value ${name}`, withValue(literal), 400);
  f.add('partner a number', one({ partner: 42 }), 400);
  f.add('dataset an array', one({ dataset: ['justice.annual'] }), 400);
  return f;
}

function text(): Family {
  const f = new Family('json-text', 'values', JSON_TYPE);
  const cuts = [1, 40, seedJson.indexOf('"value":1000') + 10, Math.floor(seedJson.length / 2), seedJson.length - 1];
  for (const at of cuts) f.add(`cut at ${at}`, seedJson.slice(0, at), 400);
  const court = JSON.stringify(item(S.court));
  f.add('value twice', `{"values":[${court.replace('"value":40', '"value":40,"value":5')}]}`, 400);
  f.add('partner twice', `{"values":[${court.replace('"partner":"AL"', '"partner":"AL","partner":"RS"')}]}`, 400);
  f.add('values twice', `{"values":[],"values":[${court}]}`, 400);
  f.add('instance twice in coords', `{"values":[${court.replace('"instance":"first"', '"instance":"first","instance":"second"')}]}`, 400);
  f.add('dataset twice, once escaped', `{"values":[${court.replace('"dataset"', '"d\\u0061taset":"x","dataset"')}]}`, 400);
  f.add('orgUnit and org_unit', one({ orgUnit: 'AL-FZ1' }), 400);
  f.add('a line comment', `// values\n${seedJson}`, 400);
  f.add('a trailing comma', seedJson.replace(/\]\}$/, ',]}'), 400);
  f.add('single quotes', seedJson.replace(/"/g, "'"), 400);
  f.add('text after the end', `${seedJson} and more`, 400);
  f.add('empty body', '', 400);
  f.add('white space only', ' \n\t ', 400);
  f.accept('a BOM first', `\uFEFF${seedJson}`, 'the UTF-8 decoder drops a leading BOM, as RFC 8259 allows');
  f.add('not UTF-8', Buffer.concat([Buffer.from(seedJson.slice(0, 30)), Buffer.from([0xff, 0xfe]), Buffer.from(seedJson.slice(30))]), 400);
  f.add('UTF-16LE', Buffer.from(seedJson, 'utf16le'), 400);
  f.add('__proto__ in a row', `{"values":[${court.replace('"dataset"', '"__proto__":{"value":5},"dataset"')}]}`, 400);
  f.add('__proto__ in coords', `{"values":[${court.replace('"coords":{', '"coords":{"__proto__":"x",')}]}`, 400);
  f.add('__proto__ at the top', `{"__proto__":{"values":[${court}]}}`, 400);
  f.add('NUL escaped in a comment', one({ comment: 'under\u0000review' }), 400);
  f.add('NUL escaped in a key', `{"values":[${court.replace('"comment"', '"comm\\u0000ent"')}]}`, 400);
  f.add('a raw control character in a text', `{"values":[${court.replace('"AL-FZ1"', '"AL-\u0001FZ1"')}]}`, 400);
  f.add('comment of 2001 characters', one({ comment: 'x'.repeat(2001) }), 400);
  f.add('key of 200 characters', one({ ['k'.repeat(200)]: 1 }), 400);
  return f;
}

function codes(): Family {
  const f = new Family('json-codes', 'values', JSON_TYPE);
  f.add('unknown key', one({ colour: 'blue' }), 400);
  f.add('unknown dimension in coords', one({ coords: { colour: 'blue' } }), 400);
  f.add('unknown code in coords', one({ coords: { case_category: 'civil_litigious', instance: 'nope' } }), 400);
  f.add('coords an array', one({ coords: ['first'] }), 400);
  f.add('coords a text', one({ coords: 'first' }), 400);
  f.add('partner DE', one({ partner: 'DE' }, S.fte), 400);
  f.add('admin: partner EU', one({ partner: 'EU' }, S.fte), 400, { as: 'admin' });
  f.add('into a submitted submission', one({ period: LOCKED_PERIOD, variable: 'judges.headcount', value: 11 }, S.fte), 409);
  return f;
}

export function jsonFamilies(): Family[] {
  return [shapes(), numbers(), text(), codes()];
}
