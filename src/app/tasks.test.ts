// The home page's tasks and the workflow's notifications: a submission goes to the reviewers of its
// domain (as a task and in the bell), the approval and the publication to the partner's
// coordinators; the Commission is asked to publish what is approved; a coordinator is asked for
// the periods it has not reported.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sortTasks, type Task } from '../platform/tasks.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { bearer, callApi, makeUser, type TestUser } from '../testing/factories.js';
import { KPI_ROUND, openRound } from '../testing/commitments.js';
import { saveDraft, step, submittedSubmission, type WorkflowUsers, workflowUsers } from '../testing/submissions.js';
import { statisticsTasks } from '../statistics/tasks.service.js';
import { buildApp } from './app.js';

describeEachDatabase('tasks and workflow notifications', (get) => {
  let app: FastifyInstance;
  let users: WorkflowUsers;
  let migrationReviewer: TestUser;
  const ref = { dataset: 'justice.annual', partner: 'AL', period: '2019' };
  const link = '/statistics/justice.annual/AL/2019';
  const tasksOf = async (who: TestUser): Promise<Task[]> =>
    (await app.inject({ method: 'GET', url: '/api/v1/me/tasks', headers: bearer(who) })).json().tasks;
  const bell = async (who: TestUser) => {
    const answer = (await app.inject({ method: 'GET', url: '/api/v1/notifications', headers: bearer(who) })).json();
    return { unread: answer.unread, titles: answer.notifications.map((n: { title: string; link: string }) => [n.title, n.link]) };
  };

  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
    users = await workflowUsers(get().db);
    migrationReviewer = await makeUser(get().db, 'reviewer');
    await get().db.updateTable('users').set({ domains_json: '["migration"]' }).where('id', '=', migrationReviewer.user.id).execute();
  });
  afterAll(async () => app.close());

  it('puts a submission before the reviewers of its domain, the approval and publication before the coordinator', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/me/tasks' })).statusCode).toBe(401);
    const submitted = await submittedSubmission(app, users, ref, [{ variable: 'cases.incoming', value: 100 }]);
    expect((await tasksOf(users.reviewer)).filter((t) => t.link === link)).toEqual([
      {
        kind: 'submission.review',
        area: 'statistics',
        title: 'Review CEPEJ annual evaluation, AL 2019',
        detail: 'Submitted: approve it or return it with a comment.',
        link,
        dueDate: null,
        overdue: false,
      },
    ]);
    expect(await bell(users.reviewer)).toEqual({ unread: 1, titles: [['To review: CEPEJ annual evaluation, AL 2019', link]] });
    // Another partner's coordinator is asked nothing about Albania's data, nor told of it.
    const serbia = await makeUser(get().db, 'coordinator', 'RS');
    expect((await tasksOf(serbia)).filter((t) => t.link.includes('/AL/'))).toEqual([]);
    expect(await bell(serbia)).toEqual({ unread: 0, titles: [] });
    // A reviewer of migration only is neither asked nor told.
    expect((await tasksOf(migrationReviewer)).filter((t) => t.link === link)).toEqual([]);
    expect(await bell(migrationReviewer)).toEqual({ unread: 0, titles: [] });

    const approved = await step(app, users.reviewer, ref, 'approve', submitted);
    expect((await tasksOf(users.reviewer)).filter((t) => t.link === link)).toEqual([]);
    expect((await bell(users.coordinator)).titles).toEqual([['Approved: CEPEJ annual evaluation, AL 2019', link]]);
    expect((await tasksOf(users.commission)).filter((t) => t.link === link).map((t) => [t.kind, t.title])).toEqual([
      ['submission.publish', 'Publish CEPEJ annual evaluation, AL 2019'],
    ]);

    await step(app, users.commission, ref, 'publish', approved);
    expect((await tasksOf(users.commission)).filter((t) => t.link === link)).toEqual([]);
    expect(await bell(users.coordinator)).toEqual({
      unread: 2,
      titles: [
        ['Published: CEPEJ annual evaluation, AL 2019', link],
        ['Approved: CEPEJ annual evaluation, AL 2019', link],
      ],
    });
  });

  it('asks a coordinator for the periods not reported, overdue first, and for its drafts', async () => {
    const montenegro = await makeUser(get().db, 'coordinator', 'ME');
    await saveDraft(app, montenegro, { dataset: 'justice.annual', partner: 'ME', period: '2016' }, [
      { variable: 'cases.incoming', value: 5 },
    ]);
    const now = new Date('2024-05-15T12:00:00Z');
    const tasks = sortTasks(
      await statisticsTasks(get().db, app.catalog, { kind: 'user', role: 'coordinator', partner: 'ME', id: 'x', label: 'x' }, now),
    );
    const annual = tasks.filter((t) => t.link.startsWith('/statistics/justice.annual/'));
    // The oldest due first. 2023 was due 120 days after its end (29 April 2024, a leap year); 2022 more than a year before now.
    expect(annual).toEqual([
      {
        kind: 'submission.submit',
        area: 'statistics',
        title: 'Complete and submit CEPEJ annual evaluation, 2016',
        detail: 'A draft, not yet submitted.',
        link: '/statistics/justice.annual/ME/2016',
        dueDate: '2017-04-30',
        overdue: true,
      },
      {
        kind: 'submission.report',
        area: 'statistics',
        title: 'Report CEPEJ annual evaluation, 2023',
        detail: 'Nothing entered yet.',
        link: '/statistics/justice.annual/ME/2023',
        dueDate: '2024-04-29',
        overdue: true,
      },
    ]);
    expect(tasks.every((t, i) => i === 0 || !t.overdue || tasks[i - 1]!.overdue)).toBe(true);
  });
});

