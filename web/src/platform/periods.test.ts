import { describe, expect, it } from 'vitest';
import { alongSpan, periodSpan } from './periods.js';

describe('the span of periods a series is drawn along', () => {
  it('fills the years, quarters and months missing between the first and the last', () => {
    expect(periodSpan(['2022', '2020', '2025'])).toEqual(['2020', '2021', '2022', '2023', '2024', '2025']);
    expect(periodSpan(['2020-Q3', '2021-Q2'])).toEqual(['2020-Q3', '2020-Q4', '2021-Q1', '2021-Q2']);
    expect(periodSpan(['2021Q2', '2020Q4'])).toEqual(['2020Q4', '2021Q1', '2021Q2']);
    expect(periodSpan(['2020-11', '2021-02', '2020-11'])).toEqual(['2020-11', '2020-12', '2021-01', '2021-02']);
    expect(periodSpan(['2022S1', '2020S2'])).toEqual(['2020S2', '2021S1', '2021S2', '2022S1']);
  });

  it('counts ISO weeks, 53 in some years', () => {
    expect(periodSpan(['2020W52', '2021W02'])).toEqual(['2020W52', '2020W53', '2021W01', '2021W02']);
    expect(periodSpan(['2021W52', '2022W01'])).toEqual(['2021W52', '2022W01']);
  });

  it('keeps a single period, and gives nothing for nothing', () => {
    expect(periodSpan(['2023'])).toEqual(['2023']);
    expect(periodSpan([])).toEqual([]);
  });

  it('fills nothing in when the periods are of different types or not periods at all', () => {
    expect(periodSpan(['2021', '2020-05'])).toEqual(['2020-05', '2021']);
    expect(periodSpan(['later', '2020'])).toEqual(['2020', 'later']);
    expect(periodSpan(['2020-13', '2021-01'])).toEqual(['2020-13', '2021-01']);
  });

  it('gives a very long span as it is', () => {
    expect(periodSpan(['1900-01', '2200-01'])).toEqual(['1900-01', '2200-01']);
  });

  it('puts null where a period of the span has no value', () => {
    const span = periodSpan(['2020', '2022', '2025']);
    const points = [
      { period: '2020', value: 1 },
      { period: '2022', value: 2 },
      { period: '2023', value: null },
      { period: '2025', value: 3 },
    ];
    expect(alongSpan(span, points)).toEqual([1, null, 2, null, null, 3]);
  });
});
