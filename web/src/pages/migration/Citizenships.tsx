// The ten most frequent citizenships of the arrivals in the region in the month: a bar chart and
// the same figures in a table; none, with the reason, when too few partners reported for a
// regional value.
import { SimpleGrid, Table } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, RowHeader } from '../../platform/DataTable';
import { Muted } from '../../platform/text';
import { axisTooltip, EChart, type ChartOption } from '../statistics/EChart';
import { formatMonth, formatNumber, type Citizenship } from './model';

interface Props {
  citizenships: Citizenship[];
  period: string;
  /** Why the region has no arrivals of the month ('2 of 6 partners reported — no regional value'), when it has none. */
  noRegion?: string | null;
}

export function Citizenships({ citizenships, period, noRegion }: Props) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    // Largest at the top: a category axis draws its first entry at the bottom.
    const rows = [...citizenships].reverse();
    return {
      animationDuration: 300,
      tooltip: axisTooltip((v) => (typeof v === 'number' ? formatNumber(v) : '—'), true),
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: rows.map((c) => c.label) },
      series: [
        {
          type: 'bar',
          name: t('migration.citizenships.arrivals'),
          data: rows.map((c) => c.arrivals),
          itemStyle: { color: '#4466cb' },
          barMaxWidth: 24,
          label: { show: true, position: 'right' },
        },
      ],
    };
  }, [citizenships, t]);
  if (citizenships.length === 0)
    return (
      <Muted>
        <span>{t('migration.citizenships.none', { month: formatMonth(period) })}</span>
        {noRegion && <span> {noRegion}</span>}
      </Muted>
    );
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <EChart
        option={option}
        label={t('migration.citizenships.chartLabel', { month: formatMonth(period) })}
        height={Math.max(200, 40 + citizenships.length * 30)}
      />
      <DataTable
        striped
        aria-label={t('migration.citizenships.tableLabel', { month: formatMonth(period) })}
        columns={[t('migration.citizenships.citizenship'), { label: t('migration.citizenships.arrivals'), ta: 'right' }]}
      >
        {citizenships.map((c) => (
          <Table.Tr key={c.code}>
            <RowHeader>{c.label}</RowHeader>
            <Table.Td ta="right">{formatNumber(c.arrivals)}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </SimpleGrid>
  );
}
