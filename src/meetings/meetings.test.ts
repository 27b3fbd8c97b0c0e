import type { FastifyInstance } from 'fastify';
import ICAL from 'ical.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/audit/actor.js';
import { buildApp } from '../app/app.js';
import { CATALOG_DIR } from '../platform/paths.js';
import { runJha } from '../testing/cli.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { callApi, makeUser, uploadAs, type TestUser } from '../testing/factories.js';
import { shippedPlans, syncPlans } from '../commitments/plans.service.js';
import { loadCatalogs } from '../statistics/catalog.js';
import { seedDemoMeeting } from './seed.js';

const catalog = loadCatalogs(CATALOG_DIR);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

describeEachDatabase('meetings', (get) => {
  let app: FastifyInstance;
  let commission: TestUser, al: TestUser, rs: TestUser, reviewer: TestUser;
  let seeded = '';
  let meetingId = '';
  const call = (user: TestUser | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) =>
    callApi(app, user, method, url, payload);
  const upload = (user: TestUser, query: string, body: Buffer) => uploadAs(app, user, `/meetings/${meetingId}/documents?${query}`, body);

  beforeAll(async () => {
    await syncPlans(get().db, await shippedPlans(get().db, catalog), SYSTEM_ACTOR);
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false, catalog });
    commission = await makeUser(get().db, 'commission');
    reviewer = await makeUser(get().db, 'reviewer');
    al = await makeUser(get().db, 'coordinator', 'AL');
    rs = await makeUser(get().db, 'coordinator', 'RS');
  });
  afterAll(async () => app.close());

  it('ships the 22 October 2020 videoconference; its announcement names the Commissioners, the Presidency, the format and both sessions’ topics', async () => {
    seeded = (await seedDemoMeeting(get().db, catalog, SYSTEM_ACTOR))!;
    expect(await seedDemoMeeting(get().db, catalog, SYSTEM_ACTOR)).toBe(null);
    const meeting = (await call(null, 'GET', `/meetings/${seeded}`)).json();
    expect(meeting).toMatchObject({
      format: 'videoconference',
      status: 'held',
      host: 'German Presidency of the Council of the EU',
      start: '2020-10-22T07:30:00.000Z',
    });
    expect(meeting.sessions.map((s: { items: unknown[] }) => s.items.length)).toEqual([3, 4]);
    const text = (await call(null, 'GET', `/meetings/${seeded}/announcement`)).body;
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
    const res = await call(null, 'GET', `/meetings/${seeded}/invitation.ics`);
    expect(res.headers['content-type']).toMatch(/text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(res.body));
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('EU–Western Balkans ministerial videoconference on Justice and Home Affairs');
    expect(event.startDate.toJSDate().toISOString()).toBe('2020-10-22T07:30:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2020-10-22T14:30:00.000Z');
    expect(event.uid).toBe(`${seeded}@jha-hub`);
    expect(event.component.getFirstPropertyValue('url')).toBe(`http://localhost:8080/meetings/${seeded}`);
    expect(event.description).toContain('Afternoon session: justice: The impact of the COVID-19 pandemic');
    const agenda = (await call(null, 'GET', `/meetings/${seeded}/agenda.html`)).body;
    expect(agenda).toContain('<li><strong>Migration</strong>');
    expect(agenda).toMatch(/@media print/);
  });

  it('the Commission creates a participants-only meeting with sessions and agenda items, reordered with optimistic concurrency', async () => {
    const body = {
      title: 'Senior officials on firearms <b>2026</b>',
      kind: 'senior_officials',
      format: 'hybrid',
      host: 'Commission',
      start: '2026-12-10T09:00:00+01:00',
      end: '2026-12-10T13:00:00+01:00',
      timeZone: 'Europe/Brussels',
      location: 'Brussels',
      videoUrl: 'https://meet.example.org/jha-firearms',
      visibility: 'participants',
    };
    expect((await call(al, 'POST', '/meetings', body)).statusCode).toBe(403);
    expect(
      (await call(commission, 'POST', '/meetings', { ...body, videoUrl: 'http://insecure.example.org' })).json().error.message,
    ).toMatch(/must start with https/);
    expect((await call(commission, 'POST', '/meetings', { ...body, timeZone: 'Mars/Olympus' })).json().error.message).toMatch(
      /"Mars\/Olympus" is not a time zone/,
    );
    expect((await call(commission, 'POST', '/meetings', { ...body, end: '2026-12-10T08:00:00+01:00' })).json().error.message).toMatch(
      /ends before it starts/,
    );
    const created = await call(commission, 'POST', '/meetings', body);
    expect(created.statusCode).toBe(201);
    meetingId = created.json().id;
    let m = (
      await call(commission, 'POST', `/meetings/${meetingId}/sessions`, {
        title: 'Morning',
        start: '2026-12-10T09:00:00+01:00',
        end: '2026-12-10T11:00:00+01:00',
      })
    ).json();
    m = (
      await call(commission, 'POST', `/meetings/${meetingId}/sessions`, {
        title: 'Late morning',
        start: '2026-12-10T11:15:00+01:00',
        end: '2026-12-10T13:00:00+01:00',
      })
    ).json();
    const [first, second] = m.sessions;
    for (const title of ['Firearms seizures', 'Destruction of surplus weapons']) {
      m = (
        await call(commission, 'POST', `/meetings/${meetingId}/items`, {
          sessionId: first.id,
          title,
          lead: 'DG HOME',
          presenters: ['SEESAC'],
          topics: { plans: ['firearms_ap_2020', 'salw_roadmap_2018'] },
          durationMinutes: 45,
        })
      ).json();
    }
    m = (
      await call(commission, 'POST', `/meetings/${meetingId}/items`, {
        sessionId: second.id,
        title: 'Justice statistics',
        topics: { indicators: ['justice.clearance_rate'], domains: ['justice'] },
      })
    ).json();
    expect(
      (
        await call(commission, 'POST', `/meetings/${meetingId}/items`, {
          sessionId: second.id,
          title: 'X',
          topics: { indicators: ['nope'] },
        })
      ).json().error.message,
    ).toMatch(/"nope" is not an indicator/);
    expect(
      (
        await call(commission, 'POST', `/meetings/${meetingId}/items`, { sessionId: second.id, title: 'X', topics: { plans: ['nope'] } })
      ).json().error.message,
    ).toBe('topics.plans: "nope" is not a plan.');
    const ids = m.sessions[0].items.map((i: { id: string }) => i.id);
    const reordered = await call(commission, 'PUT', `/meetings/${meetingId}/sessions/${first.id}/order`, {
      version: m.version,
      items: [ids[1], ids[0]],
    });
    expect(reordered.json().sessions[0].items.map((i: { title: string }) => i.title)).toEqual([
      'Destruction of surplus weapons',
      'Firearms seizures',
    ]);
    expect(
      (await call(commission, 'PUT', `/meetings/${meetingId}/sessions/${first.id}/order`, { version: m.version, items: ids })).statusCode,
    ).toBe(409);
    expect(
      (
        await call(commission, 'PUT', `/meetings/${meetingId}/sessions/${first.id}/order`, {
          version: reordered.json().version,
          items: [ids[0]],
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await get().db.selectFrom('audit_log').select('action').where('entity_id', '=', meetingId).execute()).map((a) => a.action),
    ).toEqual(expect.arrayContaining(['meeting.create', 'meeting.session.add', 'meeting.item.add', 'meeting.agenda.reorder']));
  });

  it('invites delegations; only the partner’s coordinators reply; visibility follows the invitations', async () => {
    expect((await call(null, 'GET', `/meetings/${meetingId}`)).statusCode).toBe(404);
    expect((await call(al, 'GET', `/meetings/${meetingId}`)).statusCode).toBe(404);
    let m = (
      await call(commission, 'POST', `/meetings/${meetingId}/delegations`, {
        partner: 'AL',
        headName: 'Head of the Albanian delegation',
        headFunction: 'Deputy Minister',
      })
    ).json();
    m = (await call(commission, 'POST', `/meetings/${meetingId}/delegations`, { institution: 'SEESAC' })).json();
    expect((await call(commission, 'POST', `/meetings/${meetingId}/delegations`, { partner: 'AL' })).statusCode).toBe(409);
    const alDelegation = m.delegations.find((d: { partner: string }) => d.partner === 'AL').id;
    const invite = await get()
      .db.selectFrom('notifications')
      .select(['user_id', 'title'])
      .where('kind', '=', 'meetings.invitation')
      .where('link', '=', `/meetings/${meetingId}`)
      .execute();
    expect(invite.map((n) => n.user_id)).toEqual([al.user.id]);
    expect((await call(al, 'GET', `/meetings/${meetingId}`)).statusCode).toBe(200);
    expect((await call(rs, 'GET', `/meetings/${meetingId}`)).statusCode).toBe(404);
    expect((await call(rs, 'POST', `/meetings/${meetingId}/delegations/${alDelegation}/reply`, { reply: 'accepted' })).statusCode).toBe(
      404,
    );
    expect(
      (await call(al, 'POST', `/meetings/${meetingId}/delegations/${alDelegation}/reply`, { reply: 'represented' })).json().error.message,
    ).toMatch(/representedBy: required/);
    const accepted = (await call(al, 'POST', `/meetings/${meetingId}/delegations/${alDelegation}/reply`, { reply: 'accepted' })).json();
    expect(accepted.delegations.find((d: { id: string }) => d.id === alDelegation)).toMatchObject({
      invitation: 'accepted',
      repliedBy: expect.stringContaining(al.user.email),
    });
    await call(al, 'POST', `/meetings/${meetingId}/delegations/${alDelegation}/members`, {
      name: 'Firearms focal point',
      function: 'Police',
      email: 'focal.point@example.al',
    });
    const participants = (await call(al, 'GET', `/meetings/${meetingId}/participants`)).json().participants;
    expect(participants.map((p: { name: string; role: string }) => [p.name, p.role])).toEqual([
      ['Head of the Albanian delegation', 'head'],
      ['Firearms focal point', 'member'],
    ]);
  });

  it('documents: access levels, versions, and refused uploads that store nothing', async () => {
    const m = (await call(commission, 'GET', `/meetings/${meetingId}`)).json();
    await call(commission, 'PATCH', `/meetings/${meetingId}`, { version: m.version, visibility: 'public' });
    // Public now, but Serbia's coordinator still does not list members of Albania's delegation.
    const alDelegation = m.delegations.find((d: { partner: string }) => d.partner === 'AL').id;
    expect((await call(rs, 'POST', `/meetings/${meetingId}/delegations/${alDelegation}/members`, { name: 'Intruder' })).statusCode).toBe(
      403,
    );
    const pub = await upload(commission, 'name=agenda.pdf&title=Agenda&access=public', PDF);
    expect(pub.statusCode).toBe(201);
    const restricted = await upload(
      commission,
      `name=note.pdf&title=Background%20note&access=participants&item=${m.sessions[0].items[0].id}`,
      PDF,
    );
    const internal = await upload(commission, 'name=lines.pdf&title=Lines%20to%20take&access=commission', PDF);
    const files = Number(
      (
        await get()
          .db.selectFrom('stored_files')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const exe = await upload(commission, 'name=slides.pdf&access=public', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]));
    expect(exe.json().error.message).toMatch(/does not contain what its name says/);
    expect((await upload(commission, 'name=x.pdf&access=everyone', PDF)).json().error.message).toMatch(
      /access: "everyone" is not one of public, participants, commission/,
    );
    expect(
      Number(
        (
          await get()
            .db.selectFrom('stored_files')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(files);

    const file = (user: TestUser | null, doc: string, q = '') => call(user, 'GET', `/meetings/${meetingId}/documents/${doc}/file${q}`);
    expect((await file(null, pub.json().id)).statusCode).toBe(200);
    const refused = await file(null, restricted.json().id);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/participants only/);
    expect((await file(al, restricted.json().id)).statusCode).toBe(200);
    expect((await file(al, internal.json().id)).statusCode).toBe(403);
    expect((await call(null, 'GET', `/meetings/${meetingId}`)).json().documents.map((d: { title: string }) => d.title)).toEqual(['Agenda']);
    const v2 = await uploadAs(
      app,
      commission,
      `/meetings/${meetingId}/documents/${pub.json().id}/versions?name=agenda-v2.pdf`,
      Buffer.concat([PDF, Buffer.from('% v2\n')]),
    );
    expect(v2.json().versions.map((v: { version: number; name: string }) => [v.version, v.name])).toEqual([
      [1, 'agenda.pdf'],
      [2, 'agenda-v2.pdf'],
    ]);
    expect((await file(null, pub.json().id)).rawPayload.toString()).toContain('% v2');
    expect((await file(null, pub.json().id, '?version=1')).rawPayload.equals(PDF)).toBe(true);
  });

  it('conclusions and follow-up actions: the follow-ups are commitments visible in the commitments views', async () => {
    const m = (await call(commission, 'GET', `/meetings/${meetingId}`)).json();
    const outcome = await call(commission, 'PUT', `/meetings/${meetingId}/outcome`, {
      version: m.version,
      conclusions: 'Participants agreed to step up the exchange of data on seizures.',
      decisions: [{ text: 'Hold a follow-up expert meeting in spring.', itemId: m.sessions[0].items[0].id }],
    });
    expect(outcome.json()).toMatchObject({
      conclusions: 'Participants agreed to step up the exchange of data on seizures.',
      decisions: [{ text: 'Hold a follow-up expert meeting in spring.' }],
    });
    expect((await call(al, 'POST', `/meetings/${meetingId}/follow-ups`, { title: 'x', partners: ['AL'] })).statusCode).toBe(403);
    // Schema findings read as plain words naming the field.
    expect((await call(commission, 'POST', `/meetings/${meetingId}/follow-ups`, { title: 'x', partners: [] })).json().error.message).toBe(
      'partners: needs at least 1 item',
    );
    expect((await call(commission, 'POST', `/meetings/${meetingId}/follow-ups`, { partners: ['AL'] })).json().error.message).toBe(
      'title: is required',
    );
    expect(
      (await call(commission, 'POST', `/meetings/${meetingId}/follow-ups`, { title: 'x', partners: ['AL'], owner: 'me' })).json().error
        .message,
    ).toBe('owner: is not a field of this request');
    const followed = await call(commission, 'POST', `/meetings/${meetingId}/follow-ups`, {
      title: 'Share monthly seizure data with the regional focal points',
      partners: ['AL', 'RS'],
      deadline: '2027-06-30',
    });
    expect(followed.statusCode).toBe(201);
    expect(followed.json().followUps).toEqual([
      {
        action: 'follow_up.R1',
        title: 'Share monthly seizure data with the regional focal points',
        partners: ['AL', 'RS'],
        deadline: '2027-06-30',
      },
    ]);
    const plan = followed.json().followUpPlan;
    expect((await call(null, 'GET', `/plans/${plan}`)).json()).toMatchObject({ kind: 'meeting_conclusions' });
    const alCommitments = (await call(null, 'GET', '/partners/AL/commitments')).json().commitments;
    expect(alCommitments.find((c: { plan: string }) => c.plan === plan)).toMatchObject({
      planKind: 'meeting_conclusions',
      action: 'follow_up.R1',
      deadline: '2027-06-30',
    });
  });

  it('builds a delegation’s briefing book with the linked commitments and indicators', async () => {
    expect((await call(null, 'GET', `/meetings/${meetingId}/briefing?partner=AL`)).statusCode).toBe(401);
    expect((await call(rs, 'GET', `/meetings/${meetingId}/briefing?partner=AL`)).statusCode).toBe(403);
    const book = (await call(al, 'GET', `/meetings/${meetingId}/briefing?partner=AL`)).json();
    const seizures = book.items.find((i: { item: { title: string } }) => i.item.title === 'Firearms seizures');
    expect(seizures.commitments.map((c: { plan: string }) => c.plan).sort()).toEqual([
      ...Array(4).fill('firearms_ap_2020'),
      ...Array(7).fill('salw_roadmap_2018'),
    ]);
    // Albania's commitments of the linked plans, none reported yet, all past their deadlines.
    expect(
      seizures.commitments.find((c: { plan: string; action: string }) => c.plan === 'salw_roadmap_2018' && c.action === '1.1'),
    ).toMatchObject({ deadline: '2023-12-31', status: null, overdue: true });
    // The background note was attached to the first item after reordering.
    expect(
      book.items
        .find((i: { item: { title: string } }) => i.item.title === 'Destruction of surplus weapons')
        .documents.map((d: { title: string }) => d.title),
    ).toEqual(['Background note']);
    const stats = book.items.find((i: { item: { title: string } }) => i.item.title === 'Justice statistics');
    expect(stats.indicators[0]).toMatchObject({ code: 'justice.clearance_rate', label: 'Clearance rate' });
    const html = (await call(al, 'GET', `/meetings/${meetingId}/briefing.html?partner=AL`)).body;
    expect(html).toContain('Briefing book: Albania');
    expect(html).toContain('Senior officials on firearms &lt;b&gt;2026&lt;/b&gt;');
  });

  it('tells invited partners of a new time and of a cancellation', async () => {
    let m = (await call(commission, 'GET', `/meetings/${meetingId}`)).json();
    m = (
      await call(commission, 'PATCH', `/meetings/${meetingId}`, {
        version: m.version,
        start: '2026-12-11T09:00:00+01:00',
        end: '2026-12-11T13:00:00+01:00',
      })
    ).json();
    await call(commission, 'PATCH', `/meetings/${meetingId}`, { version: m.version, status: 'cancelled' });
    const notes = await get()
      .db.selectFrom('notifications')
      .select(['user_id', 'kind', 'title'])
      .where('link', '=', `/meetings/${meetingId}`)
      .where('kind', 'in', ['meetings.moved', 'meetings.cancelled'])
      .orderBy('created_at')
      .execute();
    expect(notes.map((n) => [n.user_id, n.kind])).toEqual([
      [al.user.id, 'meetings.moved'],
      [al.user.id, 'meetings.cancelled'],
    ]);
    expect(notes[1]!.title).toBe('Cancelled: Senior officials on firearms <b>2026</b>');
  });

  it('jha meetings list and announcement', () => {
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