describeEachDatabase('tasks of the other capabilities', (get) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
  });
  afterAll(async () => app.close());
  const tasksOf = async (who: TestUser): Promise<Task[]> =>
    (await app.inject({ method: 'GET', url: '/api/v1/me/tasks', headers: bearer(who) })).json().tasks;

  it('asks for a progress report past due and for the round’s publication, and for an answer to an invitation', async () => {
    const commission = await makeUser(get().db, 'commission');
    const al = await makeUser(get().db, 'coordinator', 'AL');
    const { roundId } = await openRound({ app, db: get().db }, commission, 'firearms_ap_2020', KPI_ROUND);
    const ofRound = (tasks: Task[]) =>
      tasks.filter((t) => t.area === 'commitments').map((t) => [t.kind, t.title, t.link, t.dueDate, t.overdue]);
    expect(ofRound(await tasksOf(al))).toEqual([
      ['round.report', 'Report progress: KPI 2025', `/commitments/rounds/${roundId}/reports/AL`, '2026-01-31', true],
    ]);
    // Serbia's coordinator is not asked for Albania's report (only for its own, when Serbia is committed).
    const rs = await makeUser(get().db, 'coordinator', 'RS');
    expect(ofRound(await tasksOf(rs)).filter(([, , link]) => String(link).endsWith('/AL'))).toEqual([]);
    expect(ofRound(await tasksOf(commission))).toEqual([
      ['round.publish', 'Publish the round: KPI 2025', `/commitments/rounds/${roundId}`, '2026-01-31', true],
    ]);

    const meeting = await callApi(app, commission, 'POST', '/meetings', {
      title: 'Senior officials on drugs',
      kind: 'senior_officials',
      format: 'videoconference',
      start: '2027-03-10T09:00:00+01:00',
      end: '2027-03-10T12:00:00+01:00',
      timeZone: 'Europe/Brussels',
      visibility: 'participants',
    });
    expect(meeting.statusCode).toBe(201);
    const id = meeting.json().id;
    expect((await callApi(app, commission, 'POST', `/meetings/${id}/delegations`, { partner: 'AL' })).statusCode).toBe(201);
    expect((await tasksOf(rs)).filter((t) => t.area === 'meetings')).toEqual([]);
    expect((await tasksOf(al)).filter((t) => t.area === 'meetings')).toEqual([
      {
        kind: 'meeting.reply',
        area: 'meetings',
        title: 'Answer the invitation: Senior officials on drugs',
        detail: 'Accept, decline or say who represents you.',
        link: `/meetings/${id}`,
        dueDate: '2027-03-10',
        overdue: false,
      },
    ]);
  });
});

describe('the order of tasks', () => {
  it('is overdue first, then by due date with the undated last, then by title', () => {
    const t = (title: string, dueDate: string | null, overdue: boolean): Task => ({
      kind: 'k',
      area: 'a',
      title,
      detail: '',
      link: '/',
      dueDate,
      overdue,
    });
    expect(
      sortTasks([t('c', null, false), t('b', '2024-06-01', false), t('a', '2024-05-01', true), t('d', '2024-06-01', false)]).map(
        (x) => x.title,
      ),
    ).toEqual(['a', 'b', 'd', 'c']);
  });
});
