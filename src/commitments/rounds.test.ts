// Publishing a reporting round before its due date: partners may still report until then, so the
// Commission must ask for an early publication explicitly; once the due date has passed it need not.
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { audits, commitmentsSuite, fillReport, openRound, people, ROUND, submitAndAssess } from '../testing/commitments.js';

/** A date `days` from today (UTC), as the server compares due dates. */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describeEachDatabase('publishing a reporting round', (get) => {
  const { s, call } = commitmentsSuite(get);

  /** A round due on `dueDate` in which AL reported and was assessed; its version as the Commission reads it. */
  async function assessedRound(dueDate: string) {
    const users = await people(s);
    const { roundId } = await openRound(s, users.commission, 'jap_ct_2018', { ...ROUND, dueDate });
    await fillReport(s, users.al, roundId);
    await submitAndAssess(s, users.al, users.reviewer, roundId);
    const { version } = (await call(users.commission, 'GET', `/rounds/${roundId}`)).json();
    return { ...users, roundId, version: version as number };
  }

  it('before the due date, publishing is refused unless the early publication is asked for explicitly', async () => {
    const due = inDays(19);
    const { commission, al, roundId, version } = await assessedRound(due);

    for (const body of [{ version }, { version, early: false }]) {
      const refused = await call(commission, 'POST', `/rounds/${roundId}/publish`, body);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toBe(
        `The round "${ROUND.title}" is due on ${due}: partners may still report until then. To publish it before the due date, confirm the early publication.`,
      );
    }
    expect((await call(commission, 'GET', `/rounds/${roundId}`)).json().status).toBe('open');
    expect(await audits(s, 'progress.round.publish', [roundId])).toHaveLength(0);
    // The flag does not let anyone but the Commission publish.
    expect((await call(al, 'POST', `/rounds/${roundId}/publish`, { version, early: true })).statusCode).toBe(403);

    const published = await call(commission, 'POST', `/rounds/${roundId}/publish`, { version, early: true });
    expect(published.statusCode).toBe(200);
    expect(published.json().status).toBe('published');
    const [entry] = await audits(s, 'progress.round.publish', [roundId]);
    expect(JSON.parse(entry!.after_json!)).toMatchObject({
      status: 'published',
      early: true,
      dueDate: due,
      notReported: ['BA', 'ME', 'MK', 'RS', 'XK'],
    });
  });

  it('on the due date itself publishing is still early', async () => {
    const due = inDays(0);
    const { commission, roundId, version } = await assessedRound(due);
    const refused = await call(commission, 'POST', `/rounds/${roundId}/publish`, { version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain(`is due on ${due}`);
  });

  it('after the due date no flag is needed', async () => {
    const { commission, roundId, version } = await assessedRound(inDays(-1));
    const published = await call(commission, 'POST', `/rounds/${roundId}/publish`, { version });
    expect(published.statusCode).toBe(200);
    expect(published.json().status).toBe('published');
    const [entry] = await audits(s, 'progress.round.publish', [roundId]);
    expect(JSON.parse(entry!.after_json!).early).toBeUndefined();
  });
});
