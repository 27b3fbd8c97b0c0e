// The region's key figures for the month: arrivals and their change on the previous month,
// reception occupancy (a ratio of sums over the partners with figures), each labelled with the
// partners it stands on, or in its place how many partners reported when too few did for a
// regional value; persons accommodated and persons known to sleep outside the centres (sums over
// the partners that reported them).
import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { REGION_SIZE } from '../statistics/coverage';
import { useCoverageTexts } from '../statistics/Coverage';
import { leastAdvanced, type FigureStatus } from '../statistics/figures';
import { FigureStatusBadge } from '../statistics/StatusBadge';
import { formatChange, formatNumber, formatWithUnit, monthsUpTo, NEARLY_FULL, type Dashboard, type PartnerFigures } from './model';

function sumOf(values: (number | null)[]): { total: number | null; reported: number } {
  const known = values.filter((v) => v !== null);
  return { total: known.length ? known.reduce((a, b) => a + b, 0) : null, reported: known.length };
}

interface Figure {
  key: string;
  /** The figure, or null when the region has none. */
  value: string | null;
  note: string;
  alarm?: boolean;
  /** What the figure rests on: marked when not yet published. */
  status: FigureStatus | null;
}

/** The least advanced status of the partners with a figure: what a sum or ratio over them rests on. */
function statusOver(partners: PartnerFigures[], figure: (p: PartnerFigures) => number | null): FigureStatus | null {
  return leastAdvanced(partners.filter((p) => figure(p) !== null).map((p) => p.status));
}

/** The partners behind the region's figures of the month, counted from the partners' own figures. */
export function regionMembers(dashboard: Dashboard) {
  const { partners, series, period } = dashboard;
  const previous = period ? monthsUpTo(period, 2)[0] : undefined;
  const arrivals = series.find((s) => s.indicator === 'migration.arrivals')?.values ?? [];
  const hadArrivals = (partner: string) => arrivals.some((v) => v.partner === partner && v.period === previous && v.value !== null);
  return {
    arrivals: partners.filter((p) => p.arrivals !== null).length,
    // The change needs the partner's arrivals in both months.
    change: partners.filter((p) => p.arrivals !== null && hadArrivals(p.partner)).length,
    occupancy: partners.filter((p) => p.occupancy !== null).length,
  };
}

export function KeyFigures({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const coverage = useCoverageTexts();
  const { region, partners } = dashboard;
  const members = regionMembers(dashboard);
  const accommodated = sumOf(partners.map((p) => p.accommodated));
  const outside = sumOf(partners.map((p) => p.sleepingOutside));
  const sumNote = (reported: number) => t('migration.key.partnersReporting', { members: reported, size: REGION_SIZE });
  const figures: Figure[] = [
    {
      key: 'arrivals',
      value: region.arrivals === null ? null : formatNumber(region.arrivals),
      note: region.arrivals === null ? coverage.missing(members.arrivals) : coverage.covered(members.arrivals),
      status: region.status,
    },
    {
      key: 'change',
      value: region.arrivalsChange === null ? null : formatChange(region.arrivalsChange),
      note:
        region.arrivalsChange === null
          ? coverage.missing(members.change)
          : t('migration.key.changeCoverage', { members: members.change, size: REGION_SIZE }),
      status: region.status,
    },
    {
      key: 'occupancy',
      value: region.occupancy === null ? null : formatWithUnit(region.occupancy, '%'),
      note: region.occupancy === null ? coverage.missing(members.occupancy) : coverage.covered(members.occupancy),
      alarm: region.occupancy !== null && region.occupancy >= NEARLY_FULL,
      status: statusOver(partners, (p) => p.occupancy),
    },
    {
      key: 'accommodated',
      value: formatNumber(accommodated.total),
      note: sumNote(accommodated.reported),
      status: statusOver(partners, (p) => p.accommodated),
    },
    {
      key: 'sleepingOutside',
      value: formatNumber(outside.total),
      note: sumNote(outside.reported),
      status: statusOver(partners, (p) => p.sleepingOutside),
    },
  ];
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} component="dl" spacing="sm" m={0}>
      {figures.map((f) => (
        <Paper key={f.key} withBorder p="sm">
          <Text component="dt" size="sm" c="dimmed">
            {t(`migration.key.${f.key}`)}
          </Text>
          {f.value === null ? (
            // No regional value: how many partners reported stands in its place.
            <Text component="dd" m={0} mt={4} size="sm" fw={600}>
              {f.note}
            </Text>
          ) : (
            <>
              <Text component="dd" m={0} fz={26} fw={700} c={f.alarm ? 'red.8' : undefined}>
                {f.value}
                <FigureStatusBadge status={f.status} />
              </Text>
              <Text component="dd" m={0} size="xs" c="dimmed">
                {f.note}
              </Text>
            </>
          )}
        </Paper>
      ))}
    </SimpleGrid>
  );
}
