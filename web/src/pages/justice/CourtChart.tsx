// Courts of one partner by disposition time: horizontal bars, longest at the top, the longest in
// red and the shortest in green, and the partner's own disposition time as a line.
import { formatFigure, formatNumber } from '../../platform/format';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { axisTooltip, barCategoryAxis, EChart, referenceMarkLine, useCompactChart, type ChartOption } from '../statistics/EChart';
import { hatching, UnpublishedNote, useFigureSuffix, type Marked } from '../statistics/FigureMarks';
import { isUnpublished } from '../statistics/figures';

export const WORST_COLOR = '#c92a2a';
export const BEST_COLOR = '#2b8a3e';
const OTHER_COLOR = '#4466cb';
const PARTNER_COLOR = '#1c3f95';

export interface CourtRow {
  orgUnit: string;
  name: string;
  dt: number | null;
  cr: number | null;
  old: number | null;
  /** What each figure rests on (status, release, revision), as the API gives it. */
  facts: { dt?: Marked; cr?: Marked; old?: Marked };
  mark: 'worst' | 'best' | null;
}

interface Props {
  rows: CourtRow[];
  partnerName: string;
  partnerValue: number | null;
  unit: string;
  /** The indicator's decimals, as in the table. */
  decimals: number;
  year: string;
}

export function CourtChart({ rows, partnerName, partnerValue, unit, decimals, year }: Props) {
  const { t } = useTranslation();
  const compact = useCompactChart();
  const suffix = useFigureSuffix();
  const shown = useMemo(() => rows.filter((r) => r.dt !== null), [rows]);
  const option = useMemo<ChartOption>(
    () => ({
      animationDuration: 300,
      tooltip: axisTooltip((v) => (typeof v === 'number' ? formatFigure(v, unit, decimals) : '—'), true),
      grid: { left: 8, right: 32, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', name: unit || undefined, splitNumber: compact ? 3 : 5 },
      // The first row (the longest time) at the top.
      yAxis: barCategoryAxis(
        shown.map((r) => r.name),
        compact,
        { compact: 100, wide: 180 },
      ),
      series: [
        {
          type: 'bar',
          name: t('justice.dtColumn'),
          barMaxWidth: 28,
          tooltip: {
            valueFormatter: (v: unknown, i: number) =>
              typeof v === 'number' ? `${formatFigure(v, unit, decimals)}${suffix(shown[i]?.facts.dt)}` : '—',
          },
          data: shown.map((r) => ({
            value: r.dt,
            itemStyle: {
              color: r.mark === 'worst' ? WORST_COLOR : r.mark === 'best' ? BEST_COLOR : OTHER_COLOR,
              ...(isUnpublished(r.facts.dt?.status) ? { decal: hatching() } : {}),
            },
          })),
          markLine:
            partnerValue === null
              ? undefined
              : referenceMarkLine(partnerValue, `${partnerName}: ${formatNumber(partnerValue, decimals)}`, PARTNER_COLOR),
        },
      ],
    }),
    [shown, partnerName, partnerValue, unit, decimals, compact, suffix, t],
  );
  return (
    <>
      <EChart
        option={option}
        label={t('justice.courtChartLabel', { partner: partnerName, year })}
        height={Math.max(200, 64 + shown.length * 40)}
      />
      <UnpublishedNote shown={shown.some((r) => isUnpublished(r.facts.dt?.status))} kind="hatched" />
    </>
  );
}
