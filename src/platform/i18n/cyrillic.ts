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

/** Kept as written: placeholders, addresses and file names, and words of capitals or with digits (codes, acronyms), and the product's name. */
const KEEP =
  /(\{\{[^}]*\}\}|https?:\/\/\S+|\b[\w.-]+\.(?:csv|json|xlsx|pdf|yaml|ics|zip)\b|JHA Hub|\b[A-ZČĆĐŠŽ]{2,}[a-z]?\b|\b\w*\d\w*\b)/u;

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

/** Every text of a nested translation object in Cyrillic. */
export function toCyrillicTexts<T>(texts: T): T {
  if (typeof texts === 'string') return toCyrillic(texts) as T;
  if (texts && typeof texts === 'object') return Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, toCyrillicTexts(v)])) as T;
  return texts;
}
