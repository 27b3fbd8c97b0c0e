// What every download of published figures says about itself (pure): the data licence, how to cite
// the figures, and the designation footnote that a publication naming Kosovo carries.
import { KOSOVO_DESIGNATION } from '../platform/partners/designation.js';

/**
 * The licence of the published figures. The code is EUPL-1.2 (package.json); the project states no
 * licence of its data elsewhere, so the figures are published under CC BY 4.0, as open data is.
 */
export const DATA_LICENCE = {
  name: 'Creative Commons Attribution 4.0 International (CC BY 4.0)',
  short: 'CC BY 4.0',
  url: 'https://creativecommons.org/licenses/by/4.0/',
} as const;

export { KOSOVO_DESIGNATION };

/** The footnote with the name it explains, for a line of its own ("Kosovo: This designation …"). */
export const KOSOVO_FOOTNOTE = `Kosovo: ${KOSOVO_DESIGNATION}`;

/**
 * How to cite a download: who publishes it, what it is, as of when (an ISO instant, cut to the
 * day) and where it comes from.
 */
export function citation(what: string, asOf: string | null, url: string): string {
  const day = asOf ? asOf.slice(0, 10) : 'no publication yet';
  return `JHA Hub, EU–Western Balkans cooperation on Justice and Home Affairs: ${what}, figures as published on ${day}, ${url} (${DATA_LICENCE.short}).`;
}
