// Recommendations and follow-up actions added and edited by the Commission. The test works on its
// own copy of a rule-of-law plan (./testing.ts).
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { SYSTEM_ACTOR } from '../platform/audit/actor.js';
import { shippedPlans, syncPlans } from './plans.service.js';
import { audits, catalog, commitmentsSuite, people, planCopy } from '../testing/commitments.js';

describeEachDatabase('plan editing', (get) => {
  const { s, call } = commitmentsSuite(get);

  it('the Commission fills rule-of-law recommendations; they survive reloading the plan files', async () => {
    const { commission, al } = await people(s);
    // A copy of Albania's (empty) recommendations: the actions below are its only ones.
    const rol = await planCopy(s, 'rol_recommendations_al');
    const body = {
      objective: 'justice',
      title: 'Improve the efficiency of first-instance courts',
      partners: ['AL'],
      deadline: '2026-12-31',
      indicators: ['justice.disposition_time'],
    };
    expect((await call(al, 'POST', `/plans/${rol.code}/actions`, body)).statusCode).toBe(403);
    expect((await call(commission, 'POST', '/plans/jap_ct_2018/actions', body)).statusCode).toBe(403);
    const bad = await call(commission, 'POST', `/plans/${rol.code}/actions`, { ...body, indicators: ['justice.speed'] });
    expect(bad.json().error.message).toMatch(/"justice.speed" is not an indicator/);
    const added = await call(commission, 'POST', `/plans/${rol.code}/actions`, body);
    expect(added.json()).toEqual({ code: 'justice.R1' });
    expect((await call(commission, 'POST', `/plans/${rol.code}/actions`, { ...body, title: 'Second' })).json()).toEqual({
      code: 'justice.R2',
    });
    expect(
      (
        await call(commission, 'PATCH', `/plans/${rol.code}/actions/justice.R2`, {
          title: 'Complete the vetting of judges and prosecutors',
        })
      ).statusCode,
    ).toBe(204);
    const plan = (await call(null, 'GET', `/plans/${rol.code}`)).json();
    expect(
      plan.objectives[0].actions.map((a: { code: string; title: string; partners: string[] }) => [a.code, a.title, a.partners]),
    ).toEqual([
      ['justice.R1', 'Improve the efficiency of first-instance courts', ['AL']],
      ['justice.R2', 'Complete the vetting of judges and prosecutors', ['AL']],
    ]);
    expect((await syncPlans(get().db, [...(await shippedPlans(get().db, catalog)), rol], SYSTEM_ACTOR)).changed).toEqual([]);
    expect((await call(null, 'GET', `/plans/${rol.code}`)).json().objectives[0].actions).toHaveLength(2);
    const detail = (await call(null, 'GET', `/plans/${rol.code}/actions/justice.R1`)).json();
    expect(detail.indicators[0]).toMatchObject({ code: 'justice.disposition_time', partners: [{ partner: 'AL' }] });
    expect(await audits(s, 'plan.action.add', [rol.code])).toHaveLength(2);
    expect(await audits(s, 'plan.action.update', [rol.code])).toHaveLength(1);
  });
});
