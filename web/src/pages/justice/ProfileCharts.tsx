// The partner profile's charts: the key indicators relative to the regional median (median = 100;
// green where the partner does better, orange where worse, grey where neither is better; only
// indicators with a median), and one indicator over the years against the region's value and the
// median (every year of the range; the lines break where a year has no value, and the region's
// where too few partners reported, which the note below the chart names).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { alongSpan, periodSpan } from '../../platform/periods';
import { Muted } from '../../platform/text';
import { hasRegionValue, regionMedian, type RegionEntry } from '../statistics/coverage';
import { useCoverageTexts } from '../statistics/Coverage';
import { axisTooltip, barCategoryAxis, EChart, referenceMarkLine, useCompactChart, type ChartOption } from '../statistics/EChart';
import { hatching, pointItem, UnpublishedNote, useFigureSuffix } from '../statistics/FigureMarks';
import { isUnpublished } from '../statistics/figures';
import type { IndicatorAnswer, IndicatorValue } from '../statistics/IndicatorTable';

const BETTER = '#2b8a3e';
const WORSE = '#e8590c';
const NEUTRAL = '#868e96';
const PARTNER_COLOR = '#4466cb';
const REGION_COLOR = '#1c3f95';
const MEDIAN_COLOR = '#e8590c';

export interface ProfileRow {
  code: string;
  label: string;
  unit: string;
  decimals: number;
  polarity: string;
  value: number | null;
  /** The regional median, null when too few partners reported. */
  median: number | null;
  /** The region's entry of the year: its value and the partners it stands on. */
  entry: RegionEntry | undefined;
  /** The partner's value as the API gives it: its status, release, revision, partial org units. */
  figure?: IndicatorValue;
}

/** 'better' or 'worse' than the median by the indicator's polarity, null when neither applies. */
export function comparison(row: ProfileRow): 'better' | 'worse' | 'equal' | null {
  if (row.value === null || row.median === null || row.polarity === 'neutral') return null;
  if (row.value === row.median) return 'equal';
  const higher = row.value > row.median;
  return higher === (row.polarity === 'higher_is_better') ? 'better' : 'worse';
}

export function RelativeChart({ rows, partnerName, year }: { rows: ProfileRow[]; partnerName: string; year: string }) {
  const { t } = useTranslation();
  // On a phone the labels wrap in a narrower column, leaving room for the bars.
  const compact = useCompactChart();
  const suffix = useFigureSuffix();
  const shown = useMemo(() => rows.filter((r) => r.value !== null && r.median !== null && r.median !== 0), [rows]);
  const option = useMemo<ChartOption>(() => {
    return {
      animationDuration: 300,
      tooltip: axisTooltip((v) => (v == null ? '—' : String(v)), true),
      grid: { left: 8, right: 24, top: 32, bottom: 24, containLabel: true },
      xAxis: { type: 'value', name: t('justice.medianIs100'), nameLocation: 'middle', nameGap: 28, min: 0, splitNumber: compact ? 3 : 5 },
      yAxis: barCategoryAxis(
        shown.map((r) => r.label),
        compact,
        { compact: 110, wide: 200 },
      ),
      series: [
        {
          type: 'bar',
          name: partnerName,
          barMaxWidth: 24,
          tooltip: { valueFormatter: (v: unknown, i: number) => (v == null ? '—' : `${String(v)}${suffix(shown[i]?.figure)}`) },
          data: shown.map((r) => {
            const c = comparison(r);
            const unpublished = isUnpublished(r.figure?.status);
            return {
              value: Math.round((r.value! / r.median!) * 1000) / 10,
              itemStyle: {
                color: c === 'better' ? BETTER : c === 'worse' ? WORSE : NEUTRAL,
                ...(unpublished ? { decal: hatching() } : {}),
              },
            };
          }),
          markLine: referenceMarkLine(100, t('indicators.median'), MEDIAN_COLOR),
        },
      ],
    };
  }, [shown, partnerName, compact, suffix, t]);
  return (
    <>
      <EChart option={option} label={t('justice.relativeChartLabel', { partner: partnerName, year })} height={compact ? 360 : 300} />
      <UnpublishedNote shown={shown.some((r) => isUnpublished(r.figure?.status))} kind="hatched" />
    </>
  );
}

