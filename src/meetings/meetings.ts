// Meetings without I/O: who sees a meeting and its documents, and the texts generated from a
// meeting (the public announcement, the printable agenda, the iCalendar invitation).
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { escapeHtml } from '../platform/html.js';
import { translator, type Translator } from '../platform/i18n/index.js';
import type { Locale } from '../platform/locales.js';
import type { Viewer } from '../platform/viewer.js';
import type { DelegationView, ItemView, MeetingCore, SessionView } from './meetings.schema.js';

/** The views these functions take (their schemas are in meetings.schema.ts). */
export type { DelegationView, ItemView, MeetingCore, SessionView };

export const KINDS = ['ministerial', 'senior_officials', 'expert'] as const;
export const FORMATS = ['videoconference', 'in_person', 'hybrid'] as const;
export const STATUSES = ['planned', 'confirmed', 'held', 'cancelled'] as const;
export const VISIBILITIES = ['public', 'participants'] as const;
export const ACCESS = ['public', 'participants', 'commission'] as const;
export const REPLIES = ['accepted', 'declined', 'represented'] as const;

/** The access rule of the organising routes (the same people as isOrganiser, over HTTP). */
export const ORGANISING = { roles: ['commission', 'admin'] } as const;

export function isOrganiser(viewer: Viewer): boolean {
  return viewer.kind === 'operator' || (viewer.kind === 'user' && (viewer.role === 'admin' || viewer.role === 'commission'));
}

/** Organisers, the coordinators of a partner with a delegation, and anyone listed as a delegation member. */
export function isParticipant(viewer: Viewer, delegations: Pick<DelegationView, 'partner' | 'members'>[]): boolean {
  if (isOrganiser(viewer)) return true;
  if (viewer.kind !== 'user') return false;
  if (viewer.role === 'coordinator' && delegations.some((d) => d.partner !== null && d.partner === viewer.partner)) return true;
  const email = viewer.label.toLowerCase();
  return delegations.some((d) => d.members.some((m) => m.email?.toLowerCase() === email));
}

export function canSeeMeeting(
  viewer: Viewer,
  visibility: MeetingCore['visibility'],
  delegations: Pick<DelegationView, 'partner' | 'members'>[],
): boolean {
  return visibility === 'public' || isParticipant(viewer, delegations);
}

export function canReadDocument(
  viewer: Viewer,
  access: (typeof ACCESS)[number],
  delegations: Pick<DelegationView, 'partner' | 'members'>[],
): boolean {
  if (access === 'public') return true;
  if (access === 'participants') return isParticipant(viewer, delegations);
  return isOrganiser(viewer);
}

/** Replies to an invitation: the coordinators of the delegation's partner, and organisers. */
export function canReply(viewer: Viewer, delegation: Pick<DelegationView, 'partner'>): boolean {
  return (
    isOrganiser(viewer) ||
    (viewer.kind === 'user' && viewer.role === 'coordinator' && delegation.partner !== null && delegation.partner === viewer.partner)
  );
}

/** "A, B and C" in the language of the document. */
function joinList(tr: Translator, items: string[]): string {
  if (items.length <= 1) return items.join('');
  return tr.t('documents:list.and', { head: items.slice(0, -1).join(', '), last: items.at(-1) });
}

export function longDate(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(new Date(iso));
}

/** The day (YYYY-MM-DD) of an instant in a time zone. */
export function dayIn(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).formatToParts(
    new Date(iso),
  );
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The day of an instant in the meeting's time zone, as the document's language writes dates ('22 October 2020', '22 tetor 2020'). */
export function meetingDate(tr: Translator, iso: string, timeZone: string): string {
  return tr.date(dayIn(iso, timeZone));
}

/**
 * What a meeting's briefing book is as of: the figures as published at the meeting's start (now,
 * for a meeting still to come), periods that ended before that day and deadlines judged on it (in
 * the meeting's time zone); `past` when the meeting has begun, so that newer figures may exist.
 */
export function briefingAsOf(start: string, timeZone: string, now: Date): { asOf: string; asOfDate: string; past: boolean } {
  const past = Date.parse(start) < now.getTime();
  const asOf = past ? new Date(start).toISOString() : now.toISOString();
  return { asOf, asOfDate: dayIn(asOf, timeZone), past };
}

