// The shipped meeting: the 22 October 2020 ministerial videoconference, seeded by the demo start
// step (once, in beforeAll, on this file's new database); every test looks it up by its title and
// only reads it: its announcement, its .ics invitation and printable agenda, the CLI, and Albania's
// briefing book as of the meeting (on figures the test publishes).
import type { FastifyInstance } from 'fastify';
import ICAL from 'ical.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/audit/actor.js';
import { buildApp } from '../app/app.js';
import { CATALOG_DIR } from '../platform/paths.js';
import { runJha } from '../testing/cli.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { callApi, makeUser } from '../testing/factories.js';
import { publishedSubmission, type SubmissionRef, type WorkflowUsers } from '../testing/submissions.js';
import type { ValueInput } from '../statistics/value-input.js';
import { shippedPlans, syncPlans } from '../commitments/plans.service.js';
import { loadCatalogs } from '../statistics/catalog.js';
import { MEETING_2020_TITLE, seedDemoMeeting } from './seed.js';

const catalog = loadCatalogs(CATALOG_DIR);

/** The id of the shipped 22 October 2020 meeting, from the public list. */
async function seededMeetingId(app: FastifyInstance): Promise<string> {
  const list = (await callApi(app, null, 'GET', '/meetings')).json().meetings as { id: string; title: string }[];
  return list.find((m) => m.title === MEETING_2020_TITLE)!.id;
}

