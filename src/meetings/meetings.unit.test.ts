import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { announcement, briefingAsOf, dayIn, invitationIcs, type MeetingCore, type SessionView } from './meetings.js';

const base: MeetingCore = {
  id: 'm',
  title: 'Expert meeting on visas',
  kind: 'expert',
  format: 'in_person',
  host: null,
  start: '2026-03-29T08:00:00.000Z',
  end: '2026-03-29T12:00:00.000Z',
  timeZone: 'Europe/Brussels',
  location: 'Brussels',
  videoUrl: null,
  status: 'planned',
  visibility: 'public',
  description: null,
};
const sessions: SessionView[] = [
  {
    id: 's',
    title: 'Morning',
    start: base.start,
    end: base.end,
    items: [
      {
        id: 'a',
        position: 0,
        title: 'EU visa policy',
        description: null,
        topics: { domains: [], indicators: [], plans: [] },
        lead: null,
        presenters: [],
        durationMinutes: null,
      },
      {
        id: 'b',
        position: 1,
        title: 'Returns',
        description: null,
        topics: { domains: [], indicators: [], plans: [] },
        lead: null,
        presenters: ['Frontex'],
        durationMinutes: null,
      },
    ],
  },
];
const delegation = {
  id: 'd',
  partner: 'AL',
  institution: null,
  name: 'Albania',
  headName: null,
  headFunction: null,
  invitation: 'accepted' as const,
  representedBy: null,
  repliedAt: null,
  repliedBy: null,
  members: [],
};

describe('announcement', () => {
  it('names the participants by the kind of meeting and keeps acronyms in titles', () => {
    const text = announcement(base, sessions, [delegation], new Map([['AL', 'Albania']]));
    expect(text).toContain('On 29 March 2026, experts of Albania will meet in person.');
    expect(text).toContain('the participants will discuss EU visa policy and returns (presented by Frontex).');
    expect(announcement({ ...base, kind: 'ministerial' }, sessions, [delegation], new Map([['AL', 'Albania']]))).toContain(
      'the ministers of Albania will meet',
    );
    const withLeads: SessionView[] = [
      {
        ...sessions[0]!,
        items: sessions[0]!.items.map((i, n) => ({ ...i, lead: n === 0 ? 'Commissioner A and Commissioner B' : 'Commissioner A' })),
      },
    ];
    const institutions = [
      delegation,
      { ...delegation, id: 'e', partner: null, institution: 'European Commission' },
      { ...delegation, id: 'f', partner: null, institution: 'Europol' },
    ];
    const led = announcement(base, withLeads, institutions, new Map([['AL', 'Albania']]));
    expect(led).toContain('with the European Commission and Europol.');
    // Summer time starts in Brussels on 29 March 2026: 08:00 UTC is 10:00 there.
    expect(led).toContain('Morning (10:00–14:00), with Commissioner A and Commissioner B: ');
    expect(announcement({ ...base, status: 'cancelled' }, sessions, [delegation], new Map())).toContain('has been cancelled');
  });
});

describe('what a briefing book is as of', () => {
  it('a meeting that has begun: its start, on its day in its own time zone', () => {
    const now = new Date('2026-12-02T22:00:00.000Z');
    expect(briefingAsOf('2020-10-22T07:30:00.000Z', 'Europe/Berlin', now)).toEqual({
      asOf: '2020-10-22T07:30:00.000Z',
      asOfDate: '2020-10-22',
      past: true,
    });
    // 00:30 in Belgrade on 1 October is still 30 September in UTC: September has ended there.
    expect(briefingAsOf('2020-09-30T22:30:00.000Z', 'Europe/Belgrade', now).asOfDate).toBe('2020-10-01');
    expect(dayIn('2020-09-30T22:30:00.000Z', 'UTC')).toBe('2020-09-30');
  });

  it('a meeting still to come: now', () => {
    const now = new Date('2026-12-02T22:00:00.000Z');
    expect(briefingAsOf('2026-12-10T08:00:00.000Z', 'Europe/Brussels', now)).toEqual({
      asOf: '2026-12-02T22:00:00.000Z',
      asOfDate: '2026-12-02',
      past: false,
    });
    expect(briefingAsOf('2026-12-10T08:00:00.000Z', 'Asia/Tokyo', now).asOfDate).toBe('2026-12-03');
  });
});

describe('the calendar invitation', () => {
  it('keeps a title with line breaks to one calendar name line, with nothing injected', () => {
    const text = invitationIcs({ ...base, title: 'Ministerial\r\nX-INJECTED:yes\nNAME:evil' }, sessions, null);
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('x-injected')).toBeNull();
    expect(calendar.getAllProperties('name').map((p) => p.getFirstValue())).toEqual(['Ministerial X-INJECTED:yes NAME:evil']);
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('Ministerial\nX-INJECTED:yes\nNAME:evil');
  });
});

describe('documents in the reader’s language', () => {
  const online: MeetingCore = { ...base, format: 'videoconference', videoUrl: 'https://meet.example.org/jha', host: 'Presidency' };

  it('writes the announcement of a meeting to come in Serbian Cyrillic, derived from the Latin texts', () => {
    const text = announcement(online, sessions, [delegation], new Map([['AL', 'Albania']]), 'sr-Cyrl');
    expect(text.split('\n')).toEqual([
      'Expert meeting on visas – 29. март 2026.',
      '',
      'Дана 29. март 2026., стручњаци из следећих земаља: Albania састаће се путем видео-конференције. Састанак организује: Presidency.',
      '',
      'Morning (10:00–14:00): учесници ће разговарати о следећим темама: EU visa policy и returns (излаже: Frontex).',
      '',
      'Састанак се одржава на meet.example.org.',
      '',
    ]);
  });

  it('writes the calendar file’s own words in the language, which a calendar parser reads back', () => {
    const calendar = new ICAL.Component(ICAL.parse(invitationIcs(online, sessions, null, 'sq')));
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.description).toBe('Morning: EU visa policy; Returns\n\nLidhuni: https://meet.example.org/jha');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//JHA Hub//Meetings//SQ');
    const inPerson = new ICAL.Event(
      new ICAL.Component(ICAL.parse(invitationIcs({ ...online, videoUrl: null }, sessions, null, 'mk'))).getFirstSubcomponent('vevent')!,
    );
    expect(inPerson.location).toBe('Видеоконференција');
  });
});
