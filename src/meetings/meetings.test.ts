// Organising meetings over HTTP: every test makes its own meeting with the factories below (the
// database is shared by the file's tests), so that each passes alone. The shipped 2020 meeting is
// tested in seed.test.ts.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/audit/actor.js';
import { buildApp } from '../app/app.js';
import { CATALOG_DIR } from '../platform/paths.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { callApi, makeUser, uploadAs, type TestUser } from '../testing/factories.js';
import { shippedPlans, syncPlans } from '../commitments/plans.service.js';
import { fillReport, openRound, reportOf } from '../testing/commitments.js';
import { readPdf } from '../testing/pdf.js';
import { loadCatalogs } from '../statistics/catalog.js';
import { dayIn, longDate } from './meetings.js';

const catalog = loadCatalogs(CATALOG_DIR);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

/** A participants-only hybrid meeting of senior officials on 10 December 2026 (Brussels). */
const FIREARMS_MEETING = {
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

/** The body of a successful call (a failure throws, naming the call and the answer). */
async function ok(response: Promise<{ statusCode: number; body: string; json: () => any }>, what: string) {
  const res = await response;
  if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Creates a meeting as the Commission (FIREARMS_MEETING with the overrides); returns its id. */
async function createMeeting(app: FastifyInstance, commission: TestUser, overrides: Record<string, unknown> = {}): Promise<string> {
  return (await ok(callApi(app, commission, 'POST', '/meetings', { ...FIREARMS_MEETING, ...overrides }), 'create meeting')).id;
}

/** Adds a session; returns the meeting. */
function addSession(app: FastifyInstance, commission: TestUser, id: string, title: string, start: string, end: string) {
  return ok(callApi(app, commission, 'POST', `/meetings/${id}/sessions`, { title, start, end }), `add session ${title}`);
}

/** Adds an agenda item; returns the meeting. */
function addItem(app: FastifyInstance, commission: TestUser, id: string, item: Record<string, unknown>) {
  return ok(callApi(app, commission, 'POST', `/meetings/${id}/items`, item), `add item ${String(item.title)}`);
}

/**
 * The firearms agenda: "Morning" with "Firearms seizures" and "Destruction of surplus weapons"
 * (both linked to the firearms action plan and the SALW roadmap), "Late morning" with "Justice
 * statistics" (clearance rate, justice). Returns the meeting.
 */
async function addFirearmsAgenda(app: FastifyInstance, commission: TestUser, id: string) {
  await addSession(app, commission, id, 'Morning', '2026-12-10T09:00:00+01:00', '2026-12-10T11:00:00+01:00');
  const m = await addSession(app, commission, id, 'Late morning', '2026-12-10T11:15:00+01:00', '2026-12-10T13:00:00+01:00');
  const [first, second] = m.sessions;
  const plans = ['firearms_ap_2020', 'salw_roadmap_2018'];
  for (const title of ['Firearms seizures', 'Destruction of surplus weapons']) {
    await addItem(app, commission, id, {
      sessionId: first.id,
      title,
      lead: 'DG HOME',
      presenters: ['SEESAC'],
      topics: { plans },
      durationMinutes: 45,
    });
  }
  const topics = { indicators: ['justice.clearance_rate'], domains: ['justice'] };
  return addItem(app, commission, id, { sessionId: second.id, title: 'Justice statistics', topics });
}

/** Invites a delegation ({ partner } or { institution }, with its head); returns the meeting. */
function invite(app: FastifyInstance, commission: TestUser, id: string, delegation: Record<string, unknown>) {
  return ok(callApi(app, commission, 'POST', `/meetings/${id}/delegations`, delegation), 'invite delegation');
}

/** The id of the partner's delegation in a meeting. */
function delegationOf(meeting: { delegations: { id: string; partner: string | null }[] }, partner: string): string {
  return meeting.delegations.find((d) => d.partner === partner)!.id;
}

/** The id of the agenda item with the title. */
function itemTitled(meeting: { sessions: { items: { id: string; title: string }[] }[] }, title: string): string {
  return meeting.sessions.flatMap((s) => s.items).find((i) => i.title === title)!.id;
}

describeEachDatabase('meetings', (get) => {
  let app: FastifyInstance;
  let commission: TestUser, al: TestUser, rs: TestUser;
  const call = (user: TestUser | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) =>
    callApi(app, user, method, url, payload);
  const upload = (user: TestUser, id: string, query: string, body: Buffer) =>
    uploadAs(app, user, `/meetings/${id}/documents?${query}`, body);
  const storedFiles = async () =>
    Number(
      (
        await get()
          .db.selectFrom('stored_files')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    await syncPlans(get().db, await shippedPlans(get().db, catalog), SYSTEM_ACTOR);
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false, catalog });
    commission = await makeUser(get().db, 'commission');
    al = await makeUser(get().db, 'coordinator', 'AL');
    rs = await makeUser(get().db, 'coordinator', 'RS');
  });
  afterAll(async () => app.close());

  it('the Commission creates a participants-only meeting with sessions and agenda items, reordered with optimistic concurrency', async () => {
    const body = FIREARMS_MEETING;
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
    const meetingId = created.json().id;
    const m = await addFirearmsAgenda(app, commission, meetingId);
    const [first, second] = m.sessions;
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
    const meetingId = await createMeeting(app, commission);
    expect((await call(null, 'GET', `/meetings/${meetingId}`)).statusCode).toBe(404);
    expect((await call(al, 'GET', `/meetings/${meetingId}`)).statusCode).toBe(404);
    await invite(app, commission, meetingId, {
      partner: 'AL',
      headName: 'Head of the Albanian delegation',
      headFunction: 'Deputy Minister',
    });
    const m = await invite(app, commission, meetingId, { institution: 'SEESAC' });
    expect((await call(commission, 'POST', `/meetings/${meetingId}/delegations`, { partner: 'AL' })).statusCode).toBe(409);
    const alDelegation = delegationOf(m, 'AL');
    const invitations = await get()
      .db.selectFrom('notifications')
      .select(['user_id', 'title'])
      .where('kind', '=', 'meetings.invitation')
      .where('link', '=', `/meetings/${meetingId}`)
      .execute();
    expect(invitations.map((n) => n.user_id)).toEqual([al.user.id]);
    expect((await call(al, 'GET', `/meetings/${meetingId}`)).statusCode).toBe(200);
    expect((await call(rs, 'GET', `/meetings/${meetingId}`)).statusCode).toBe(404);
    const replyUrl = `/meetings/${meetingId}/delegations/${alDelegation}/reply`;
    expect((await call(rs, 'POST', replyUrl, { reply: 'accepted' })).statusCode).toBe(404);
    expect((await call(al, 'POST', replyUrl, { reply: 'represented' })).json().error.message).toMatch(/representedBy: required/);
    const accepted = (await call(al, 'POST', replyUrl, { reply: 'accepted' })).json();
    expect(accepted.delegations.find((d: { id: string }) => d.id === alDelegation)).toMatchObject({
      invitation: 'accepted',
      // Others than the organisers see who replied as an organisation, not a staff address.
      repliedBy: 'Albania',
    });
    const organised = (await call(commission, 'GET', `/meetings/${meetingId}`)).json();
    expect(organised.delegations.find((d: { id: string }) => d.id === alDelegation).repliedBy).toContain(al.user.email);
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
    const meetingId = await createMeeting(app, commission);
    await addFirearmsAgenda(app, commission, meetingId);
    const invited = await invite(app, commission, meetingId, { partner: 'AL' });
    const alDelegation = delegationOf(invited, 'AL');
    await call(al, 'POST', `/meetings/${meetingId}/delegations/${alDelegation}/reply`, { reply: 'accepted' });
    const m = (await call(commission, 'GET', `/meetings/${meetingId}`)).json();
    await call(commission, 'PATCH', `/meetings/${meetingId}`, { version: m.version, visibility: 'public' });
    // Public now, but Serbia's coordinator still does not list members of Albania's delegation.
    expect((await call(rs, 'POST', `/meetings/${meetingId}/delegations/${alDelegation}/members`, { name: 'Intruder' })).statusCode).toBe(
      403,
    );
    const pub = await upload(commission, meetingId, 'name=agenda.pdf&title=Agenda&access=public', PDF);
    expect(pub.statusCode).toBe(201);
    const item = m.sessions[0].items[0].id;
    const restricted = await upload(commission, meetingId, `name=note.pdf&title=Background%20note&access=participants&item=${item}`, PDF);
    const internal = await upload(commission, meetingId, 'name=lines.pdf&title=Lines%20to%20take&access=commission', PDF);
    const files = await storedFiles();
    const exe = await upload(commission, meetingId, 'name=slides.pdf&access=public', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]));
    expect(exe.json().error.message).toMatch(/does not contain what its name says/);
    expect((await upload(commission, meetingId, 'name=x.pdf&access=everyone', PDF)).json().error.message).toMatch(
      /access: "everyone" is not one of public, participants, commission/,
    );
    expect(await storedFiles()).toBe(files);

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
    const meetingId = await createMeeting(app, commission);
    const m = await addFirearmsAgenda(app, commission, meetingId);
    const outcome = await call(commission, 'PUT', `/meetings/${meetingId}/outcome`, {
      version: m.version,
      conclusions: 'Participants agreed to step up the exchange of data on seizures.',
      decisions: [{ text: 'Hold a follow-up expert meeting in spring.', itemId: m.sessions[0].items[0].id }],
    });
    expect(outcome.json()).toMatchObject({
      conclusions: 'Participants agreed to step up the exchange of data on seizures.',
      decisions: [{ text: 'Hold a follow-up expert meeting in spring.' }],
    });
    const followUps = `/meetings/${meetingId}/follow-ups`;
    expect((await call(al, 'POST', followUps, { title: 'x', partners: ['AL'] })).statusCode).toBe(403);
    // Schema findings read as plain words naming the field.
    expect((await call(commission, 'POST', followUps, { title: 'x', partners: [] })).json().error.message).toBe(
      'partners: needs at least 1 item',
    );
    expect((await call(commission, 'POST', followUps, { partners: ['AL'] })).json().error.message).toBe('title: is required');
    expect((await call(commission, 'POST', followUps, { title: 'x', partners: ['AL'], owner: 'me' })).json().error.message).toBe(
      'owner: is not a field of this request',
    );
    const followed = await call(commission, 'POST', followUps, {
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
    // Public, so that another partner's coordinator sees the meeting but not Albania's briefing book.
    const meetingId = await createMeeting(app, commission, { visibility: 'public' });
    const m = await addFirearmsAgenda(app, commission, meetingId);
    await invite(app, commission, meetingId, { partner: 'AL' });
    const destruction = itemTitled(m, 'Destruction of surplus weapons');
    await upload(commission, meetingId, `name=note.pdf&title=Background%20note&access=participants&item=${destruction}`, PDF);
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
    // The background note is attached to its item only.
    expect(
      book.items
        .find((i: { item: { title: string } }) => i.item.title === 'Destruction of surplus weapons')
        .documents.map((d: { title: string }) => d.title),
    ).toEqual(['Background note']);
    expect(seizures.documents).toEqual([]);
    const stats = book.items.find((i: { item: { title: string } }) => i.item.title === 'Justice statistics');
    expect(stats.indicators[0]).toMatchObject({ code: 'justice.clearance_rate', label: 'Clearance rate' });
    // A meeting still to come: the book is as of now, with nothing "since then".
    expect(Date.now() - Date.parse(book.asOf)).toBeLessThan(60_000);
    expect(book).toMatchObject({ past: false, asOfDate: dayIn(book.asOf, 'Europe/Brussels') });
    expect(stats.indicators[0].sinceThen).toBe(null);
    const html = (await call(al, 'GET', `/meetings/${meetingId}/briefing.html?partner=AL`)).body;
    expect(html).toContain('Briefing book: Albania');
    expect(html).toContain('Senior officials on firearms &lt;b&gt;2026&lt;/b&gt;');
    expect(html).toContain(`Figures as published by ${longDate(book.asOf, 'Europe/Brussels')}`);
    expect(html).not.toContain('Since then');
    const pdf = await call(al, 'GET', `/meetings/${meetingId}/briefing.pdf?partner=AL`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const read = await readPdf(pdf.rawPayload);
    expect(read.text).toContain('Briefing book: Albania');
    expect(read.text).toContain('Senior officials on firearms <b>2026</b>');
    expect(read.tagged).toBe(true);
  });

  it('a briefing book of a meeting that has begun takes the commitments as reported by its start', async () => {
    const suite = { app, db: get().db };
    // Albania reports on its own copy of the counter-terrorism plan (deadlines 31 December 2020):
    // 1.0 completed, 2.0 delayed, 3.0 to 5.0 in progress.
    const { plan, roundId } = await openRound(suite, commission);
    await fillReport(suite, al, roundId);
    await sleep(5);
    // The meeting began a moment ago (it is on now).
    const start = new Date();
    const meetingId = await createMeeting(app, commission, {
      title: 'Counter-terrorism follow-up',
      start: start.toISOString(),
      end: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
      timeZone: 'UTC',
    });
    const m = await addSession(
      app,
      commission,
      meetingId,
      'Session',
      start.toISOString(),
      new Date(start.getTime() + 3_600_000).toISOString(),
    );
    await addItem(app, commission, meetingId, { sessionId: m.sessions[0].id, title: 'Counter-terrorism', topics: { plans: [plan] } });
    await invite(app, commission, meetingId, { partner: 'AL' });
    await sleep(5);
    // After the start, Albania reports 2.0 completed too and submits.
    const report = await reportOf(suite, al, roundId);
    const second = report.entries[1]!.commitment;
    await ok(
      call(al, 'PUT', `/rounds/${roundId}/reports/AL/entries`, {
        version: report.version,
        entries: [{ commitment: second, status: 'completed' }],
      }),
      'save 2.0',
    );
    await ok(call(al, 'POST', `/rounds/${roundId}/reports/AL/submit`, { version: report.version + 1 }), 'submit');

    const book = await ok(call(al, 'GET', `/meetings/${meetingId}/briefing?partner=AL`), 'briefing book');
    expect(book).toMatchObject({ asOf: start.toISOString(), asOfDate: start.toISOString().slice(0, 10), past: true });
    const rows = (list: { action: string; status: string | null; overdue: boolean }[]) => list.map((c) => [c.action, c.status, c.overdue]);
    // By the start, 1.0 was done; 2.0 was not (its completion came later), so it was overdue then.
    expect(rows(book.items[0].commitments)).toEqual([
      ['1.0', 'completed', false],
      ['2.0', null, true],
      ['3.0', 'in_progress', true],
      ['4.0', 'in_progress', true],
      ['5.0', 'in_progress', true],
    ]);
    // Today both are done.
    const today = (await ok(call(al, 'GET', '/partners/AL/commitments'), 'commitments')).commitments.filter(
      (c: { plan: string }) => c.plan === plan,
    );
    expect(
      rows(today.map((c: { action: string; latest: { status: string | null }; overdue: boolean }) => ({ ...c, status: c.latest.status }))),
    ).toEqual([
      ['1.0', 'completed', false],
      ['2.0', 'completed', false],
      ['3.0', 'in_progress', true],
      ['4.0', 'in_progress', true],
      ['5.0', 'in_progress', true],
    ]);
  });

  it('tells invited partners of a new time and of a cancellation', async () => {
    const meetingId = await createMeeting(app, commission);
    let m = await invite(app, commission, meetingId, { partner: 'AL' });
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
});
