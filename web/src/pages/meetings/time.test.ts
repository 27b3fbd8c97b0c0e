import { describe, expect, it } from 'vitest';
import { formatDate, formatRange, isoToZonedLocal, zonedToIso } from './time.js';

describe('meeting times in the meeting’s time zone', () => {
  it('gives a typed wall-clock time the offset of its zone on that day', () => {
    expect(zonedToIso('2026-12-10T09:00', 'Europe/Brussels')).toBe('2026-12-10T09:00:00+01:00');
    expect(zonedToIso('2026-07-01T09:00', 'Europe/Brussels')).toBe('2026-07-01T09:00:00+02:00');
    expect(zonedToIso('2026-01-15T18:30', 'America/New_York')).toBe('2026-01-15T18:30:00-05:00');
    expect(zonedToIso('2026-01-15T18:30', 'Asia/Kolkata')).toBe('2026-01-15T18:30:00+05:30');
    // The morning after summer time starts (29 March 2026) already has the summer offset.
    expect(zonedToIso('2026-03-29T09:00', 'Europe/Berlin')).toBe('2026-03-29T09:00:00+02:00');
    expect(zonedToIso('not a time', 'Europe/Berlin')).toBe(null);
  });

  it('turns an instant back into the wall-clock time of the zone', () => {
    expect(isoToZonedLocal('2020-10-22T07:30:00.000Z', 'Europe/Berlin')).toBe('2020-10-22T09:30');
    expect(isoToZonedLocal('2026-01-15T23:30:00.000Z', 'America/New_York')).toBe('2026-01-15T18:30');
    for (const [local, zone] of [
      ['2026-12-10T09:00', 'Europe/Skopje'],
      ['2026-06-30T23:45', 'Europe/Tirane'],
      ['2026-10-25T12:00', 'Europe/Belgrade'],
    ] as const) {
      expect(isoToZonedLocal(new Date(zonedToIso(local, zone)!).toISOString(), zone)).toBe(local);
    }
  });

  it('shows the date of an instant in the meeting’s zone (what a briefing book is as of)', () => {
    expect(formatDate('2020-10-22T07:30:00.000Z', 'Europe/Berlin')).toBe('22 October 2020');
    expect(formatDate('2020-09-30T22:30:00.000Z', 'Europe/Belgrade')).toBe('1 October 2020');
  });

  it('shows the range on one day, or both days when it spans midnight', () => {
    expect(formatRange('2020-10-22T07:30:00.000Z', '2020-10-22T14:30:00.000Z', 'Europe/Berlin')).toBe(
      'Thursday, 22 October 2020, 09:30–16:30',
    );
    expect(formatRange('2026-12-10T22:00:00.000Z', '2026-12-11T01:00:00.000Z', 'Europe/Brussels')).toMatch(
      /^Thursday, 10 December 2026, 23:00 – Friday, 11 December 2026, 02:00$/,
    );
  });
});
