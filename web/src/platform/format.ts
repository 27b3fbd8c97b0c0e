// The one formatter of the web app: instants, dates, months, numbers with their unit, changes and
// file sizes, all written the same way on every page ('3 Dec 2026, 14:05', '3 Dec 2026', '30,500',
// '57.1 %'), and the reverse for entry fields (a typed '30,500' is 30500). They write for one
// locale, British English conventions by default; `setFormatLocale` switches every page at once.
// Pages never call toLocaleString or Intl themselves (the meetings' time zones excepted: time.ts).

let locale = 'en-GB';
const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** Switches every formatter to `next` (a BCP 47 tag such as 'sq' or 'sr-Latn'). */
export function setFormatLocale(next: string): void {
  locale = next;
  formats.clear();
}

export function formatLocale(): string {
  return locale;
}

function numberFormat(min: number, max: number): Intl.NumberFormat {
  const key = `n${min}-${max}`;
  let format = formats.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: max });
    formats.set(key, format);
  }
  return format;
}

function dateFormat(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let format = formats.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

/** How many decimals: exactly `decimals` (an indicator's own), or up to `max` (2 unless said). */
export type Decimals = number | { max: number } | undefined;

/**
 * A number grouped in thousands, with the indicator's decimals when given ('57.1', '78.0'), otherwise
 * up to two ('1,234.5'); a real minus sign; '—' when missing.
 */
export function formatNumber(value: number | null | undefined, decimals?: Decimals): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const [min, max] = typeof decimals === 'number' ? [decimals, decimals] : [0, decimals?.max ?? 2];
  return numberFormat(min, max).format(value).replace(/^-/, '−');
}

/** A number with its unit ('57.1 %', '900 beds'); '—' when missing. */
export function formatFigure(value: number | null | undefined, unit: string | null | undefined, decimals?: Decimals): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return unit ? `${formatNumber(value, decimals)} ${unit}` : formatNumber(value, decimals);
}

/** A change in percent with its sign ('+34.9 %', '−2 %'); '—' when missing. */
export function formatChange(value: number | null | undefined, decimals: Decimals = { max: 1 }): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${value > 0 ? '+' : ''}${formatNumber(value, decimals)} %`;
}

/** A calendar date ('2026-04-30') or an instant as '30 Apr 2026' (the date as written, not moved by the time zone); '—' when missing. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat('date', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** An instant ('2026-11-28T13:05:00Z') as '28 Nov 2026, 14:05' in the browser's time zone; '—' when missing. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat('datetime', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A month ('2026-10') as 'October 2026'; other text is returned as it is. */
export function formatMonth(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) return period;
  return dateFormat('month', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)),
  );
}

/** A file size: '1.5 MB', '12 KB', '800 bytes'. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${formatNumber(n / (1024 * 1024), { max: 1 })} MB`;
  if (n >= 1024) return `${formatNumber(Math.round(n / 1024), 0)} KB`;
  return `${formatNumber(n, 0)} bytes`;
}

/** The locale's group and decimal separators (',' and '.' in English). */
function separators(): { group: string; decimal: string } {
  const parts = numberFormat(1, 1).formatToParts(12345.6);
  return { group: parts.find((p) => p.type === 'group')?.value ?? ',', decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.' };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The parts of a typed number: sign, digits without grouping, decimals; null when it is not one. */
function numberParts(text: string): { sign: string; digits: string; decimals: string | null } | null {
  const { group, decimal } = separators();
  const s = text
    .trim()
    .replace(/^[−–]/, '-')
    .replace(/[\u00a0\u202f]/g, ' ');
  // Grouping: the locale's mark or a space, always in threes; the decimal mark: the locale's, or a
  // point where the point does not group (a typed '12,5' in English is not 125, it is refused).
  const groupMark = /\s/.test(group) ? ' ' : `(?:${escape(group)}| )`;
  const decimalMark = group === '.' ? escape(decimal) : `(?:${escape(decimal)}|\\.)`;
  const m = new RegExp(`^(-?)(\\d+|\\d{1,3}(?:${groupMark}\\d{3})+)(?:${decimalMark}(\\d+))?$`).exec(s);
  return m ? { sign: m[1]!, digits: m[2]!.replace(/\D/g, ''), decimals: m[3] ?? null } : null;
}

/**
 * A number as typed into an entry field, with or without grouping ('30,500', '30 500', '1,234.5',
 * '−12'), as a number; null when the text is not a number or its grouping is not in threes.
 */
export function parseNumber(text: string): number | null {
  const parts = numberParts(text);
  return parts ? Number(`${parts.sign}${parts.digits}${parts.decimals === null ? '' : `.${parts.decimals}`}`) : null;
}

/** What an entry field shows once left: a typed number grouped ('30500' → '30,500'), its decimals as typed; other text unchanged. */
export function groupDigits(text: string): string {
  const parts = numberParts(text);
  if (!parts) return text;
  return formatNumber(parseNumber(text), parts.decimals?.length ?? 0);
}

/** A measure's name with its unit in brackets ('Clearance rate (%)'); the name alone without a unit. */
export function withUnit(label: string, unit: string | null | undefined): string {
  return unit ? `${label} (${unit})` : label;
}