/** A line of the trend chart in its colour, broken where a year has no value (null). */
function line(name: string, data: unknown[], color: string, style: { width?: number; type?: string }, symbolSize = 5) {
  return {
    type: 'line',
    name,
    data,
    connectNulls: false,
    symbolSize,
    showAllSymbol: true,
    lineStyle: { ...style, color },
    itemStyle: { color },
  };
}

export function TrendChart({ answer, partner, partnerName }: { answer: IndicatorAnswer; partner: string; partnerName: string }) {
  const { t } = useTranslation();
  const coverage = useCoverageTexts();
  const { indicator } = answer;
  const own = useMemo(() => answer.values.filter((v) => v.partner === partner && v.orgUnit === null), [answer, partner]);
  // Every year from the partner's first to its last, those without figures too.
  const periods = useMemo(() => periodSpan(own.map((v) => v.period)), [own]);
  // The years the partner has a value for but the region has none.
  const uncovered = useMemo(
    () =>
      periods.flatMap((p) => {
        const entry = answer.region.find((r) => r.period === p);
        const value = own.find((v) => v.period === p)?.value ?? null;
        return value !== null && !hasRegionValue(entry) ? [{ period: p, members: entry?.members ?? 0 }] : [];
      }),
    [answer, own, periods],
  );
  const suffix = useFigureSuffix();
  const unpublished = own.some((v) => v.value !== null && isUnpublished(v.status));
  const option = useMemo<ChartOption>(() => {
    const unit = indicator.unit ? ` ${indicator.unit}` : '';
    const regionAlong = (figure: (e: RegionEntry) => number | null) =>
      alongSpan(
        periods,
        answer.region.map((e) => ({ period: e.period, value: figure(e) })),
      );
    // Each year's facts, for the marks of the points and the tooltips ('82.4 % (draft)').
    const ownAt = periods.map((p) => own.find((v) => v.period === p));
    const regionAt = periods.map((p) => answer.region.find((e) => e.period === p));
    const marked = (at: ({ status?: IndicatorValue['status'] | null } | undefined)[]) => ({
      valueFormatter: (v: unknown, i: number) =>
        v == null ? '—' : `${String(v)}${unit}${suffix(at[i] ? { status: at[i]!.status ?? null } : null)}`,
    });
    const partnerLine = line(
      partnerName,
      alongSpan(periods, own).map((v, i) => pointItem(v, ownAt[i])),
      PARTNER_COLOR,
      { width: 3 },
      7,
    );
    return {
      animationDuration: 300,
      tooltip: axisTooltip((v) => (v == null ? '—' : `${String(v)}${unit}`)),
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: periods, boundaryGap: false },
      yAxis: { type: 'value', name: indicator.unit || undefined, scale: true },
      series: [
        {
          ...partnerLine,
          tooltip: {
            valueFormatter: (v: unknown, i: number) => (v == null ? '—' : `${String(v)}${unit}${suffix(ownAt[i])}`),
          },
        },
        {
          ...line(
            t('indicators.region'),
            regionAlong((e) => (hasRegionValue(e) ? e.value : null)),
            REGION_COLOR,
            { type: 'dashed' },
          ),
          tooltip: marked(regionAt),
        },
        { ...line(t('indicators.median'), regionAlong(regionMedian), MEDIAN_COLOR, { type: 'dotted' }), tooltip: marked(regionAt) },
      ],
    };
  }, [answer, own, periods, partnerName, indicator, suffix, t]);
  return (
    <>
      <EChart option={option} label={t('justice.trendChartLabel', { indicator: indicator.label, partner: partnerName })} height={300} />
      <UnpublishedNote shown={unpublished} kind="triangles" />
      {uncovered.map((u) => (
        <Muted key={u.period}>{t('justice.trendNoRegion', { period: u.period, reason: coverage.missing(u.members) })}</Muted>
      ))}
    </>
  );
}
