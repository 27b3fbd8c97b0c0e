// Serbian Cyrillic from Serbian Latin: the two scripts of one language map letter for letter
// (lj → љ, nj → њ, dž → џ count as one letter each). What must stay Latin stays: interpolation
// placeholders ({{count}}), words written in capitals (EU, SDMX, CSV, CEPEJ), the product's name,
// addresses and file names. sr-Cyrl is derived from sr-Latn.json this way when it loads.

const LETTERS: Record<string, string> = {
  a: 'а',
  b: 'б',
  c: 'ц',
  č: 'ч',
  ć: 'ћ',
  d: 'д',
  đ: 'ђ',
  e: 'е',
  f: 'ф',
  g: 'г',
  h: 'х',
  i: 'и',
  j: 'ј',
  k: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  o: 'о',
  p: 'п',
  r: 'р',
  s: 'с',
  š: 'ш',
  t: 'т',
  u: 'у',
  v: 'в',
  z: 'з',
  ž: 'ж',
};
const DIGRAPHS: Record<string, string> = { lj: 'љ', nj: 'њ', dž: 'џ' };

/**
 * Kept as written: placeholders, addresses, file names and extensions, date-format tokens (%d),
 * codes (words with capitals only, digits or an underscore: EU, SDMX, 2024S1, case_type), foreign
 * names (a word with q, w, x or y, letters Serbian does not have: Word, Excel, axe-core, Parquet)
 * and the product's name.
 */
const KEEP_SOURCE = [
  String.raw`\{\{[^}]*\}\}`,
  String.raw`https?:\/\/\S+`,
  String.raw`\b[\w.-]+\.(?:csv|json|xlsx|parquet|pdf|yaml|ics|zip)\b`,
  String.raw`\.(?:csv|json|xlsx|parquet|pdf|yaml|ics|zip)\b`,
  String.raw`%[A-Za-z]`,
  'JHA Hub',
  String.raw`[\w-]*[qwxyQWXY][\w-]*`,
  String.raw`\b\w*_\w*\b`,
  String.raw`\b[A-ZČĆĐŠŽ]{2,}[a-z]?\b`,
  String.raw`\b\w*\d\w*\b`,
].join('|');
const KEEP = new RegExp(`(${KEEP_SOURCE})`, 'u');
function word(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const two = text.slice(i, i + 2);
    const lowerTwo = two.toLowerCase();
    if (DIGRAPHS[lowerTwo]) {
      const cyr = DIGRAPHS[lowerTwo];
      out += two[0] === two[0]!.toLowerCase() ? cyr : cyr.toUpperCase();
      i += 1;
      continue;
    }
    const ch = text[i]!;
    const lower = ch.toLowerCase();
    const cyr = LETTERS[lower];
    out += cyr ? (ch === lower ? cyr : cyr.toUpperCase()) : ch;
  }
  return out;
}

/** A Serbian Latin text in Cyrillic script, codes, acronyms and placeholders left as they are. */
export function toCyrillic(text: string): string {
  return text
    .split(KEEP)
    .map((part, i) => (i % 2 === 1 ? part : word(part)))
    .join('');
}

/**
 * Every text of a nested translation object in Cyrillic, but those whose key path is `verbatim`
 * (code samples, the same in both scripts).
 */
export function toCyrillicTexts<T>(texts: T, verbatim: ReadonlySet<string> = new Set(), path = ''): T {
  if (typeof texts === 'string') return (verbatim.has(path) ? texts : toCyrillic(texts)) as T;
  if (texts && typeof texts === 'object')
    return Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, toCyrillicTexts(v, verbatim, path ? `${path}.${k}` : k)])) as T;
  return texts;
}

/** The Latin letters a Cyrillic text has outside what stays Latin (codes, names, placeholders): none in a good one. */
export function latinLeft(text: string): string {
  return text
    .split(KEEP)
    .filter((_, i) => i % 2 === 0)
    .join('')
    .replace(/[^A-Za-zČĆĐŠŽčćđšž]/g, '');
}
