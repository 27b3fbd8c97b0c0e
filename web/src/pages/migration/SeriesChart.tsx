// Twelve months up to the chosen one: arrivals, intentions to seek asylum or applications (a select
// chooses which), one line per partner, with the same figures in a table below.
import { Group, Select, Stack, Table } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, rightAligned, RowHeader } from '../../platform/DataTable';
import { SectionTitle } from '../../platform/Section';
import { Muted } from '../../platform/text';
import { axisTooltip, EChart, type ChartOption } from '../statistics/EChart';
import { FigureValue, pointItem, UnpublishedNote, useFigureSuffix } from '../statistics/FigureMarks';
import { isUnpublished } from '../statistics/figures';
import { formatMonth, formatNumber, monthsUpTo, type PartnerFigures, type Series } from './model';

interface Props {
  series: Series[];
  partners: PartnerFigures[];
  period: string;
}

type Figure = Series['values'][number];
type FigureAt = (partner: string, month: string) => Figure | undefined;

export function SeriesChart({ series, partners, period }: Props) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string | null>(null);
  const current = series.find((s) => s.indicator === chosen) ?? series[0];
  // Every month of the window, those without figures too: a gap in the line is a month without data.
  const periods = useMemo(() => monthsUpTo(period, 12), [period]);
  const withData = partners.filter((p) => current?.values.some((v) => v.partner === p.partner && v.value !== null));
  const figureAt: FigureAt = (partner, month) => current?.values.find((v) => v.partner === partner && v.period === month);
  const valueAt = (partner: string, month: string) => figureAt(partner, month)?.value ?? null;
  const suffix = useFigureSuffix();
  const unpublished = withData.some((p) =>
    periods.some((month) => valueAt(p.partner, month) !== null && isUnpublished(figureAt(p.partner, month)?.status)),
  );
  // figureAt is new on every render; what it reads is `current`, which stands in the dependencies for it.
  const option = useMemo(() => seriesOption(periods, withData, figureAt, suffix), [current, periods, withData, suffix]);

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <SectionTitle id="series-title">{t('migration.series.title', { month: formatMonth(period) })}</SectionTitle>
        {series.length > 0 && (
          <Select
            label={t('migration.series.choose')}
            data={series.map((s) => ({ value: s.indicator, label: s.label }))}
            value={current?.indicator ?? null}
            onChange={(v) => v && setChosen(v)}
            allowDeselect={false}
            miw={280}
          />
        )}
      </Group>
      {!current || withData.length === 0 ? (
        <Muted>{t('migration.series.none', { month: formatMonth(period) })}</Muted>
      ) : (
        <>
          <EChart
            option={option}
            label={t('migration.series.chartLabel', {
              indicator: current.label,
              from: formatMonth(periods[0]!),
              to: formatMonth(periods.at(-1)!),
            })}
            height={340}
          />
          <UnpublishedNote shown={unpublished} kind="triangles" />
          <SeriesTable label={current.label} periods={periods} partners={withData} figureAt={figureAt} />
        </>
      )}
    </Stack>
  );
}

/** One line per partner over the months; a month without a figure breaks the line. */
function seriesOption(
  periods: string[],
  partners: PartnerFigures[],
  figureAt: FigureAt,
  suffix: ReturnType<typeof useFigureSuffix>,
): ChartOption {
  return {
    animationDuration: 300,
    tooltip: axisTooltip((v) => (typeof v === 'number' ? formatNumber(v) : '—')),
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 8, right: 16, top: 24, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: periods, boundaryGap: false },
    yAxis: { type: 'value' },
    series: partners.map((p) => {
      // Points not yet published are triangles, and their status follows the figure in the tooltip ('1,234 (draft)').
      const at = periods.map((month) => figureAt(p.partner, month));
      return {
        type: 'line',
        name: p.name,
        connectNulls: false,
        symbolSize: 6,
        showAllSymbol: true,
        tooltip: { valueFormatter: (v: unknown, i: number) => (typeof v === 'number' ? `${formatNumber(v)}${suffix(at[i])}` : '—') },
        data: at.map((f) => pointItem(f?.value ?? null, f)),
      };
    }),
  };
}

interface TableProps {
  label: string;
  periods: string[];
  partners: PartnerFigures[];
  figureAt: FigureAt;
}

/** The chart's figures: one row per partner, one column per month. */
function SeriesTable({ label, periods, partners, figureAt }: TableProps) {
  const { t } = useTranslation();
  return (
    <DataTable
      minWidth={Math.max(480, 120 + periods.length * 72)}
      striped
      aria-label={t('migration.series.tableLabel', { indicator: label })}
      columns={[t('migration.partners.partner'), ...rightAligned(periods)]}
    >
      {partners.map((p) => (
        <Table.Tr key={p.partner}>
          <RowHeader>{p.name}</RowHeader>
          {periods.map((month) => (
            <Table.Td key={month} ta="right">
              <FigureValue
                text={formatNumber(figureAt(p.partner, month)?.value ?? null)}
                status={figureAt(p.partner, month)?.status ?? null}
              />
            </Table.Td>
          ))}
        </Table.Tr>
      ))}
    </DataTable>
  );
}
