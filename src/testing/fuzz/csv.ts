// The CSV families of the fuzz corpus (value import): truncated files, bytes that are not UTF-8,
// control characters, columns twice, missing or extra, fields over their limits, wrong types, unknown
// and out-of-scope codes, formula-looking text, BOMs and line ends, media types, a locked submission.
import {
  BYTES,
  COLUMNS,
  CSV,
  csvLines,
  Family,
  FUZZ_SEED as S,
  fieldsOf,
  line,
  LOCKED_PERIOD,
  SEED_ROWS,
  valueCsv,
  withBytes,
  type Column,
} from './files.js';

const HEADER = COLUMNS.join(',');
const PARTNER_ROWS = [S.formula, S.plus, S.minus, S.at, S.fte];

/** Byte sequences that are not UTF-8. */
export const BAD_UTF8: readonly [string, readonly number[]][] = [
  ['lone FF', [0xff]],
  ['overlong slash', [0xc0, 0xaf]],
  ['surrogate half', [0xed, 0xa0, 0x80]],
  ['five-byte form', [0xf8, 0x88, 0x80, 0x80, 0x80]],
  ['lone continuation', [0x80]],
  ['cut sequence', [0xe2, 0x82]],
  ['beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ['Latin-1 é', [0xe9]],
];

/** The text with `insert` put in the middle. */
const middle = (text: string, insert: string) =>
  text.slice(0, Math.ceil(text.length / 2)) + insert + text.slice(Math.ceil(text.length / 2));

/**
 * A file cut at every kind of place. A cut in the last field of a row, or just after a closing quote,
 * leaves a shorter file that is whole (no reader can tell), so the cut rows end in an empty field or a
 * quoted text: any cut inside them leaves a row short of a field or a quote open.
 */
function truncated(): Family {
  const f = new Family('truncated-csv', 'values', CSV);
  const whole = csvLines([
    COLUMNS,
    line(S.court),
    line(S.formula, { comment: { quoted: S.formula.comment! } }),
    line(S.quoted),
    line(S.fte),
  ]);
  const upTo = (marker: string, from = 0) => {
    const at = whole.indexOf(marker, from);
    if (at < 0) throw new Error(`fuzz corpus: "${marker}" is not in the file`);
    return whole.slice(0, at + marker.length);
  };
  f.add('header: one byte', whole.slice(0, 1), 400);
  f.add('header: mid-name', 'dataset,partner,org', 400);
  f.add('header: before value', upTo(',val'), 400);
  f.add('header: in the last name', upTo(',comm'), 400);
  f.accept('header: whole, no line end', HEADER, 'a header alone is an empty template: nothing to import');
  f.accept('header: whole', `${HEADER}\n`, 'a header alone is an empty template: nothing to import');
  // Every seventh place in a row whose last field is empty: any cut leaves it short of a field.
  const rowStart = HEADER.length + 1;
  const court = csvLines([line(S.court)], '');
  for (let k = 1; k < court.length; k += 7) f.add(`mid-row at ${k}`, whole.slice(0, rowStart + k), 400);
  f.add('mid-row: before the last comma', whole.slice(0, rowStart + court.length - 1), 400);
  f.accept('row end without line end', whole.slice(0, rowStart + court.length), 'the rows before the cut are whole and restate the seed');
  const formulaRow = whole.indexOf('justice.annual,AL,,2040,cases.incoming');
  f.add('mid-row: in the value', upTo(',10', formulaRow), 400);
  f.add('mid-quote: opening quote', upTo(',"', formulaRow), 400);
  f.add('mid-quote: in the text', upTo('"=cmd|', formulaRow), 400);
  f.add('mid-quote: before the closing quote', upTo("calc'!A0", formulaRow), 400);
  f.accept('after the closing quote', upTo(`calc'!A0"`, formulaRow), 'the quoted text is whole: the rows restate the seed');
  f.add('mid-quote: after caf', upTo('"caf'), 400);
  f.add('mid-quote: half of é', withBytes(upTo('"caf') + BYTES, [0xc3]), 400);
  f.add('mid-quote: in an escaped quote', upTo('""quot'), 400);
  f.add('mid-quote: after the line break', upTo('a line\n'), 400);
  f.add('mid-quote: before the closing quote of a multi-line text', upTo('\nbreak'), 400);
  f.add('last row: in the number', upTo('judges.fte,,,12.'), 400);
  f.add('last row: no comment field', upTo('judges.fte,,,12.5'), 400);
  f.accept('last row: whole, no line end', upTo('judges.fte,,,12.5,'), 'every row is whole and restates the seed');
  const crlf = csvLines([COLUMNS, line(S.court), line(S.fte)], '\r\n');
  f.accept(
    'between CR and LF',
    crlf.slice(0, crlf.indexOf('\r\n', HEADER.length + 2) + 1),
    'a line end cut after its CR still ends the row',
  );
  return f;
}

function invalidUtf8(): Family {
  const f = new Family('invalid-utf8', 'values', CSV);
  COLUMNS.forEach((column, i) => {
    const [label, bytes] = BAD_UTF8[i % BAD_UTF8.length]!;
    const text = csvLines([COLUMNS, line(S.formula, { [column]: middle(fieldsOf(S.formula)[column], BYTES) })]);
    f.add(`${column}: ${label}`, withBytes(text, bytes), 400);
  });
  for (const [label, bytes] of BAD_UTF8.slice(0, 4))
    f.add(
      `second row comment: ${label}`,
      withBytes(csvLines([COLUMNS, line(S.fte), line(S.court, { comment: `x${BYTES}y` })]), bytes),
      400,
    );
  f.add('header name', withBytes(`${HEADER.replace('variable', `vari${BYTES}able`)}\n`, [0xff]), 400);
  f.add('first byte of the file', withBytes(`${BYTES}${valueCsv([S.fte])}`, [0xfe]), 400);
  f.add('UTF-16LE with its BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(valueCsv([S.fte]), 'utf16le')]), 400);
  // A character across the 64 KiB chunks the reader takes: whole, it is one character; cut, it is refused.
  const filler = (before: string) => {
    const head = `${HEADER}\n`;
    const room = 65_535 - Buffer.byteLength(head) - Buffer.byteLength(before);
    const rows = Math.floor(room / 9) - 1;
    return head + ',,,,,,,,\n'.repeat(rows) + ',,,,,,,,' + ' '.repeat(room - rows * 9 - 9) + '\n';
  };
  const quotedRow = csvLines([line(S.quoted)]);
  const beforeAccent = quotedRow.slice(0, quotedRow.indexOf('é'));
  const padded = filler(beforeAccent) + quotedRow;
  if (Buffer.from(padded).indexOf(Buffer.from('é')) !== 65_535) throw new Error('fuzz corpus: é is not across the chunks');
  f.accept('é across two chunks', padded, 'a character split between two reads is still one character; the rows restate the seed');
  f.add('cut sequence across two chunks', withBytes(padded.replace('é', `${BYTES}X`), [0xc3]), 400);
  return f;
}

function controlCharacters(): Family {
  const f = new Family('control-characters', 'values', CSV);
  for (const column of COLUMNS)
    f.add(`NUL in ${column}`, csvLines([COLUMNS, line(S.formula, { [column]: middle(fieldsOf(S.formula)[column], '\0') })]), 400);
  for (const [label, char] of [
    ['SOH', '\x01'],
    ['escape', '\x1b'],
    ['DEL', '\x7f'],
    ['vertical tab', '\v'],
  ] as const)
    f.add(`${label} in a comment`, csvLines([COLUMNS, line(S.court, { comment: `under${char}review` })]), 400);
  f.add('SOH in a number', csvLines([COLUMNS, line(S.court, { value: '4\x010' })]), 400);
  f.add('NUL in the header', `${HEADER.replace('value', 'value\0')}\n${csvLines([line(S.fte)])}`, 400);
  f.add('NUL first', `\0${valueCsv([S.fte])}`, 400);
  f.accept(
    'vertical tab at the edge of a number',
    csvLines([COLUMNS, line(S.court, { value: '\v40' })]),
    'white space at the edges of a field (VT and FF included) is trimmed; nothing of it is stored',
  );
  return f;
}

function columns(): Family {
  const f = new Family('columns', 'values', CSV);
  for (const column of ['dataset', 'partner', 'variable', 'value', 'comment'] as const)
    f.add(`${column} twice`, `${HEADER},${column}\n${csvLines([[...line(S.fte), fieldsOf(S.fte)[column]]])}`, 400);
  f.add('Value and value', `${HEADER.replace('value', 'Value')},value\n${csvLines([[...line(S.fte), '12.5']])}`, 400);
  f.add('" value " and value', `${HEADER}," value "\n${csvLines([[...line(S.fte), '12.5']])}`, 400);
  for (const column of ['dataset', 'partner', 'period', 'variable', 'value'] as const) {
    const keep = COLUMNS.filter((c) => c !== column);
    f.add(`without ${column}`, csvLines([keep, ...PARTNER_ROWS.map((r) => keep.map((c) => fieldsOf(r)[c]))]), 400);
  }
  const only = (cols: readonly Column[], rows = PARTNER_ROWS) => csvLines([cols, ...rows.map((r) => cols.map((c) => fieldsOf(r)[c]))]);
  f.accept('without org_unit', only(COLUMNS.filter((c) => c !== 'org_unit')), 'org_unit is optional for figures of the partner itself');
  f.accept(
    'without comment',
    only(
      COLUMNS.filter((c) => c !== 'comment'),
      [S.fte],
    ),
    'comment is optional; the row has none',
  );
  f.accept(
    'without dimensions',
    only(['dataset', 'partner', 'period', 'variable', 'value'], [S.fte]),
    'dimension columns are optional for a total',
  );
  f.add('a row one field short', csvLines([COLUMNS, line(S.fte).slice(0, 8)]), 400);
  f.add('a row one field long', csvLines([COLUMNS, [...line(S.fte), 'extra']]), 400);
  f.add('unknown column', `${HEADER},colour\n${csvLines([[...line(S.fte), 'blue']])}`, 400);
  f.add('empty column name', `${HEADER},\n${csvLines([[...line(S.fte), '']])}`, 400);
  f.add('a dimension the variable lacks', csvLines([COLUMNS, line(S.fte, { case_category: 'civil_litigious' })]), 400);
  f.accept(
    'status column',
    `${HEADER},status\n${csvLines(SEED_ROWS.map((r) => [...line(r), 'draft']))}`,
    'the status column of an export is ignored on import',
  );
  f.accept(
    'obs_status column left empty',
    `${HEADER},obs_status\n${csvLines(SEED_ROWS.map((r) => [...line(r), '']))}`,
    'an empty observation status is none, as stored',
  );
  f.add('empty file', '', 400);
  f.add('blank lines only', '\n\n\r\n\n', 400);
  return f;
}

function limits(): Family {
  const f = new Family('field-limits', 'values', CSV);
  f.add('comment of 2001 characters', csvLines([COLUMNS, line(S.court, { comment: 'x'.repeat(2001) })]), 400);
  for (const column of ['dataset', 'partner', 'org_unit', 'value'] as const)
    f.add(
      `${column} of 121 characters`,
      csvLines([COLUMNS, line(S.court, { [column]: (column === 'value' ? '1' : 'A').repeat(121) })]),
      400,
    );
  f.add('column name of 121 characters', `${HEADER},${'d'.repeat(121)}\n${csvLines([[...line(S.fte), '']])}`, 400);
  f.add('record of 70,000 characters', csvLines([COLUMNS, line(S.court, { comment: { quoted: 'y'.repeat(70_000) } })]), 400);
  return f;
}

function types(): Family {
  const f = new Family('wrong-types', 'values', CSV);
  const values = ['text', '1e309', 'NaN', 'Infinity', '-Infinity', '0x10', '1e3', '1,000', '12 345'];
  values.push('true', '40.5', '9999999999999999', '١٠', '４0', '40 %');
  for (const value of values) f.add(`value ${JSON.stringify(value)}`, csvLines([COLUMNS, line(S.court, { value })]), 400);
  for (const period of ['abcd', '2040Q5', '2040-13', '1899', '2040-01'])
    f.add(`period ${period}`, csvLines([COLUMNS, line(S.fte, { period })]), 400);
  f.accept(
    'value empty',
    csvLines([COLUMNS, line(S.court, { value: '' }), line(S.fte)]),
    'a row without a value is a template line left empty: it says nothing',
  );
  f.accept('value of spaces', csvLines([COLUMNS, line(S.court, { value: '   ' })]), 'a value of white space is no value');
  return f;
}

function codes(): Family {
  const f = new Family('unknown-codes', 'values', CSV);
  const cases: [string, Partial<Record<Column, string>>][] = [
    ['dataset justice.nothing', { dataset: 'justice.nothing' }],
    ['dataset empty', { dataset: '' }],
    ['partner ZZ', { partner: 'ZZ' }],
    ['partner empty', { partner: '' }],
    ['variable cases.nothing', { variable: 'cases.nothing' }],
    ['variable of another dataset', { variable: 'arrivals.detected' }],
    ['org unit AL-NOPE', { org_unit: 'AL-NOPE' }],
    ['org unit of RS', { org_unit: 'RS-FZ1' }],
    ['case category piracy', { case_category: 'piracy' }],
    ['instance fourth', { instance: 'fourth' }],
  ];
  for (const [name, change] of cases) f.add(name, csvLines([COLUMNS, line(S.court, change)]), 400);
  f.add('observation status Z', `${HEADER},obs_status\n${csvLines([[...line(S.fte), 'Z']])}`, 400);
  f.accept('partner in lower case', csvLines([COLUMNS, line(S.fte, { partner: 'al' })]), 'partner codes are read in upper case');
  // Partners the dataset does not collect from, or another WB6 partner: refused to AL's coordinator.
  for (const partner of ['DE', 'EU', 'AT', 'RS']) f.add(`partner ${partner}`, csvLines([COLUMNS, line(S.fte, { partner })]), 400);
  // The same sent by an admin, who may import for any partner the dataset collects from.
  for (const partner of ['DE', 'EU']) {
    f.add(`admin: partner ${partner}`, csvLines([COLUMNS, line(S.fte, { partner })]), 400, { as: 'admin' });
    const monthly = { dataset: 'migration.monthly', partner, period: '2040-01', variable: 'arrivals.detected', org_unit: '' };
    f.add(`admin: migration figures of ${partner}`, csvLines([COLUMNS, line(S.fte, { ...monthly, value: '5' })]), 400, { as: 'admin' });
  }
  return f;
}

function formulas(): Family {
  const f = new Family('formula-text', 'values', CSV);
  const rows = [S.formula, S.plus, S.minus, S.at];
  f.accept('comments as given', valueCsv(rows), 'formula-looking comments are text: stored as given, neutralised in exports');
  f.accept(
    'comments quoted',
    csvLines([COLUMNS, ...rows.map((r) => line(r, { comment: { quoted: r.comment! } }))]),
    'quoting changes nothing',
  );
  const cases: [string, Partial<Record<Column, string>>][] = [
    ['partner =AL', { partner: '=AL' }],
    ['dataset @justice.annual', { dataset: '@justice.annual' }],
    ['org unit +AL-FZ1', { org_unit: '+AL-FZ1' }],
    ['period -2040', { period: '-2040' }],
    ['value =SUM(A1:A9)', { value: '=SUM(A1:A9)' }],
    ['a formula comment on a bad row', { value: 'x', comment: "=cmd|' /C calc'!A0" }],
  ];
  for (const [name, change] of cases) f.add(name, csvLines([COLUMNS, line(S.court, change)]), 400);
  return f;
}

function boms(): Family {
  const f = new Family('bom', 'values', CSV);
  const text = valueCsv(SEED_ROWS);
  const second = text.indexOf('\n') + 1;
  f.accept('at the start', `\uFEFF${text}`, 'a BOM at the start is how Excel saves "CSV UTF-8"');
  f.accept('twice at the start', `\uFEFF\uFEFF${text}`, 'the second BOM is white space at the edge of the first name, trimmed');
  f.accept(
    'before the second row',
    `${text.slice(0, second)}\uFEFF${text.slice(second)}`,
    'a BOM at the edge of a field is white space, trimmed',
  );
  f.add('inside a code', csvLines([COLUMNS, line(S.court, { variable: 'cases.\uFEFFincoming' })]), 400);
  f.add('inside a column name', `${text.replace('dataset', 'da\uFEFFtaset')}`, 400);
  f.accept('alone on the last line', `${text}\uFEFF`, 'a line of white space is an empty line');
  f.add('UTF-32 BOM', withBytes(`${BYTES}${text}`, [0x00, 0x00, 0xfe, 0xff]), 400);
  return f;
}

function lineEnds(): Family {
  const f = new Family('line-ends', 'values', CSV);
  const lines = [COLUMNS, ...SEED_ROWS.map((r) => line(r))].map((l) => csvLines([l], ''));
  const mixed = (ends: string[]) => lines.map((l, i) => l + ends[i % ends.length]).join('');
  const taken = 'the line ends end the rows; the rows restate the seed';
  f.accept('CRLF', mixed(['\r\n']), taken);
  f.accept('CR', mixed(['\r']), taken);
  f.accept('LF header, CRLF rows', mixed(['\n', '\r\n', '\r\n', '\r\n', '\r\n', '\r\n', '\r\n', '\r\n']), taken);
  // The reader takes the line end of the first line for the whole file (a CR before an LF is white
  // space, trimmed): after a first CRLF or CR, a bare LF is no line end, and after a first LF a bare CR neither.
  f.add('CRLF header, LF rows', mixed(['\r\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n']), 400);
  f.add('CR header, LF rows', mixed(['\r', '\n', '\n', '\n', '\n', '\n', '\n', '\n']), 400);
  f.add('LF, CRLF and CR by turns', mixed(['\n', '\r\n', '\r']), 400);
  f.accept('CR CR LF', mixed(['\r\r\n']), taken);
  f.accept('LF CR', mixed(['\n\r']), taken);
  f.accept('blank lines between and after', mixed(['\n\n', '\r\n\r\n', '\n']) + '\n\n\n', taken);
  return f;
}

function mediaTypes(): Family {
  const f = new Family('media-types', 'values', CSV);
  const text = valueCsv(SEED_ROWS);
  for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x']) f.add(type, text, 415, { contentType: type });
  f.add('no Content-Type', text, 415, { contentType: null });
  f.accept('text/csv; charset=utf-8', text, 'the media type with its charset', { contentType: 'text/csv; charset=utf-8' });
  f.add('CSV sent as JSON', text, 400, { contentType: 'application/json' });
  f.add('JSON sent as CSV', JSON.stringify({ values: SEED_ROWS }), 400);
  return f;
}

function locked(): Family {
  const f = new Family('locked', 'values', CSV);
  f.add(
    'into a submitted submission',
    csvLines([COLUMNS, line(S.fte, { period: LOCKED_PERIOD, variable: 'judges.headcount', value: '11' })]),
    409,
  );
  // The first submission would get a new value, the second is locked: the whole file is refused.
  const fresh = line(S.fte, { variable: 'judges.headcount', value: '10' });
  f.add(
    'a new value, then a locked submission',
    csvLines([COLUMNS, fresh, line(S.fte, { period: LOCKED_PERIOD, variable: 'judges.headcount', value: '11' })]),
    409,
  );
  return f;
}

export function csvFamilies(): Family[] {
  return [
    truncated(),
    invalidUtf8(),
    controlCharacters(),
    columns(),
    limits(),
    types(),
    codes(),
    formulas(),
    boms(),
    lineEnds(),
    mediaTypes(),
    locked(),
  ];
}
