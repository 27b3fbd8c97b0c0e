// The ten most frequent citizenships of the arrivals in the region in the month: a bar chart and
// the same figures in a table.
import { SimpleGrid, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type ChartOption } from '../statistics/EChart';
import { formatMonth, formatNumber, type Citizenship } from './model';

export function Citizenships({ citizenships, period }: { citizenships: Citizenship[]; period: string }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    // Largest at the top: a category axis draws its first entry at the bottom.
    const rows = [...citizenships].reverse();
    return {
      animationDuration: 300,
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        renderMode: 'richText',
        valueFormatter: (v: unknown) => (typeof v === 'number' ? formatNumber(v) : '—'),
      },
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
      <Text size="sm" c="dimmed">
        {t('migration.citizenships.none', { month: formatMonth(period) })}
      </Text>
    );
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <EChart
        option={option}
        label={t('migration.citizenships.chartLabel', { month: formatMonth(period) })}
        height={Math.max(200, 40 + citizenships.length * 30)}
      />
      <Table striped aria-label={t('migration.citizenships.tableLabel', { month: formatMonth(period) })}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('migration.citizenships.citizenship')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('migration.citizenships.arrivals')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {citizenships.map((c) => (
            <Table.Tr key={c.code}>
              <Table.Th scope="row" fw={400}>
                {c.label}
              </Table.Th>
              <Table.Td ta="right">{formatNumber(c.arrivals)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </SimpleGrid>
  );
}
