import { describe, expect, it } from 'vitest';
import type { Partner } from '../../platform/api';
import type { Catalog, Dataset } from '../statistics/model';
import { answerGrid, answerItems, answerPeriods, hasAnswers, hasPublished, partnersOf, type ExportedValue } from './answers';

const ANSWERS = {
  code: 'self_assessment',
  codes: [
    { code: 'yes', label: 'Yes' },
    { code: 'partly', label: 'Partly' },
    { code: 'no', label: 'No' },
  ],
};
const variable = (code: string, coded: boolean) => ({
  code,
  label: `Label of ${code}`,
  type: coded ? ('code' as const) : ('integer' as const),
  unit: '',
  kind: 'stock',
  dimensions: [],
  domain: 'remote_hearings',
  codeList: coded ? ANSWERS : null,
});
const catalog = {
  dimensions: [],
  variables: [variable('rh.legal_basis', true), variable('rh.held', false), variable('rh.interpretation', true)],
  datasets: [],
  indicators: [],
} as Catalog;
const dataset = { code: 'justice.remote_hearings', variables: ['rh.interpretation', 'rh.held', 'rh.legal_basis'] } as Dataset;

const value = (
  partner: string,
  period: string,
  variable: string,
  v: string | number,
  extra: Partial<ExportedValue> = {},
): ExportedValue => ({
  partner,
  org_unit: null,
  period,
  variable,
  coords: {},
  value: v,
  comment: null,
  ...extra,
});

describe('the items of a comparison grid', () => {
  it('are the coded variables of the dataset, in the dataset’s order', () => {
    expect(answerItems(catalog, dataset).map((i) => i.variable.code)).toEqual(['rh.interpretation', 'rh.legal_basis']);
    expect(hasAnswers(catalog, dataset)).toBe(true);
    expect(hasAnswers(catalog, { ...dataset, variables: ['rh.held'] })).toBe(false);
  });
});

describe('the partners of a comparison grid', () => {
  const partners: Partner[] = [
    { code: 'EU', name: 'European Union', group: 'EU' },
    { code: 'AL', name: 'Albania', group: 'WB6' },
    { code: 'BA', name: 'Bosnia and Herzegovina', group: 'WB6' },
    { code: 'DE', name: 'Germany', group: 'EU27' },
  ];
  it('are those the dataset collects from, by code or group; the six Western Balkan partners by default', () => {
    expect(partnersOf(dataset, partners).map((p) => p.code)).toEqual(['AL', 'BA']);
    expect(partnersOf({ ...dataset, partners: ['WB6', 'DE'] }, partners).map((p) => p.code)).toEqual(['AL', 'BA', 'DE']);
  });
});

describe('the answers of a period', () => {
  const items = answerItems(catalog, dataset);
  const values = [
    value('AL', '2021', 'rh.legal_basis', 'partly', {
      comment: 'Civil cases only',
      evidence: ['https://example.org/law'],
      status: 'published',
    }),
    value('AL', '2021', 'rh.interpretation', 'NA', { status: 'published' }),
    value('BA', '2021', 'rh.legal_basis', 'yes', { status: 'draft' }),
    value('BA', '2020', 'rh.legal_basis', 'no'),
    // Neither a figure, an org unit's answer nor a breakdown is an item's answer.
    value('ME', '2022', 'rh.held', 120),
    value('ME', '2022', 'rh.legal_basis', 'yes', { org_unit: 'ME-CRT-1' }),
    value('ME', '2022', 'rh.legal_basis', 'yes', { coords: { court: 'x' } }),
  ];

  it('lists the periods with answers, newest first', () => {
    expect(answerPeriods(values, items)).toEqual(['2021', '2020']);
  });

  it('gives each partner’s answer with its label, comment, evidence and status (published when the export gives none)', () => {
    const grid = answerGrid(values, items, '2021');
    expect(grid.get('rh.legal_basis')?.get('AL')).toEqual({
      code: 'partly',
      label: 'Partly',
      comment: 'Civil cases only',
      evidence: ['https://example.org/law'],
      status: 'published',
    });
    expect(grid.get('rh.interpretation')?.get('AL')).toMatchObject({ code: 'NA', label: 'NA' });
    expect(grid.get('rh.legal_basis')?.get('BA')).toMatchObject({ label: 'Yes', evidence: [], status: 'draft' });
    expect(answerGrid(values, items, '2020').get('rh.legal_basis')?.get('BA')).toMatchObject({ label: 'No', status: 'published' });
    expect([hasPublished(grid, 'AL'), hasPublished(grid, 'BA'), hasPublished(grid, 'ME')]).toEqual([true, false, false]);
  });
});
