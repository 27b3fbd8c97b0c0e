// The shipped meeting: the 22 October 2020 ministerial videoconference, seeded by the demo start
// step (once, in beforeAll, on this file's new database); every test looks it up by its title and
// only reads it: its announcement, its .ics invitation and printable agenda, and the CLI.
import type { FastifyInstance } from 'fastify';
import ICAL from 'ical.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/audit/actor.js';
import { buildApp } from '../app/app.js';
import { CATALOG_DIR } from '../platform/paths.js';
import { runJha } from '../testing/cli.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { callApi } from '../testing/factories.js';
import { shippedPlans, syncPlans } from '../commitments/plans.service.js';
import { loadCatalogs } from '../statistics/catalog.js';
import { MEETING_2020_TITLE, seedDemoMeeting } from './seed.js';

const catalog = loadCatalogs(CATALOG_DIR);

/** The id of the shipped 22 October 2020 meeting, from the public list. */
async function seededMeetingId(app: FastifyInstance): Promise<string> {
  const list = (await callApi(app, null, 'GET', '/meetings')).json().meetings as { id: string; title: string }[];
  return list.find((m) => m.title === MEETING_2020_TITLE)!.id;
}

describeEachDatabase('the shipped meeting', (get) => {
  let app: FastifyInstance;
  /** What the start step returned when it seeded the 2020 meeting. */
  let seededAtStart: string | null = null;
  /** A GET without signing in: the meeting is public. */
  const read = (url: string) => callApi(app, null, 'GET', url);

  beforeAll(async () => {
    // The meeting's agenda items link shipped plans.
    await syncPlans(get().db, await shippedPlans(get().db, catalog), SYSTEM_ACTOR);
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false, catalog });
    // The demo start step (meetingsModule.seedDemo) on this new database.
    seededAtStart = await seedDemoMeeting(get().db, catalog, SYSTEM_ACTOR);
  });
  afterAll(async () => app.close());

  it('ships the 22 October 2020 videoconference; its announcement names the Commissioners, the Presidency, the format and both sessions’ topics', async () => {
    const seeded = await seededMeetingId(app);
    expect(seededAtStart).toBe(seeded);
    expect(await seedDemoMeeting(get().db, catalog, SYSTEM_ACTOR)).toBe(null);
    const meeting = (await read(`/meetings/${seeded}`)).json();
    expect(meeting).toMatchObject({
      format: 'videoconference',
      status: 'held',
      host: 'German Presidency of the Council of the EU',
      start: '2020-10-22T07:30:00.000Z',
    });
    expect(meeting.sessions.map((s: { items: unknown[] }) => s.items.length)).toEqual([3, 4]);
    const text = (await read(`/meetings/${seeded}/announcement`)).body;
    for (const expected of [
      '22 October 2020',
      'by videoconference',
      'organised by the German Presidency of the Council of the EU',
      'Commissioner Ylva Johansson and Commissioner Olivér Várhelyi',
      'Commissioner Didier Reynders',
      'migration',
      'counter-terrorism and organised crime (presented by Europol)',
      'the action plans on firearms and on drugs',
      'the impact of the COVID-19 pandemic on justice and fundamental rights',
      'access to justice in the digital age',
      'the first Rule of Law Report',
      'Kosovo*',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/Morning session: home affairs \(09:30–12:30\)/);
  });

  it('the .ics invitation opens in a standard iCalendar parser', async () => {
    const seeded = await seededMeetingId(app);
    const res = await read(`/meetings/${seeded}/invitation.ics`);
    expect(res.headers['content-type']).toMatch(/text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(res.body));
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('EU–Western Balkans ministerial videoconference on Justice and Home Affairs');
    expect(event.startDate.toJSDate().toISOString()).toBe('2020-10-22T07:30:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2020-10-22T14:30:00.000Z');
    expect(event.uid).toBe(`${seeded}@jha-hub`);
    expect(event.component.getFirstPropertyValue('url')).toBe(`http://localhost:8080/meetings/${seeded}`);
    expect(event.description).toContain('Afternoon session: justice: The impact of the COVID-19 pandemic');
    const agenda = (await read(`/meetings/${seeded}/agenda.html`)).body;
    expect(agenda).toContain('<li><strong>Migration</strong>');
    expect(agenda).toMatch(/@media print/);
  });

  it('jha meetings list and announcement', async () => {
    const seeded = await seededMeetingId(app);
    const jha = (args: string[]) => runJha(get(), args);
    const list = JSON.parse(jha(['meetings', 'list', '--format', 'json']).stdout);
    expect(list.find((m: { id: string }) => m.id === seeded)).toEqual({
      id: seeded,
      title: 'EU–Western Balkans ministerial videoconference on Justice and Home Affairs',
      start: '2020-10-22T07:30:00.000Z',
      format: 'videoconference',
      sessions: 2,
      agenda_items: 7,
    });
    const text = jha(['meetings', 'announcement', seeded]).stdout;
    expect(text).toContain('Commissioner Didier Reynders');
    expect(jha(['meetings', 'announcement', 'nope']).stderr).toMatch(/Meeting nope does not exist/);
  });
});
