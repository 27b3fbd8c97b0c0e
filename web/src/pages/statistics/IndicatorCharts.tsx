// The indicator explorer's charts: partners compared for one period (bars, with the regional
// median and the region's value as horizontal lines), and each partner over time (lines).
// Tooltips use rich text: the HTML tooltip would write style attributes the CSP forbids.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Partner } from '../../platform/api';
import { EChart, type ChartOption } from './EChart';
import type { IndicatorAnswer } from './IndicatorTable';

const REGION_COLOR = '#1c3f95';
const MEDIAN_COLOR = '#e8590c';

interface Props {
  answer: IndicatorAnswer;
  wb6: Partner[];
  period: string;
}

function unitSuffix(unit: string): string {
  return unit ? ` ${unit}` : '';
}

export function PartnerBars({ answer, wb6, period }: Props) {
  const { t } = useTranslation();
  const { indicator } = answer;
  const region = answer.region.find((r) => r.period === period);
  const option = useMemo<ChartOption>(() => {
    const value = (code: string) => answer.values.find((v) => v.partner === code && v.period === period && v.orgUnit === null)?.value ?? null;
    const lines = [
      region?.median != null ? { yAxis: region.median, name: t('indicators.median'), lineStyle: { color: MEDIAN_COLOR, type: 'dashed' }, label: { formatter: `${t('indicators.median')}: {c}`, color: MEDIAN_COLOR, position: 'insideStartTop' } } : null,
      region?.value != null ? { yAxis: region.value, name: t('indicators.region'), lineStyle: { color: REGION_COLOR, type: 'solid' }, label: { formatter: `${t('indicators.region')}: {c}`, color: REGION_COLOR, position: 'insideEndTop' } } : null,
    ].filter((l) => l !== null);
    return {
      animationDuration: 300,
      tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: (v: unknown) => (v == null ? '—' : `${String(v)}${unitSuffix(indicator.unit)}`) },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: wb6.map((p) => p.code), axisTick: { alignWithLabel: true } },
      yAxis: { type: 'value', name: indicator.unit || undefined },
      series: [{
        type: 'bar', name: indicator.label, data: wb6.map((p) => value(p.code) ?? '-'), barMaxWidth: 48, itemStyle: { color: '#4466cb' },
        markLine: { symbol: 'none', silent: true, data: lines },
      }],
    };
  }, [answer, wb6, period, region, indicator, t]);
  return <EChart option={option} label={t('indicators.barsLabel', { indicator: indicator.label, period })} />;
}

export function PartnerLines({ answer, wb6 }: Omit<Props, 'period'>) {
  const { t } = useTranslation();
  const { indicator, periods } = answer;
  const option = useMemo<ChartOption>(() => {
    const series = wb6.map((p) => ({
      type: 'line', name: p.code, connectNulls: false, symbolSize: 6,
      data: periods.map((period) => answer.values.find((v) => v.partner === p.code && v.period === period && v.orgUnit === null)?.value ?? '-'),
    }));
    series.push({
      type: 'line', name: t('indicators.region'), connectNulls: false, symbolSize: 6,
      data: periods.map((period) => answer.region.find((r) => r.period === period)?.value ?? '-'),
      lineStyle: { type: 'dashed', width: 3, color: REGION_COLOR }, itemStyle: { color: REGION_COLOR },
    } as (typeof series)[number]);
    return {
      animationDuration: 300,
      tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: (v: unknown) => (v == null ? '—' : `${String(v)}${unitSuffix(indicator.unit)}`) },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: periods, boundaryGap: false },
      yAxis: { type: 'value', name: indicator.unit || undefined },
      series,
    };
  }, [answer, wb6, periods, indicator, t]);
  return <EChart option={option} label={t('indicators.linesLabel', { indicator: indicator.label })} height={360} />;
}
