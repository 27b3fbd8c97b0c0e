// The indicator explorer's charts: partners compared for one period (bars, with the regional
// median and the region's value as horizontal lines; EU member states, when given, as a separate
// grey group on a shaded band), and each partner over time (lines, one point per period of the
// whole range, broken where a period has no value). The region's lines are drawn only where enough
// partners reported. Tooltips use rich text: the HTML tooltip would write style attributes the CSP forbids.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Partner } from '../../platform/api';
import { formatFigure, formatNumber } from '../../platform/format';
import { alongSpan, periodSpan } from '../../platform/periods';
import { hasRegionValue, regionMedian, type RegionEntry } from './coverage';
import { useCoverageTexts } from './Coverage';
import { axisTooltip, EChart, type ChartOption } from './EChart';
import { barItem, pointItem, UnpublishedNote, useFigureSuffix, type Marked } from './FigureMarks';
import { isUnpublished } from './figures';
import type { IndicatorAnswer } from './IndicatorTable';

const REGION_COLOR = '#1c3f95';
const MEDIAN_COLOR = '#e8590c';
const WB6_COLOR = '#4466cb';
const EU_COLOR = '#868e96';

interface Props {
  answer: IndicatorAnswer;
  wb6: Partner[];
  period: string;
  /** How a partner is named on the axis or in the legend; its code without it. */
  nameOf?: (code: string) => string;
  /** The chart's accessible name; by default it points at the table below the chart. */
  label?: string;
}

/** A value with the indicator's unit and decimals, as the tables write it ('78.0 %'). */
function withUnitText(v: unknown, unit: string, decimals: number): string {
  return typeof v === 'number' ? formatFigure(v, unit, decimals) : '—';
}

/** The tooltip of the indicator's charts: each value with the indicator's unit. */
function tooltipOf(unit: string, decimals: number) {
  return axisTooltip((v) => withUnitText(v, unit, decimals));
}

/** A series' own tooltip: each value with the unit and, when not published or revised, its marks ('12.5 % (draft)'). */
function markedTooltip(unit: string, decimals: number, factsAt: (index: number) => Partial<Marked> | null | undefined, suffix: Suffix) {
  return {
    valueFormatter: (v: unknown, index: number) =>
      `${withUnitText(v, unit, decimals)}${v == null || v === '-' ? '' : suffix(factsAt(index))}`,
  };
}

/** A horizontal line at one of the region's figures (its value, the median), named in its colour at one end. */
function regionLine(
  value: number,
  text: string,
  name: string,
  color: string,
  type: 'solid' | 'dashed',
  position: 'insideStartTop' | 'insideEndTop',
) {
  return { yAxis: value, name, lineStyle: { color, type }, label: { formatter: `${name}: ${text}`, color, position } };
}

type T = ReturnType<typeof useTranslation>['t'];
type Figure = IndicatorAnswer['values'][number];
type Suffix = ReturnType<typeof useFigureSuffix>;

interface BarsInput {
  indicator: IndicatorAnswer['indicator'];
  /** The partners of the bars: the Western Balkans', then the others'. */
  codes: string[];
  /** Each partner's figure for the period, in the order of `codes`. */
  facts: (Figure | undefined)[];
  wb6: Partner[];
  others: Partner[];
  region: RegionEntry | undefined;
  coverage: ReturnType<typeof useCoverageTexts>;
  suffix: Suffix;
  nameOf?: (code: string) => string;
  t: T;
}

/** The median's and the region's lines, for a region of enough partners only, named with the partners they stand on (and the status they rest on). */
function regionLines({ indicator, region, coverage, suffix, t }: BarsInput) {
  const median = regionMedian(region);
  const regionMarks = suffix({ status: region?.status ?? null });
  return [
    median !== null
      ? regionLine(
          median,
          formatNumber(median, indicator.decimals),
          `${t('indicators.median')}${regionMarks}`,
          MEDIAN_COLOR,
          'dashed',
          'insideStartTop',
        )
      : null,
    hasRegionValue(region)
      ? regionLine(
          region.value,
          formatNumber(region.value, indicator.decimals),
          `${coverage.covered(region.members)}${regionMarks}`,
          REGION_COLOR,
          'solid',
          'insideEndTop',
        )
      : null,
  ].filter((l) => l !== null);
}

