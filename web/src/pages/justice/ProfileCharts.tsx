// The partner profile's charts: the key indicators relative to the regional median (median = 100;
// green where the partner does better, orange where worse, grey where neither is better), and one
// indicator over the years against the region's value and the median.
import { useMediaQuery } from '@mantine/hooks';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type ChartOption } from '../statistics/EChart';
import type { IndicatorAnswer } from '../statistics/IndicatorTable';

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
  median: number | null;
  region: number | null;
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
  const compact = useMediaQuery('(max-width: 36em)') ?? false;
  const option = useMemo<ChartOption>(() => {
    const shown = rows.filter((r) => r.value !== null && r.median !== null && r.median !== 0);
    return {
      animationDuration: 300,
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        renderMode: 'richText',
        valueFormatter: (v: unknown) => (v == null ? '—' : String(v)),
      },
      grid: { left: 8, right: 24, top: 32, bottom: 24, containLabel: true },
      xAxis: { type: 'value', name: t('justice.medianIs100'), nameLocation: 'middle', nameGap: 28, min: 0, splitNumber: compact ? 3 : 5 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: shown.map((r) => r.label),
        axisLabel: compact ? { width: 110, overflow: 'break', fontSize: 11, lineHeight: 14 } : { width: 200, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: partnerName,
          barMaxWidth: 24,
          data: shown.map((r) => {
            const c = comparison(r);
            return {
              value: Math.round((r.value! / r.median!) * 1000) / 10,
              itemStyle: { color: c === 'better' ? BETTER : c === 'worse' ? WORSE : NEUTRAL },
            };
          }),
          markLine: {
            symbol: 'none',
            silent: true,
            data: [
              {
                xAxis: 100,
                lineStyle: { color: MEDIAN_COLOR, type: 'dashed' },
                label: { formatter: t('indicators.median'), color: MEDIAN_COLOR, position: 'start' },
              },
            ],
          },
        },
      ],
    };
  }, [rows, partnerName, compact, t]);
  return <EChart option={option} label={t('justice.relativeChartLabel', { partner: partnerName, year })} height={compact ? 360 : 300} />;
}

export function TrendChart({ answer, partner, partnerName }: { answer: IndicatorAnswer; partner: string; partnerName: string }) {
  const { t } = useTranslation();
  const { indicator } = answer;
  const option = useMemo<ChartOption>(() => {
    const periods = [...new Set(answer.values.filter((v) => v.partner === partner && v.orgUnit === null).map((v) => v.period))];
    const own = (p: string) => answer.values.find((v) => v.partner === partner && v.period === p && v.orgUnit === null)?.value ?? '-';
    const region = (p: string) => answer.region.find((r) => r.period === p);
    const unit = indicator.unit ? ` ${indicator.unit}` : '';
    return {
      animationDuration: 300,
      tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: (v: unknown) => (v == null ? '—' : `${String(v)}${unit}`) },
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: periods, boundaryGap: false },
      yAxis: { type: 'value', name: indicator.unit || undefined, scale: true },
      series: [
        {
          type: 'line',
          name: partnerName,
          data: periods.map(own),
          symbolSize: 7,
          lineStyle: { width: 3, color: PARTNER_COLOR },
          itemStyle: { color: PARTNER_COLOR },
        },
        {
          type: 'line',
          name: t('indicators.region'),
          data: periods.map((p) => region(p)?.value ?? '-'),
          symbolSize: 5,
          lineStyle: { type: 'dashed', color: REGION_COLOR },
          itemStyle: { color: REGION_COLOR },
        },
        {
          type: 'line',
          name: t('indicators.median'),
          data: periods.map((p) => region(p)?.median ?? '-'),
          symbolSize: 5,
          lineStyle: { type: 'dotted', color: MEDIAN_COLOR },
          itemStyle: { color: MEDIAN_COLOR },
        },
      ],
    };
  }, [answer, partner, partnerName, indicator, t]);
  return <EChart option={option} label={t('justice.trendChartLabel', { indicator: indicator.label, partner: partnerName })} height={300} />;
}
