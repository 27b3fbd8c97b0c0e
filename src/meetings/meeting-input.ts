// Checks of what organisers and delegations send, without I/O: trimmed texts with a limit, instants
// with their offset, time zones, https video links, enumerated values, and the meeting's own fields.
// Every failure is a ValidationError naming the field; the services call these before writing anything.
import { ConflictError, ForbiddenError, ValidationError } from '../platform/errors.js';
import type { Viewer } from '../platform/viewer.js';
import { FORMATS, isOrganiser, KINDS, STATUSES, VISIBILITIES } from './meetings.js';
import type { MeetingPatch } from './meetings.schema.js';
import type { MeetingsTable } from './tables.js';

export function requireOrganiser(viewer: Viewer): void {
  if (!isOrganiser(viewer)) throw new ForbiddenError('Only the Commission (and admins) organise meetings.');
}

/** The answer to a change made on a meeting version that is no longer the current one. */
export function stale(): ConflictError {
  return new ConflictError('The meeting was changed by someone else since you opened it; reload it and apply your change again.');
}

/** The trimmed text, or null when empty; longer than `max` characters (or empty when required) is refused. */
export function text(field: string, value: string | undefined | null, max: number, required = false): string | null {
  const v = value?.trim() ?? '';
  if (required && v === '') throw new ValidationError(`${field}: required.`, { field });
  if (v.length > max) throw new ValidationError(`${field}: ${v.length} characters; the limit is ${max}.`, { field });
  return v === '' ? null : v;
}

/** A date and time with its offset (or Z), returned as ISO in UTC. */
export function instant(field: string, value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new ValidationError(`${field}: "${value}" is not a date and time with its offset (e.g. 2020-10-22T09:30:00+02:00).`, { field });
  }
  return new Date(value).toISOString();
}

function timeZone(value: string): string {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: value });
    return value;
  } catch {
    throw new ValidationError(`timeZone: "${value}" is not a time zone (e.g. Europe/Brussels).`, { field: 'timeZone' });
  }
}

/** A link to an existing video-conference service: https only. */
function videoUrl(value: string | null | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw new ValidationError(`videoUrl: "${v.slice(0, 100)}" is not a web address.`, { field: 'videoUrl' });
  }
  if (url.protocol !== 'https:')
    throw new ValidationError('videoUrl: the video-conference link must start with https://.', { field: 'videoUrl' });
  return url.href;
}

export function oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new ValidationError(`${field}: "${value}" is not one of ${allowed.join(', ')}.`, { field });
  return value as T;
}

/** The columns of the fields given (only those), checked; with `before`, the end is checked against the start that stays. */
export function meetingFields(input: MeetingPatch, before?: MeetingsTable): Partial<MeetingsTable> {
  const out: Partial<MeetingsTable> = {};
  if (input.title !== undefined) out.title = text('title', input.title, 300, true)!;
  if (input.kind !== undefined) out.kind = oneOf('kind', input.kind, KINDS);
  if (input.format !== undefined) out.format = oneOf('format', input.format, FORMATS);
  if (input.host !== undefined) out.host = text('host', input.host, 300);
  if (input.start !== undefined) out.starts_at = instant('start', input.start);
  if (input.end !== undefined) out.ends_at = instant('end', input.end);
  if (input.timeZone !== undefined) out.time_zone = timeZone(input.timeZone);
  if (input.location !== undefined) out.location = text('location', input.location, 300);
  if (input.videoUrl !== undefined) out.video_url = videoUrl(input.videoUrl);
  if (input.status !== undefined) out.status = oneOf('status', input.status, STATUSES);
  if (input.visibility !== undefined) out.visibility = oneOf('visibility', input.visibility, VISIBILITIES);
  if (input.description !== undefined) out.description = text('description', input.description, 5000);
  const start = out.starts_at ?? before?.starts_at;
  const end = out.ends_at ?? before?.ends_at;
  if (start && end && end <= start) throw new ValidationError('end: the meeting ends before it starts.', { field: 'end' });
  return out;
}
