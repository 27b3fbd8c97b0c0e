// Dates and times of a meeting, without I/O: the wall-clock times typed in the meeting's time zone
// turned into the ISO date-time with offset the server wants (e.g. 2026-12-10T09:00:00+01:00), and
// back, and the dates and clock times shown on the pages (always in the meeting's own zone).
import { formatLocale } from '../../platform/format';

const pad = (n: number) => String(n).padStart(2, '0');

/** The UTC offset of a time zone at an instant, in minutes east of UTC (UTC for an unknown zone). */
function offsetMinutes(utcMs: number, timeZone: string): number {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    return 0;
  }
  const parts = format.formatToParts(new Date(utcMs));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((wall - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/**
 * A wall-clock time typed in a `datetime-local` field (YYYY-MM-DDTHH:mm), read in the given time
 * zone, as an ISO date-time with that zone's offset on the day. Null when the text is no such time.
 * An unknown time zone is read as UTC; the server then names the zone as the problem.
 */
export function zonedToIso(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  // The offset at the wall time read as UTC, then corrected once for a change of offset in between.
  let offset = offsetMinutes(wall, timeZone);
  offset = offsetMinutes(wall - offset * 60_000, timeZone);
  const abs = Math.abs(offset);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** An instant as the wall-clock time of a time zone, in the form of a `datetime-local` field. */
export function isoToZonedLocal(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms + offsetMinutes(ms, timeZone) * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

function zoned(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(formatLocale(), { ...options, timeZone });
  } catch {
    return new Intl.DateTimeFormat(formatLocale(), { ...options, timeZone: 'UTC' });
  }
}

/** "Thursday, 22 October 2020" in the meeting's time zone. */
export function formatDay(iso: string, timeZone: string): string {
  return zoned(timeZone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));
}

/** "22 October 2020" in the meeting's time zone. */
export function formatDate(iso: string, timeZone: string): string {
  return zoned(timeZone, { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));
}

/** "09:30" in the meeting's time zone (24-hour clock). */
export function formatClock(iso: string, timeZone: string): string {
  return zoned(timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** "Thursday, 22 October 2020, 09:30–16:30" (the end's day too when it differs). */
export function formatRange(start: string, end: string, timeZone: string): string {
  const sameDay = formatDay(start, timeZone) === formatDay(end, timeZone);
  return sameDay
    ? `${formatDay(start, timeZone)}, ${formatClock(start, timeZone)}–${formatClock(end, timeZone)}`
    : `${formatDay(start, timeZone)}, ${formatClock(start, timeZone)} – ${formatDay(end, timeZone)}, ${formatClock(end, timeZone)}`;
}

/** The IANA time zones the browser knows, for suggestions in the time-zone field. */
export function knownTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [
      'Europe/Brussels',
      'Europe/Berlin',
      'Europe/Tirane',
      'Europe/Sarajevo',
      'Europe/Belgrade',
      'Europe/Podgorica',
      'Europe/Skopje',
      'UTC',
    ];
  }
}
