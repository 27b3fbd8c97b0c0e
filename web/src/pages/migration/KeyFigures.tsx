// The region's key figures for the month: arrivals and their change on the previous month,
// reception occupancy (a ratio of sums over the partners with figures), persons accommodated and
// persons known to sleep outside the centres (sums over the partners that reported them).
import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatChange, formatNumber, formatWithUnit, NEARLY_FULL, type Dashboard } from './model';

function sumOf(values: (number | null)[]): { total: number | null; reported: number } {
  const known = values.filter((v) => v !== null);
  return { total: known.length ? known.reduce((a, b) => a + b, 0) : null, reported: known.length };
}

export function KeyFigures({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const { region, partners } = dashboard;
  const accommodated = sumOf(partners.map((p) => p.accommodated));
  const outside = sumOf(partners.map((p) => p.sleepingOutside));
  const arrivalsReported = partners.filter((p) => p.arrivals !== null).length;
  const occupancyReported = partners.filter((p) => p.occupancy !== null).length;
  const figures = [
    { key: 'arrivals', value: formatNumber(region.arrivals), note: t('migration.key.partnersReporting', { count: arrivalsReported }) },
    { key: 'change', value: formatChange(region.arrivalsChange), note: t('migration.key.changeNote') },
    {
      key: 'occupancy',
      value: formatWithUnit(region.occupancy, '%'),
      note: t('migration.key.partnersReporting', { count: occupancyReported }),
      alarm: region.occupancy !== null && region.occupancy >= NEARLY_FULL,
    },
    {
      key: 'accommodated',
      value: formatNumber(accommodated.total),
      note: t('migration.key.partnersReporting', { count: accommodated.reported }),
    },
    { key: 'sleepingOutside', value: formatNumber(outside.total), note: t('migration.key.partnersReporting', { count: outside.reported }) },
  ];
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} component="dl" spacing="sm" m={0}>
      {figures.map((f) => (
        <Paper key={f.key} withBorder p="sm">
          <Text component="dt" size="sm" c="dimmed">
            {t(`migration.key.${f.key}`)}
          </Text>
          <Text component="dd" m={0} fz={26} fw={700} c={f.alarm ? 'red.8' : undefined}>
            {f.value}
          </Text>
          <Text component="dd" m={0} size="xs" c="dimmed">
            {f.note}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
