// ISO periods as the API writes them — yearly '2020', half-yearly '2020S1' (or '2020-S1'), quarterly '2020Q1' (or '2020-Q1'), monthly
// '2020-05', weekly '2020W05' (or '2020-W05') — and the series along them: every period between the
// first and the last, so that a chart's line breaks where a period has no value. Pure functions.

type Kind = 'yearly' | 'halfyearly' | 'quarterly' | 'monthly' | 'weekly';

interface Parsed {
  kind: Kind;
  year: number;
  index: number;
  /** How the quarter or week is written: '2020Q1' or '2020-Q1'. */
  dash: boolean;
}

/** At most this many periods are filled in: a range longer than that is given as it is. */
const MAX_SPAN = 1000;

function parse(text: string): Parsed | null {
  let m = /^(\d{4})$/.exec(text);
  if (m) return { kind: 'yearly', year: Number(m[1]), index: 1, dash: false };
  m = /^(\d{4})(-?)S([12])$/.exec(text);
  if (m) return { kind: 'halfyearly', year: Number(m[1]), index: Number(m[3]), dash: m[2] === '-' };
  m = /^(\d{4})(-?)Q([1-4])$/.exec(text);
  if (m) return { kind: 'quarterly', year: Number(m[1]), index: Number(m[3]), dash: m[2] === '-' };
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (m) return { kind: 'monthly', year: Number(m[1]), index: Number(m[2]), dash: true };
  m = /^(\d{4})(-?)W(0[1-9]|[1-4]\d|5[0-3])$/.exec(text);
  if (m && Number(m[3]) <= isoWeeksInYear(Number(m[1])))
    return { kind: 'weekly', year: Number(m[1]), index: Number(m[3]), dash: m[2] === '-' };
  return null;
}

/** ISO weeks in a year: 53 when 1 January is a Thursday, or a Wednesday in a leap year. */
function isoWeeksInYear(year: number): number {
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

function perYear(kind: Kind, year: number): number {
  return kind === 'yearly' ? 1 : kind === 'halfyearly' ? 2 : kind === 'quarterly' ? 4 : kind === 'monthly' ? 12 : isoWeeksInYear(year);
}

function format(p: Parsed): string {
  const two = String(p.index).padStart(2, '0');
  switch (p.kind) {
    case 'yearly':
      return String(p.year);
    case 'halfyearly':
      return `${p.year}${p.dash ? '-' : ''}S${p.index}`;
    case 'quarterly':
      return `${p.year}${p.dash ? '-' : ''}Q${p.index}`;
    case 'monthly':
      return `${p.year}-${two}`;
    case 'weekly':
      return `${p.year}${p.dash ? '-' : ''}W${two}`;
  }
}

function compare(a: Parsed, b: Parsed): number {
  return a.year - b.year || a.index - b.index;
}

function next(p: Parsed): Parsed {
  return p.index < perYear(p.kind, p.year) ? { ...p, index: p.index + 1 } : { ...p, year: p.year + 1, index: 1 };
}

/**
 * Every period from the earliest to the latest of `periods`, oldest first, the missing ones filled
 * in ('2020', '2022' → '2020', '2021', '2022'). Periods that are not ISO periods of one type, or a
 * span of more than a thousand, are returned sorted and without duplicates, nothing filled in.
 */
export function periodSpan(periods: readonly string[]): string[] {
  const unique = [...new Set(periods)];
  const parsed = unique.map(parse);
  const first = parsed[0];
  if (!first || parsed.some((p) => p === null || p.kind !== first.kind)) return unique.sort();
  const sorted = (parsed as Parsed[]).sort(compare);
  const last = sorted[sorted.length - 1]!;
  const span: string[] = [];
  for (let p: Parsed = { ...sorted[0]!, dash: first.dash }; compare(p, last) <= 0; p = next(p)) {
    if (span.length === MAX_SPAN) return sorted.map(format);
    span.push(format(p));
  }
  return span;
}

/** The values of a series along `span`: the value of each period, null where it has none. */
export function alongSpan<T extends { period: string; value: number | null }>(
  span: readonly string[],
  points: readonly T[],
): (number | null)[] {
  const byPeriod = new Map(points.map((p) => [p.period, p.value]));
  return span.map((period) => byPeriod.get(period) ?? null);
}
