// Instants written for people in British English (the statistics pages keep the browser's locale:
// formatDateTime in pages/statistics/model.ts), and names of measures with their unit.

/** An instant ('2026-11-28T13:05:00Z') as '28 Nov 2026, 14:05' in the browser's time zone; '—' when missing. */
export function formatDateTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

/** A measure's name with its unit in brackets ('Clearance rate (%)'); the name alone without a unit. */
export function withUnit(label: string, unit: string | null | undefined): string {
  return unit ? `${label} (${unit})` : label;
}
