// The region on a map (the partners coloured by arrivals or by reception occupancy for the month;
// the neighbours in grey for context) with the same figures in a table. The geometry comes from
// app's own assets (Natural Earth, simplified), registered once with ECharts: no tiles, nothing from the internet.
import { Group, SegmentedControl, Stack, Table } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, rightAligned, RowHeader } from '../../platform/DataTable';
import { SectionTitle } from '../../platform/Section';
import { Muted } from '../../platform/text';
import { EChart, type ChartOption } from '../statistics/EChart';
import { UnpublishedNote, useFigureSuffix } from '../statistics/FigureMarks';
import { isUnpublished } from '../statistics/figures';
import { FigureStatusBadge } from '../statistics/StatusBadge';
import { formatMonth, formatNumber, formatWithUnit, NEARLY_FULL, type PartnerFigures, type RegionMapData } from './model';
import { blueScale, contextItem, partnerFill, partnerTooltip, regionSeries, useRegionPrepare } from './region-map';

export type Measure = 'arrivals' | 'occupancy';

type T = ReturnType<typeof useTranslation>['t'];

interface Props {
  map: RegionMapData;
  partners: PartnerFigures[];
  period: string;
}

export function RegionMap({ map, partners, period }: Props) {
  const { t } = useTranslation();
  const hasArrivals = partners.some((p) => p.arrivals !== null);
  const hasOccupancy = partners.some((p) => p.occupancy !== null);
  const [chosen, setChosen] = useState<Measure | null>(null);
  // Until the visitor chooses, show what the month has data for.
  const measure: Measure = chosen ?? (!hasArrivals && hasOccupancy ? 'occupancy' : 'arrivals');
  const suffix = useFigureSuffix();
  const anyUnpublished = partners.some((p) => unpublishedIn(measure, p));
  const prepare = useRegionPrepare(map);
  const option = useMemo(() => mapOption({ map, partners, measure, suffix, t }), [map, partners, measure, suffix, t]);

  const label = t(measure === 'arrivals' ? 'migration.map.arrivalsLabel' : 'migration.map.occupancyLabel', { month: formatMonth(period) });
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <SectionTitle id="map-title">{t('migration.map.title', { month: formatMonth(period) })}</SectionTitle>
        <SegmentedControl
          aria-label={t('migration.map.colourBy')}
          value={measure}
          onChange={(v) => setChosen(v as Measure)}
          data={[
            { value: 'arrivals', label: t('migration.map.arrivals') },
            { value: 'occupancy', label: t('migration.map.occupancy') },
          ]}
        />
      </Group>
      <EChart option={option} label={label} height={420} prepare={prepare} />
      <Muted size="xs">{t('migration.map.note', { source: map.source })}</Muted>
      <UnpublishedNote shown={anyUnpublished} kind="hatched" />
      <PartnerTable partners={partners} period={period} />
    </Stack>
  );
}

const valueIn = (measure: Measure, p: PartnerFigures) => (measure === 'arrivals' ? p.arrivals : p.occupancy);

/** A partner whose figure of the measure rests on unpublished data: hatched, and its status in the label and the tooltip. */
const unpublishedIn = (measure: Measure, p: PartnerFigures | undefined) => !!p && valueIn(measure, p) !== null && isUnpublished(p.status);

interface OptionInput {
  map: RegionMapData;
  partners: PartnerFigures[];
  measure: Measure;
  suffix: ReturnType<typeof useFigureSuffix>;
  t: T;
}

/** The chart: each partner coloured by its figure of the measure, the neighbours in grey. */
function mapOption({ map, partners, measure, suffix, t }: OptionInput): ChartOption {
  const byCode = new Map(partners.map((p) => [p.partner, p]));
  const data = map.features.map((f) => {
    const code = f.properties.code;
    const figures = byCode.get(code);
    const value = figures ? valueIn(measure, figures) : null;
    if (!f.properties.partner) return contextItem(code);
    const marked = unpublishedIn(measure, figures);
    return {
      name: code,
      value: value ?? Number.NaN,
      // The status in the label, on a white box so that it reads on any colour.
      label: marked
        ? { show: true, formatter: `${code}${suffix(figures)}`, backgroundColor: '#fff', padding: [1, 3], borderRadius: 2 }
        : { show: true },
      ...partnerFill(value, marked),
    };
  });
  const values = partners.map((p) => valueIn(measure, p)).filter((v) => v !== null);
  const unit = measure === 'occupancy' ? ' %' : '';
  const marksOf = (p: PartnerFigures | undefined) => (unpublishedIn(measure, p) ? suffix(p) : '');
  const nameOf = (code: string) => byCode.get(code)?.name ?? map.features.find((f) => f.properties.code === code)?.properties.name ?? code;
  return {
    animation: false,
    tooltip: partnerTooltip(nameOf, (code, v) => `${formatNumber(v)}${unit}${marksOf(byCode.get(code))}`, t('migration.map.noData')),
    // No legend for a month without figures: there is nothing to read it against.
    visualMap: values.length === 0 ? undefined : measureScale(measure, values, t),
    series: [regionSeries({ show: false, fontSize: 11, fontWeight: 'bold', color: '#212529' }, data)],
  };
}

/** Occupancy in three bands (the last one nearly full); arrivals on the blue scale from 0. */
function measureScale(measure: Measure, values: number[], t: T) {
  if (measure === 'occupancy')
    return {
      type: 'piecewise',
      left: 8,
      bottom: 8,
      seriesIndex: 0,
      pieces: [
        { lt: 75, label: t('migration.map.below', { value: 75 }), color: '#63e6be' },
        { gte: 75, lt: NEARLY_FULL, label: t('migration.map.between', { from: 75, to: NEARLY_FULL }), color: '#ffa94d' },
        { gte: NEARLY_FULL, label: t('migration.map.atLeast', { value: NEARLY_FULL }), color: '#e03131' },
      ],
    };
  return blueScale({ min: 0, max: Math.max(1, ...values), text: [formatNumber(Math.max(1, ...values)), '0'] });
}

/** The figures of the map, and more, as a table: one row per partner. */
function PartnerTable({ partners, period }: { partners: PartnerFigures[]; period: string }) {
  const { t } = useTranslation();
  return (
    <DataTable
      minWidth={720}
      striped
      aria-label={t('migration.partners.label', { month: formatMonth(period) })}
      columns={[
        t('migration.partners.partner'),
        ...rightAligned(
          (['arrivals', 'share', 'capacity', 'accommodated', 'occupancy', 'sleepingOutside'] as const).map((c) =>
            t(`migration.partners.${c}`),
          ),
        ),
      ]}
    >
      {partners.map((p) => (
        <Table.Tr key={p.partner}>
          <RowHeader>
            {p.name}
            <FigureStatusBadge status={p.status} />
          </RowHeader>
          <Table.Td ta="right">{formatNumber(p.arrivals)}</Table.Td>
          <Table.Td ta="right">{formatWithUnit(p.share, '%')}</Table.Td>
          <Table.Td ta="right">{formatNumber(p.capacity)}</Table.Td>
          <Table.Td ta="right">{formatNumber(p.accommodated)}</Table.Td>
          <Table.Td ta="right">{formatWithUnit(p.occupancy, '%')}</Table.Td>
          <Table.Td ta="right">{formatNumber(p.sleepingOutside)}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