/** Albania's case figures of a year (they pass validation: stock and flow add up, each year carries over the last). */
function cases(pendingStart: number, incoming: number, resolved: number): ValueInput[] {
  return [
    { variable: 'cases.pending_start', value: pendingStart },
    { variable: 'cases.incoming', value: incoming },
    { variable: 'cases.resolved', value: resolved },
    { variable: 'cases.pending_end', value: pendingStart + incoming - resolved },
  ];
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

  it('links its agenda items to the policy areas and their indicators, which its briefing book shows', async () => {
    const seeded = await seededMeetingId(app);
    const meeting = (await read(`/meetings/${seeded}`)).json();
    type Item = { title: string; topics: { domains: string[]; indicators: string[] } };
    const topics = meeting.sessions
      .flatMap((s: { items: Item[] }) => s.items)
      .map((i: Item) => [i.title, i.topics.domains, i.topics.indicators]);
    expect(topics).toEqual([
      ['Migration', ['migration'], ['migration.arrivals', 'migration.occupancy_rate']],
      [
        'Counter-terrorism and organised crime',
        ['commitments', 'organised_crime'],
        ['organised_crime.arrests_total', 'organised_crime.confiscation_ratio'],
      ],
      [
        'The action plans on firearms and on drugs',
        ['commitments', 'firearms', 'drugs'],
        ['firearms.seized_total', 'firearms.traced_share', 'drugs.seizures_total', 'drugs.supply_offence_share'],
      ],
      [
        'The impact of the COVID-19 pandemic on justice and fundamental rights',
        ['justice', 'remote_hearings', 'domestic_violence'],
        ['domestic_violence.protection_order_issue_rate', 'domestic_violence.days_to_order'],
      ],
      ['Access to justice in the digital age', ['justice', 'digital_justice'], ['digital_justice.ict_deployment_index']],
      ['Measuring the performance of justice systems', ['justice'], ['justice.clearance_rate', 'justice.disposition_time']],
      ['The first Rule of Law Report', ['justice'], []],
    ]);
    const al = await makeUser(get().db, 'coordinator', 'AL');
    const book = (await callApi(app, al, 'GET', `/meetings/${seeded}/briefing?partner=AL`)).json();
    const shown = (title: string) =>
      book.items
        .find((i: { item: { title: string } }) => i.item.title === title)
        .indicators.map((i: { code: string; label: string; unit: string }) => [i.code, i.label, i.unit]);
    expect(shown('Access to justice in the digital age')).toEqual([
      ['digital_justice.ict_deployment_index', 'ICT deployment index', 'of 100'],
    ]);
    expect(shown('The impact of the COVID-19 pandemic on justice and fundamental rights')).toEqual([
      ['domestic_violence.protection_order_issue_rate', 'Protection-order issue rate', '%'],
      ['domestic_violence.days_to_order', 'Days from request to order (median)', 'days'],
    ]);
  });

  it('writes the announcement and the printable agenda in the language asked for (?lang=, else the reader’s); an unknown one in English', async () => {
    const seeded = await seededMeetingId(app);
    const text = (await read(`/meetings/${seeded}/announcement?lang=sq`)).body;
    expect(text.split('\n')).toEqual([
      'EU–Western Balkans ministerial videoconference on Justice and Home Affairs – 22 tetor 2020',
      '',
      'Më 22 tetor 2020, ministrat e Albania, Bosnia and Herzegovina, Kosovo*, Montenegro, North Macedonia dhe Serbia u takuan ' +
        'me videokonferencë me European Commission, German Presidency of the Council of the EU dhe Europol. ' +
        'Takimi u organizua nga German Presidency of the Council of the EU.',
      '',
      'Morning session: home affairs (09:30–12:30), me pjesëmarrjen e Commissioner Ylva Johansson dhe Commissioner Olivér Várhelyi. ' +
        'Pjesëmarrësit diskutuan këto çështje: migration, counter-terrorism and organised crime (paraqitur nga Europol) ' +
        'dhe the action plans on firearms and on drugs.',
      '',
      'Afternoon session: justice (14:00–16:30), me pjesëmarrjen e Commissioner Didier Reynders. ' +
        'Pjesëmarrësit diskutuan këto çështje: the impact of the COVID-19 pandemic on justice and fundamental rights, ' +
        'access to justice in the digital age, measuring the performance of justice systems dhe the first Rule of Law Report.',
      '',
      '* Ky përcaktim nuk paragjykon qëndrimet për statusin dhe është në përputhje me Rezolutën 1244/1999 të KSOKB-së ' +
        'dhe me Opinionin e GJND-së për shpalljen e pavarësisë së Kosovës.',
      '',
    ]);
    // A signed-in user's own language, when the link names none.
    const mk = await makeUser(get().db, 'coordinator', 'MK');
    await callApi(app, mk, 'PUT', '/me/language', { language: 'mk' });
    expect((await callApi(app, mk, 'GET', `/meetings/${seeded}/announcement`)).body).toContain(
      'На 22 октомври 2020 г., министрите на Albania',
    );
    const unknown = await read(`/meetings/${seeded}/announcement?lang=xx`);
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain('On 22 October 2020, the ministers of Albania');

    const agenda = (await read(`/meetings/${seeded}/agenda.html?lang=sq`)).body;
    expect(agenda).toContain('<html lang="sq">');
    expect(agenda).toContain('<title>Rendi i ditës – EU–Western Balkans ministerial videoconference on Justice and Home Affairs</title>');
    expect(agenda).toContain(
      '22 tetor 2020 · 09:30–16:30 (Europe/Berlin) · Videokonferencë · organizuar nga German Presidency of the Council of the EU',
    );
    expect(agenda).toContain(
      '<li><strong>Migration</strong><br><span class="who">Drejton: Commissioner Ylva Johansson and Commissioner Olivér Várhelyi</span>',
    );
    const cyrillic = (await read(`/meetings/${seeded}/agenda.html?lang=sr-Cyrl`)).body;
    expect(cyrillic).toContain('<html lang="sr-Cyrl">');
    expect(cyrillic).toContain('<title>Дневни ред – EU–Western Balkans ministerial videoconference on Justice and Home Affairs</title>');
  });

  it('reads as past: the replies are dated before the meeting, nobody was invited anew, and it can no longer be answered', async () => {
    const seeded = await seededMeetingId(app);
    const meeting = (await read(`/meetings/${seeded}`)).json();
    const replied = [...new Set(meeting.delegations.map((d: { repliedAt: string | null }) => d.repliedAt))];
    expect(replied).toEqual(['2020-10-15T10:00:00.000Z']);
    const invitations = await get().db.selectFrom('notifications').select('id').where('kind', '=', 'meetings.invitation').execute();
    expect(invitations).toEqual([]);
    const al = await makeUser(get().db, 'coordinator', 'AL');
    const delegation = meeting.delegations.find((d: { partner: string | null }) => d.partner === 'AL').id;
    const late = await callApi(app, al, 'POST', `/meetings/${seeded}/delegations/${delegation}/reply`, { reply: 'declined' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe('The meeting is held: its invitations can no longer be answered.');
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

  it('Albania’s briefing book is as of 22 October 2020: figures published by then for periods ended by then, deadlines judged then; newer figures apart', async () => {
    const seeded = await seededMeetingId(app);
    const al = await makeUser(get().db, 'coordinator', 'AL');
    const users: WorkflowUsers = {
      coordinator: al,
      reviewer: await makeUser(get().db, 'reviewer'),
      commission: await makeUser(get().db, 'commission'),
    };
    const annual = (period: string): SubmissionRef => ({ dataset: 'justice.annual', partner: 'AL', period });
    const monthly = (period: string): SubmissionRef => ({ dataset: 'migration.monthly', partner: 'AL', period });
    /** A publication cannot be made in the past through the API: the test dates the release back. */
    const publishedOn = async (ref: SubmissionRef, at: string) => {
      const { id } = await get()
        .db.selectFrom('submissions')
        .select('id')
        .where('dataset', '=', ref.dataset)
        .where('partner_code', '=', ref.partner)
        .where('period', '=', ref.period)
        .executeTakeFirstOrThrow();
      await get().db.updateTable('releases').set({ published_at: at }).where('submission_id', '=', id).execute();
      await get().db.updateTable('submissions').set({ published_at: at }).where('id', '=', id).execute();
    };
    // Published before the meeting: the years 2018 and 2019, the months August and September 2020.
    await publishedSubmission(app, users, annual('2018'), cases(1000, 500, 450));
    await publishedSubmission(app, users, annual('2019'), cases(1050, 520, 520));
    await publishedOn(annual('2018'), '2020-06-30T10:00:00.000Z');
    await publishedOn(annual('2019'), '2020-06-30T10:00:00.000Z');
    await publishedSubmission(app, users, monthly('2020-08'), [{ variable: 'arrivals.detected', value: 100 }]);
    await publishedSubmission(app, users, monthly('2020-09'), [{ variable: 'arrivals.detected', value: 120 }]);
    await publishedOn(monthly('2020-08'), '2020-09-15T10:00:00.000Z');
    await publishedOn(monthly('2020-09'), '2020-10-15T10:00:00.000Z');
    // Published after it (now): 2020 and 2021, October and November 2020, and 2017, a year that had
    // ended by the meeting but whose figures came out later.
    await publishedSubmission(app, users, annual('2020'), cases(1050, 500, 550));
    await publishedSubmission(app, users, annual('2021'), cases(1000, 480, 504));
    await publishedSubmission(app, users, annual('2017'), cases(950, 500, 450));
    await publishedSubmission(app, users, monthly('2020-10'), [{ variable: 'arrivals.detected', value: 130 }]);
    await publishedSubmission(app, users, monthly('2020-11'), [{ variable: 'arrivals.detected', value: 140 }]);

    const res = await callApi(app, al, 'GET', `/meetings/${seeded}/briefing?partner=AL`);
    expect(res.statusCode).toBe(200);
    const book = res.json();
    expect(book).toMatchObject({ asOf: '2020-10-22T07:30:00.000Z', asOfDate: '2020-10-22', past: true, partner: 'AL' });
    type Indicator = { code: string; trend: unknown[]; latest: unknown; region: unknown; sinceThen: unknown };
    type Item = { item: { title: string }; indicators: Indicator[]; commitments: Record<string, unknown>[] };
    const items: Item[] = book.items;
    const indicators = Object.fromEntries(
      items.flatMap((i) => i.indicators).map(({ code, trend, latest, region, sinceThen }) => [code, { trend, latest, region, sinceThen }]),
    );
    // The book holds 2018, 2019 and August and September 2020 only: not 2017 (published later),
    // not 2020 nor October 2020 (not ended by the meeting), not 2021 nor November 2020. The policy
    // areas' indicators have no figures here.
    const none = { trend: [], latest: null, region: null, sinceThen: null };
    expect(indicators).toEqual({
      'organised_crime.arrests_total': none,
      'organised_crime.confiscation_ratio': none,
      'firearms.seized_total': none,
      'firearms.traced_share': none,
      'drugs.seizures_total': none,
      'drugs.supply_offence_share': none,
      'domestic_violence.protection_order_issue_rate': none,
      'domestic_violence.days_to_order': none,
      'digital_justice.ict_deployment_index': none,
      'migration.arrivals': {
        trend: [
          { period: '2020-08', value: 100 },
          { period: '2020-09', value: 120 },
        ],
        latest: { period: '2020-09', value: 120 },
        region: null,
        sinceThen: { period: '2020-11', value: 140 },
      },
      'migration.occupancy_rate': { trend: [], latest: null, region: null, sinceThen: null },
      'justice.clearance_rate': {
        trend: [
          { period: '2018', value: 90 },
          { period: '2019', value: 100 },
        ],
        latest: { period: '2019', value: 100 },
        region: null,
        sinceThen: { period: '2021', value: 105 },
      },
      'justice.disposition_time': {
        trend: [
          { period: '2018', value: 852 },
          { period: '2019', value: 737 },
        ],
        latest: { period: '2019', value: 737 },
        region: null,
        sinceThen: { period: '2021', value: 707 },
      },
    });

    // Deadlines of 31 December 2020 and 2025 were still ahead on 22 October 2020: none is overdue in
    // the book, while every one of them is overdue today.
    const commitments = (title: string) =>
      items.find((i) => i.item.title === title)!.commitments.map((c) => [c.plan, c.action, c.deadline, c.status, c.overdue]);
    expect(commitments('Counter-terrorism and organised crime')).toEqual(
      ['1.0', '2.0', '3.0', '4.0', '5.0'].map((a) => ['jap_ct_2018', a, '2020-12-31', null, false]),
    );
    const plansItem = items.find((i) => i.item.title === 'The action plans on firearms and on drugs')!.commitments;
    expect(plansItem.map((c) => `${c.plan} ${c.deadline}`).sort()).toEqual([
      ...Array(11).fill('drugs_2021 2025-12-31'),
      ...Array(4).fill('firearms_ap_2020 2025-12-31'),
    ]);
    expect(plansItem.filter((c) => c.overdue)).toEqual([]);
    const today = (await callApi(app, al, 'GET', '/partners/AL/commitments')).json().commitments as { plan: string; overdue: boolean }[];
    expect(today.filter((c) => ['jap_ct_2018', 'firearms_ap_2020', 'drugs_2021'].includes(c.plan)).map((c) => c.overdue)).toEqual(
      Array(20).fill(true),
    );

    // The printable book says as of when it is, and keeps the newer figures in their own column.
    const html = (await callApi(app, al, 'GET', `/meetings/${seeded}/briefing.html?partner=AL`)).body;
    expect(html).toContain('Figures as published by 22 October 2020');
    expect(html).toContain('<th class="since-then">Since then</th>');
    expect(html.match(/<td class="since-then">[^<]*<\/td>/g)).toEqual([
      '<td class="since-then">140 persons (2020-11)</td>',
      ...Array(10).fill('<td class="since-then">–</td>'),
      '<td class="since-then">105 % (2021)</td>',
      '<td class="since-then">707 days (2021)</td>',
    ]);
    expect(html).toContain('<td>Clearance rate</td><td>100 % (2019)</td><td>2018: 90 % · 2019: 100 %</td>');
    const asOfPart = html.replace(/<td class="since-then">[^<]*<\/td>/g, '');
    // No figure of those periods outside that column ("2019: 100 %", "100 % (2019)").
    expect(asOfPart).not.toMatch(/(2017|2020|2021|2020-1[0-2])(:|\))/);
    expect(html).not.toContain('(overdue)');

    // The same book in Albanian: its fixed texts, the date and the numbers in the language.
    const sq = (await callApi(app, al, 'GET', `/meetings/${seeded}/briefing.html?partner=AL&lang=sq`)).body;
    expect(sq).toContain('<html lang="sq">');
    expect(sq).toContain('<h1>Dosja informuese: Albania</h1>');
    expect(sq).toContain(
      '<p class="as-of">Shifrat siç ishin publikuar deri më 22 tetor 2020, për periudhat që kishin përfunduar deri atëherë; ' +
        'angazhimet siç ishin raportuar deri atëherë, afatet të gjykuara në atë ditë. ' +
        'Shifrat e publikuara më vonë tregohen veçmas, nën „Që atëherë”.</p>',
    );
    expect(sq).toContain('<th class="since-then">Që atëherë</th>');
    expect(sq).toContain('<td>Clearance rate</td><td>100 % (2019)</td><td>2018: 90 % · 2019: 100 %</td>');
    expect(sq).toContain('<td>i paraportuar</td>');
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