/** The bar series: two stacked series share one bar per partner, each with values only for its own group. */
function barSeries(input: BarsInput): Record<string, unknown>[] {
  const { indicator, codes, facts, wb6, others, suffix, nameOf, t } = input;
  const value = (i: number) => facts[i]?.value ?? null;
  const tooltip = markedTooltip(indicator.unit, indicator.decimals, (i) => facts[i], suffix);
  const series: Record<string, unknown>[] = [
    {
      type: 'bar',
      name: others.length ? t('indicators.wb6Group') : indicator.label,
      stack: 'partners',
      barMaxWidth: 48,
      itemStyle: { color: WB6_COLOR },
      tooltip,
      data: codes.map((_c, i) => (i < wb6.length ? barItem(value(i) ?? '-', facts[i]) : '-')),
      markLine: { symbol: 'none', silent: true, data: regionLines(input) },
    },
  ];
  if (others.length) {
    series.push({
      type: 'bar',
      name: t('indicators.euGroup'),
      stack: 'partners',
      barMaxWidth: 48,
      itemStyle: { color: EU_COLOR, borderColor: '#495057', borderType: 'dashed', borderWidth: 1 },
      tooltip,
      data: codes.map((_c, i) => (i >= wb6.length ? barItem(value(i) ?? '-', facts[i]) : '-')),
      markArea: {
        silent: true,
        itemStyle: { color: 'rgba(134, 142, 150, 0.08)' },
        label: { color: '#495057' },
        data: [
          [
            { name: t('indicators.euGroup'), xAxis: nameOf?.(others[0]!.code) ?? others[0]!.code },
            { xAxis: nameOf?.(others[others.length - 1]!.code) ?? others[others.length - 1]!.code },
          ],
        ],
      },
    });
  }
  return series;
}

/** The bars' chart: a category per partner (named in full when `nameOf` is given), the legend only with a second group. */
function barsOption(input: BarsInput): ChartOption {
  const { indicator, codes, others, nameOf } = input;
  return {
    animationDuration: 300,
    tooltip: tooltipOf(indicator.unit, indicator.decimals),
    legend: others.length ? { bottom: 0 } : undefined,
    grid: { left: 8, right: 16, top: 32, bottom: others.length ? 32 : 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: codes.map((c) => nameOf?.(c) ?? c),
      axisTick: { alignWithLabel: true },
      // Names take more room than codes: every one shown, wrapped.
      axisLabel: nameOf ? { interval: 0, width: 90, overflow: 'break', lineHeight: 14 } : undefined,
    },
    yAxis: { type: 'value', name: indicator.unit || undefined },
    series: barSeries(input),
  };
}

export function PartnerBars({ answer, wb6, period, others = [], nameOf, label }: Props & { others?: Partner[] }) {
  const { t } = useTranslation();
  const { indicator } = answer;
  const region = answer.region.find((r) => r.period === period);
  const coverage = useCoverageTexts();
  const suffix = useFigureSuffix();
  const codes = useMemo(() => [...wb6, ...others].map((p) => p.code), [wb6, others]);
  const facts = useMemo(
    () => codes.map((code) => answer.values.find((v) => v.partner === code && v.period === period && v.orgUnit === null)),
    [answer, codes, period],
  );
  const unpublished = facts.some((f) => f && f.value !== null && isUnpublished(f.status));
  const option = useMemo<ChartOption>(
    () => barsOption({ indicator, codes, facts, wb6, others, region, coverage, suffix, nameOf, t }),
    [codes, facts, wb6, others, region, indicator, coverage, suffix, nameOf, t],
  );
  return (
    <>
      <EChart option={option} label={label ?? t('indicators.barsLabel', { indicator: indicator.label, period })} />
      <UnpublishedNote shown={unpublished} kind="hatched" />
    </>
  );
}

export function PartnerLines({ answer, wb6, nameOf, label }: Omit<Props, 'period'>) {
  const { t } = useTranslation();
  const { indicator } = answer;
  const suffix = useFigureSuffix();
  const unpublished = answer.values.some(
    (v) => v.orgUnit === null && v.value !== null && isUnpublished(v.status) && wb6.some((p) => p.code === v.partner),
  );
  const option = useMemo<ChartOption>(() => {
    // Every period of the range, those without values too: a line breaks where a period has none.
    const periods = periodSpan(answer.periods);
    // A series of points along the periods: unpublished ones drawn as triangles, and named so in the tooltip.
    const along = (name: string, points: { period: string; value: number | null; status?: Marked['status']; revised?: boolean }[]) => {
      const at = periods.map((period) => points.find((p) => p.period === period));
      const values = alongSpan(periods, points);
      return {
        type: 'line',
        name,
        connectNulls: false,
        symbolSize: 6,
        showAllSymbol: true,
        tooltip: markedTooltip(indicator.unit, indicator.decimals, (i) => at[i], suffix),
        data: values.map((v, i) => pointItem(v, at[i])),
      };
    };
    const series: Record<string, unknown>[] = wb6.map((p) =>
      along(
        nameOf?.(p.code) ?? p.code,
        answer.values.filter((v) => v.partner === p.code && v.orgUnit === null),
      ),
    );
    series.push({
      ...along(
        t('indicators.region'),
        answer.region.map((r) => ({ period: r.period, value: hasRegionValue(r) ? r.value : null, status: r.status ?? null })),
      ),
      lineStyle: { type: 'dashed', width: 3, color: REGION_COLOR },
      itemStyle: { color: REGION_COLOR },
    });
    return {
      animationDuration: 300,
      tooltip: tooltipOf(indicator.unit, indicator.decimals),
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: periods, boundaryGap: false },
      yAxis: { type: 'value', name: indicator.unit || undefined },
      series,
    };
  }, [answer, wb6, indicator, suffix, nameOf, t]);
  return (
    <>
      <EChart option={option} label={label ?? t('indicators.linesLabel', { indicator: indicator.label })} height={360} />
      <UnpublishedNote shown={unpublished} kind="triangles" />
    </>
  );
}