export function clock(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone, hour12: false }).format(new Date(iso));
}

/** Describes one agenda item for the announcement: its title, and who presents it. */
function itemPhrase(tr: Translator, item: ItemView): string {
  // "Migration" reads "migration" mid-sentence; "EU visa policy" keeps its capitals.
  const title = /^[A-Z][a-z]/.test(item.title) ? item.title.charAt(0).toLowerCase() + item.title.slice(1) : item.title;
  return item.presenters.length ? tr.t('documents:announcement.presented_by', { title, presenters: joinList(tr, item.presenters) }) : title;
}

/** The sentence of one session: its time, its leads (each named once), what it discusses. */
function sessionLine(tr: Translator, meeting: MeetingCore, s: SessionView, past: boolean): string {
  // A lead may name several people ("A and B"); each is named once per session.
  const leads = [
    ...new Set(
      s.items
        .flatMap((i) => (i.lead ?? '').split(/\s*(?:,|\band\b)\s*/))
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ];
  const key = `documents:announcement.session_${past ? 'past' : 'future'}${leads.length ? '_leads' : ''}`;
  return tr.t(key, {
    session: s.title,
    from: clock(s.start, meeting.timeZone),
    to: clock(s.end, meeting.timeZone),
    leads: joinList(tr, leads),
    items: joinList(
      tr,
      s.items.map((i) => itemPhrase(tr, i)),
    ),
  });
}

/**
 * A public announcement in the style of the Commission's press material, built from the meeting
 * and its agenda: who attends, who organises it, how it is held, and what each session discusses.
 * Its fixed words are in the language asked for (documents.json); what the organisers wrote (titles,
 * names) stays as written, partners by the names given.
 */
export function announcement(
  meeting: MeetingCore,
  sessions: SessionView[],
  delegations: DelegationView[],
  partnerNames: ReadonlyMap<string, string>,
  locale: Locale = 'en',
): string {
  const tr = translator(locale);
  const past = meeting.status === 'held';
  const date = meetingDate(tr, meeting.start, meeting.timeZone);
  const partners = delegations
    .filter((d) => d.partner)
    .map((d) => (d.partner === 'XK' ? 'Kosovo*' : (partnerNames.get(d.partner!) ?? d.partner!)));
  // "the European Commission", but "Europol": in English a name of several words takes the article.
  const institutions = delegations
    .filter((d) => d.institution)
    .map((d) =>
      /\s/.test(d.institution!) && !/^the /i.test(d.institution!)
        ? tr.t('documents:announcement.institution', { name: d.institution })
        : d.institution!,
    );
  const lines: string[] = [];
  lines.push(tr.t('documents:announcement.heading', { title: meeting.title, date }));
  lines.push('');
  if (meeting.status === 'cancelled') {
    lines.push(tr.t('documents:announcement.cancelled', { title: meeting.title, date }));
    return lines.join('\n') + '\n';
  }
  const who = partners.length
    ? tr.t('documents:announcement.people_of', {
        people: tr.t(`documents:announcement.people.${meeting.kind}`),
        partners: joinList(tr, partners),
      })
    : tr.t('documents:announcement.participants');
  const meet = tr.t(`documents:announcement.${past ? 'met' : 'will_meet'}${institutions.length ? '_with' : ''}`, {
    date,
    who,
    format: tr.t(`documents:announcement.format.${meeting.format}`),
    institutions: joinList(tr, institutions),
  });
  const host = meeting.host ? tr.t(`documents:announcement.organised_${past ? 'past' : 'future'}`, { host: meeting.host }) : null;
  lines.push(host ? `${meet} ${host}` : meet);
  for (const s of sessions) {
    if (s.items.length === 0) continue;
    lines.push('');
    lines.push(sessionLine(tr, meeting, s, past));
  }
  if (meeting.videoUrl && !past) {
    lines.push('');
    lines.push(tr.t('documents:announcement.venue', { host: new URL(meeting.videoUrl).hostname }));
  }
  if (partners.includes('Kosovo*')) {
    lines.push('');
    lines.push(`* ${tr.t('documents:kosovo_designation')}`);
  }
  return lines.join('\n') + '\n';
}

export const PRINT_STYLE = `
body { font: 11pt/1.45 "DejaVu Sans", "Noto Sans", system-ui, sans-serif; color: #1b1b1b; margin: 2rem auto; max-width: 48rem; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; border-bottom: 2px solid #034ea2; padding-bottom: .15rem; margin-top: 1.6rem; }
.meta { color: #555; } ol { padding-left: 1.4rem; } li { margin: .5rem 0; } .who { color: #333; font-style: italic; }
table { width: 100%; border-collapse: collapse; margin: .4rem 0 1rem; } th, td { border: 1px solid #ccc; padding: .25rem .4rem; text-align: left; font-size: 10pt; } th { background: #eef3fa; }
.as-of { font-weight: 600; } th.since-then, td.since-then { border-left: 3px double #888; background: #f7f7f7; }
@page { size: A4; margin: 15mm; } @media print { body { margin: 0; max-width: none; } section.item { break-inside: avoid; } }
`;

/** The printable agenda: sessions with times in the meeting's time zone, items in order with leads, presenters and durations. */
export function agendaHtml(meeting: MeetingCore, sessions: SessionView[], nonce: string, locale: Locale = 'en'): string {
  const e = escapeHtml;
  const tr = translator(locale);
  const where = meeting.format === 'videoconference' ? tr.t('documents:meeting.videoconference') : (meeting.location ?? '');
  const host = meeting.host ? ` · ${e(tr.t('documents:meeting.organised_by', { host: meeting.host }))}` : '';
  const item = (i: ItemView) =>
    `<li><strong>${e(i.title)}</strong>` +
    (i.durationMinutes ? ` <span class="meta">(${e(tr.t('documents:agenda.duration', { minutes: i.durationMinutes }))})</span>` : '') +
    (i.lead ? `<br><span class="who">${e(tr.t('documents:agenda.lead', { name: i.lead }))}</span>` : '') +
    (i.presenters.length
      ? `<br><span class="who">${e(tr.t('documents:agenda.presenting', { names: i.presenters.join(', ') }))}</span>`
      : '') +
    (i.description ? `<br>${e(i.description)}` : '') +
    '</li>';
  return `<!doctype html><html lang="${e(locale)}"><head><meta charset="utf-8"><title>${e(tr.t('documents:agenda.title', { title: meeting.title }))}</title><style nonce="${e(nonce)}">${PRINT_STYLE}</style></head><body>
<h1>${e(meeting.title)}</h1>
<p class="meta">${e(meetingDate(tr, meeting.start, meeting.timeZone))} · ${e(clock(meeting.start, meeting.timeZone))}–${e(clock(meeting.end, meeting.timeZone))} (${e(meeting.timeZone)}) · ${e(where)}${host}</p>
${sessions
  .map(
    (s) => `<h2>${e(s.title)} <span class="meta">${e(clock(s.start, meeting.timeZone))}–${e(clock(s.end, meeting.timeZone))}</span></h2>
<ol>${s.items.map(item).join('')}</ol>`,
  )
  .join('\n')}
</body></html>`;
}

/** An iCalendar invitation (times in UTC, which every calendar converts to its own zone). */
export function invitationIcs(meeting: MeetingCore, sessions: SessionView[], appUrl: string | null, locale: Locale = 'en'): string {
  const tr = translator(locale);
  const calendar = ical({
    // The calendar's name is a header line: a line break in the title must not start a property of its own.
    name: meeting.title.replace(/[\r\n]+/g, ' '),
    prodId: { company: 'JHA Hub', product: 'Meetings', language: locale.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
  });
  const agenda = sessions.map((s) => `${s.title}: ${s.items.map((i) => i.title).join('; ')}`).join('\n');
  calendar.createEvent({
    id: `${meeting.id}@jha-hub`,
    start: new Date(meeting.start),
    end: new Date(meeting.end),
    summary: meeting.title,
    description: [meeting.description, agenda, meeting.videoUrl ? tr.t('documents:ics.join', { url: meeting.videoUrl }) : null]
      .filter(Boolean)
      .join('\n\n'),
    location:
      meeting.format === 'videoconference'
        ? (meeting.videoUrl ?? tr.t('documents:meeting.videoconference'))
        : (meeting.location ?? undefined),
    url: meeting.videoUrl ?? appUrl ?? undefined,
    status:
      meeting.status === 'cancelled'
        ? ICalEventStatus.CANCELLED
        : meeting.status === 'planned'
          ? ICalEventStatus.TENTATIVE
          : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}
