// Who is looking, and what they may do with one partner's data: the access policy every
// capability applies (pure: no I/O, no HTTP).
import type { Principal } from './auth/auth.service.js';
import type { Role } from './db/tables.js';

/** The workflow states of a partner's data; only `published` is public. */
export type PublicationStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'published';

export type Viewer =
  | { kind: 'public' }
  | { kind: 'user'; role: Role; partner: string | null; id: string; label: string; domains?: string[] | null }
  | { kind: 'operator'; label: string };

/** A signed-in user (the only viewer with tasks of their own). */
export type TaskViewer = Extract<Viewer, { kind: 'user' }>;

export const PUBLIC_VIEWER: Viewer = { kind: 'public' };

export function viewerOf(principal: Principal | null): Viewer {
  if (!principal) return PUBLIC_VIEWER;
  const u = principal.user;
  return { kind: 'user', role: u.role, partner: u.partner, id: u.id, label: u.email, domains: u.domains };
}

/** Published data is public; a coordinator also reads their own partner's; everyone else reads all. */
export function canRead(viewer: Viewer, partner: string, status: PublicationStatus): boolean {
  if (status === 'published') return true;
  if (viewer.kind === 'operator') return true;
  if (viewer.kind === 'public') return false;
  return viewer.role !== 'coordinator' || viewer.partner === partner;
}

/** Entering data: the partner's coordinators, and admins. */
export function canEdit(viewer: Viewer, partner: string): boolean {
  if (viewer.kind === 'operator') return true;
  if (viewer.kind === 'public') return false;
  return viewer.role === 'admin' || (viewer.role === 'coordinator' && viewer.partner === partner);
}

/** Returning and approving: reviewers (within their domains, when limited to some), the Commission and admins. */
export function canReview(viewer: Viewer, domain?: string): boolean {
  if (viewer.kind === 'operator') return true;
  if (viewer.kind === 'public') return false;
  if (viewer.role === 'commission' || viewer.role === 'admin') return true;
  return viewer.role === 'reviewer' && (!viewer.domains || domain === undefined || viewer.domains.includes(domain));
}

/** Publishing and reopening: the Commission and admins. */
export function canPublish(viewer: Viewer): boolean {
  return viewer.kind === 'operator' || (viewer.kind === 'user' && ['commission', 'admin'].includes(viewer.role));
}

/** The filter for value queries: undefined (all), the coordinator's partner, or published only. */
export function visibility(viewer: Viewer): { all: true } | { publishedOr: string } | { publishedOnly: true } {
  if (viewer.kind === 'operator') return { all: true };
  if (viewer.kind === 'public') return { publishedOnly: true };
  if (viewer.role === 'coordinator') return { publishedOr: viewer.partner ?? '' };
  return { all: true };
}

/**
 * The same rule as a filter for value and submission queries: published only, published or the
 * coordinator's own partner, or no restriction.
 */
export function visibleRows(viewer: Viewer): { statuses?: PublicationStatus[]; visibleToPartner?: string } {
  const vis = visibility(viewer);
  if ('publishedOnly' in vis) return { statuses: ['published'] };
  if ('publishedOr' in vis) return { visibleToPartner: vis.publishedOr };
  return {};
}
