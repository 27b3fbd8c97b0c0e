// The footnote every publication naming Kosovo carries (EU usage), wherever the partner is named
// in public pages, PDFs and download metadata.
export const KOSOVO_DESIGNATION =
  'This designation is without prejudice to positions on status, and is in line with UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.';

/** The designation footnote of a partner, or null when its name needs none. */
export function designationOf(partner: string): string | null {
  return partner === 'XK' ? KOSOVO_DESIGNATION : null;
}
