import { describe, expect, it } from 'vitest';
import { writeCsv } from './formats.js';

describe('value files written', () => {
  it('neutralises a comment a spreadsheet would run as a formula, and keeps negative numbers numbers', () => {
    const csv = writeCsv(
      [
        {
          dataset: 'justice.annual',
          partner: 'AL',
          orgUnit: '',
          period: '2024',
          variable: 'cases.incoming',
          coords: {},
          value: -5,
          comment: "=cmd|' /C calc'!A0",
          obsStatus: 'E',
          status: 'draft',
        },
      ],
      [],
    );
    expect(csv.trim().split('\n')).toEqual([
      'dataset,partner,org_unit,period,variable,value,comment,obs_status,status',
      `justice.annual,AL,,2024,cases.incoming,-5,'=cmd|' /C calc'!A0,E,draft`,
    ]);
  });
});
