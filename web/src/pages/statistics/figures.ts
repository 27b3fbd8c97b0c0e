// What a figure rests on, as the indicator and dashboard APIs give it: the least advanced workflow
// status of its data (null without data), whether it comes from a release that revised an earlier
// one, and a partner total left out because only some org units reported. Pure functions.

/** A figure's workflow status; only 'published' figures are public. */
export type FigureStatus = 'draft' | 'returned' | 'submitted' | 'approved' | 'published';

/** What the APIs say about each figure (indicator values; dashboards give the status only). */
export interface FigureFacts {
  status: FigureStatus | null;
  revised?: boolean;
  partialUnits?: number | null;
}

/** From the least advanced to published, as the server ranks them. */
const ORDER: readonly FigureStatus[] = ['draft', 'returned', 'submitted', 'approved', 'published'];

/** Whether the figure rests on data not yet published (a draft, submitted, returned or approved submission). */
export function isUnpublished(status: FigureStatus | null | undefined): status is Exclude<FigureStatus, 'published'> {
  return status !== null && status !== undefined && status !== 'published';
}

/** The least advanced of the statuses (a figure made of several rests on the weakest); null for none. */
export function leastAdvanced(statuses: Iterable<FigureStatus | null | undefined>): FigureStatus | null {
  let rank = -1;
  for (const s of statuses) {
    if (s === null || s === undefined) continue;
    const r = ORDER.indexOf(s);
    rank = rank === -1 ? r : Math.min(rank, r);
  }
  return rank === -1 ? null : ORDER[rank]!;
}

/** The SDMX observation status codes (OBS_STATUS) a value may carry. */
export const OBS_STATUSES = ['A', 'B', 'E', 'P', 'M'] as const;
export type ObsStatus = (typeof OBS_STATUSES)[number];

export function isObsStatus(code: string | null | undefined): code is ObsStatus {
  return (OBS_STATUSES as readonly (string | null | undefined)[]).includes(code);
}
