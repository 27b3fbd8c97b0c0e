// ISO period strings: yearly `2024`, half-yearly `2024S1` (January–June) and `2024S2`, quarterly
// `2024Q1`, monthly `2024-03`, weekly `2024W05` (ISO 8601 weeks, Monday to Sunday). Pure functions, no I/O.

export type PeriodType = 'yearly' | 'halfyearly' | 'quarterly' | 'monthly' | 'weekly';
export const PERIOD_TYPES: readonly PeriodType[] = ['yearly', 'halfyearly', 'quarterly', 'monthly', 'weekly'];

export interface Period {
  type: PeriodType;
  year: number;
  /** 1 for yearly; the half-year, quarter, month or ISO week otherwise. */
  index: number;
}

const PATTERNS: [PeriodType, RegExp][] = [
  ['yearly', /^(\d{4})$/],
  ['halfyearly', /^(\d{4})S([12])$/],
  ['quarterly', /^(\d{4})Q([1-4])$/],
  ['monthly', /^(\d{4})-(0[1-9]|1[0-2])$/],
  ['weekly', /^(\d{4})W(0[1-9]|[1-4]\d|5[0-3])$/],
];

/** ISO weeks in a year: 53 when 1 January is a Thursday, or a Wednesday in a leap year. */
export function isoWeeksInYear(year: number): number {
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

/** Parses an ISO period string; returns null when it is not one (including week 53 of a 52-week year). */
export function parsePeriod(text: string): Period | null {
  for (const [type, pattern] of PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const year = Number(m[1]);
    const index = m[2] === undefined ? 1 : Number(m[2]);
    if (year < 1900 || year > 2200) return null;
    if (type === 'weekly' && index > isoWeeksInYear(year)) return null;
    return { type, year, index };
  }
  return null;
}

function perYear(type: PeriodType, year: number): number {
  return type === 'yearly' ? 1 : type === 'halfyearly' ? 2 : type === 'quarterly' ? 4 : type === 'monthly' ? 12 : isoWeeksInYear(year);
}

/** The period of this type that contains the (UTC) date. */
export function periodContaining(type: PeriodType, date: Date): string {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  if (type === 'yearly') return formatPeriod({ type, year, index: 1 });
  if (type === 'halfyearly') return formatPeriod({ type, year, index: Math.ceil(month / 6) });
  if (type === 'quarterly') return formatPeriod({ type, year, index: Math.ceil(month / 3) });
  if (type === 'monthly') return formatPeriod({ type, year, index: month });
  // ISO week: the week of the Thursday of the date's week, counted in that Thursday's year.
  const thursday = new Date(Date.UTC(year, month - 1, date.getUTCDate()));
  thursday.setUTCDate(thursday.getUTCDate() + 4 - (thursday.getUTCDay() || 7));
  const week = Math.ceil(((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / 86_400_000 + 1) / 7);
  return formatPeriod({ type, year: thursday.getUTCFullYear(), index: week });
}

export function formatPeriod(p: Period): string {
  switch (p.type) {
    case 'yearly':
      return String(p.year);
    case 'halfyearly':
      return `${p.year}S${p.index}`;
    case 'quarterly':
      return `${p.year}Q${p.index}`;
    case 'monthly':
      return `${p.year}-${String(p.index).padStart(2, '0')}`;
    case 'weekly':
      return `${p.year}W${String(p.index).padStart(2, '0')}`;
  }
}

/** The period `steps` before (negative) or after (positive) the given one, of the same type. */
export function shiftPeriod(text: string, steps: number): string {
  const p = parsePeriod(text);
  if (!p) throw new Error(`not an ISO period: ${text}`);
  let { year, index } = p;
  let remaining = steps;
  while (remaining < 0) {
    index -= 1;
    if (index < 1) {
      year -= 1;
      index = perYear(p.type, year);
    }
    remaining += 1;
  }
  while (remaining > 0) {
    index += 1;
    if (index > perYear(p.type, year)) {
      year += 1;
      index = 1;
    }
    remaining -= 1;
  }
  return formatPeriod({ type: p.type, year, index });
}

export function previousPeriod(text: string): string {
  return shiftPeriod(text, -1);
}

/** The last day of the period (UTC date), e.g. 2024-03-31 for `2024-03` and `2024Q1`. */
export function periodEnd(text: string): Date {
  const p = parsePeriod(text);
  if (!p) throw new Error(`not an ISO period: ${text}`);
  switch (p.type) {
    case 'yearly':
      return new Date(Date.UTC(p.year, 11, 31));
    case 'halfyearly':
      return new Date(Date.UTC(p.year, p.index * 6, 0));
    case 'quarterly':
      return new Date(Date.UTC(p.year, p.index * 3, 0));
    case 'monthly':
      return new Date(Date.UTC(p.year, p.index, 0));
    case 'weekly': {
      // ISO week 1 holds 4 January; weeks start on Monday.
      const jan4 = new Date(Date.UTC(p.year, 0, 4));
      const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000);
      return new Date(monday.getTime() + ((p.index - 1) * 7 + 6) * 86_400_000);
    }
  }
}

/** Whether the period ended before the day (an ISO date): its last day is an earlier day, e.g. 2020-09 before 2020-10-22, not 2020. */
export function endedBefore(period: string, day: string): boolean {
  return periodEnd(period).toISOString().slice(0, 10) < day;
}

/** The last period of the type that ended before the day (an ISO date): `2019` and `2020-09` before 2020-10-22. */
export function lastEndedBefore(type: PeriodType, day: string): string {
  return previousPeriod(periodContaining(type, new Date(`${day}T00:00:00Z`)));
}

/** Every period from `from` to `to` inclusive (same type); at most `limit` of them. */
export function periodRange(from: string, to: string, limit = 1000): string[] {
  const a = parsePeriod(from);
  const b = parsePeriod(to);
  if (!a || !b || a.type !== b.type) throw new Error(`${from} and ${to} are not periods of one type`);
  const out: string[] = [];
  let current = from;
  while (comparePeriods(current, to) <= 0 && out.length < limit) {
    out.push(current);
    current = shiftPeriod(current, 1);
  }
  return out;
}

/** Orders periods of one type chronologically. */
export function comparePeriods(a: string, b: string): number {
  const x = parsePeriod(a)!;
  const y = parsePeriod(b)!;
  return x.year - y.year || x.index - y.index;
}
