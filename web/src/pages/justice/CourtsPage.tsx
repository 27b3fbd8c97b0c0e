// Court drill-down (public): the courts of one partner for a year and case category, sorted by
// disposition time (the longest and the shortest highlighted), with the clearance rate and the
// share of pending cases older than two years; a bar chart, the table and a CSV download.
import { formatNumber } from '../../platform/format';
import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { BackLink } from '../../platform/BackLink';
import { DataTable, RowHeader } from '../../platform/DataTable';
import { ErrorAlert } from '../../platform/feedback';
import { Section } from '../../platform/Section';
import { Muted } from '../../platform/text';
import { FigureValue } from '../statistics/FigureMarks';

import { usePartners } from '../statistics/model';
import { CourtChart, type CourtRow } from './CourtChart';
import { AddressFilters, MethodNote, NoPartnerData } from './Filters';
import {
  CR,
  downloadCsv,
  DT,
  OLD,
  partnerFigure,
  partnerValue,
  pickYear,
  useCourtValues,
  useIndicatorValues,
  useJusticeFilters,
  type CourtAnswer,
} from './model';

type Filters = ReturnType<typeof useJusticeFilters>;
type Decimals = Record<'dt' | 'cr' | 'old', number | undefined>;

/** Courts merged from the three answers, longest disposition time first (courts without it last). */
function courtRows(dt: CourtAnswer, cr: CourtAnswer | undefined, old: CourtAnswer | undefined): CourtRow[] {
  const find = (answer: CourtAnswer | undefined, orgUnit: string) => answer?.values.find((v) => v.orgUnit === orgUnit);
  const rows: CourtRow[] = dt.values.map((v) => ({
    orgUnit: v.orgUnit,
    name: v.name,
    dt: v.value,
    cr: find(cr, v.orgUnit)?.value ?? null,
    old: find(old, v.orgUnit)?.value ?? null,
    facts: { dt: v, cr: find(cr, v.orgUnit), old: find(old, v.orgUnit) },
    mark: null,
  }));
  rows.sort((a, b) => (a.dt === null ? 1 : 0) - (b.dt === null ? 1 : 0) || (b.dt ?? 0) - (a.dt ?? 0) || a.orgUnit.localeCompare(b.orgUnit));
  const ranked = rows.filter((r) => r.dt !== null);
  if (ranked.length >= 2) {
    ranked[0]!.mark = 'worst';
    ranked[ranked.length - 1]!.mark = 'best';
  }
  return rows;
}

/** The partner's years, the year shown, its courts and the partner as a whole, as the filters choose. */
function useCourtFigures(partner: string, filters: Filters) {
  const read = { ...filters.dims, ...filters.read };
  const overall = useIndicatorValues(DT, { partner, ...read });
  const periods = [...new Set((overall.data?.values ?? []).filter((v) => v.orgUnit === null).map((v) => v.period))];
  const year = pickYear(periods, filters.year);
  const dt = useCourtValues(DT, partner, year, read);
  const cr = useCourtValues(CR, partner, year, read);
  const old = useCourtValues(OLD, partner, year, read);
  // The partner as a whole, for the last line of the table.
  const crOverall = useIndicatorValues(CR, { partner, period: year, ...read }, !!year);
  const oldOverall = useIndicatorValues(OLD, { partner, period: year, ...read }, !!year);
  const rows = useMemo(() => (dt.data ? courtRows(dt.data, cr.data, old.data) : []), [dt.data, cr.data, old.data]);
  const decimals: Decimals = { dt: dt.data?.indicator.decimals, cr: cr.data?.indicator.decimals, old: old.data?.indicator.decimals };
  // The partner as a whole under each figure, in the figure's decimals.
  const whole: Whole = [
    [partnerFigure(overall.data, partner, year), decimals.dt],
    [partnerFigure(crOverall.data, partner, year), decimals.cr],
    [partnerFigure(oldOverall.data, partner, year), decimals.old],
  ];
  return {
    overall,
    dt,
    periods,
    year,
    rows,
    decimals,
    whole,
    error: overall.error ?? dt.error ?? cr.error ?? old.error,
    own: partnerValue(overall.data, partner, year),
  };
}
type Whole = readonly (readonly [ReturnType<typeof partnerFigure>, number | undefined])[];

export function CourtsPage() {
  const { t } = useTranslation();
  const partner = (useParams().partner ?? '').toUpperCase();
  const filters = useJusticeFilters();
  const partners = usePartners();
  const name = partners.data?.partners.find((p) => p.code === partner)?.name ?? partner;
  const { overall, dt, periods, year, rows, decimals, whole, own, ...courts } = useCourtFigures(partner, filters);
  const error = partners.error ?? courts.error;
  const hasData = rows.some((r) => r.dt !== null || r.cr !== null || r.old !== null);
  const title = t('justice.courtsTitle', { partner: name, year: year ?? '' });
  const csv = () =>
    downloadCsv(`courts-${partner}-${year}${filters.category === 'all' ? '' : `-${filters.category}`}.csv`, [
      ['org_unit', 'court', 'year', 'case_category', DT, CR, OLD],
      ...rows.map((r) => [r.orgUnit, r.name, year ?? '', filters.category, r.dt, r.cr, r.old]),
    ]);

  return (
    <Stack>
      <Group gap="md">
        <BackLink to={`/justice${filters.search}`}>{t('justice.backToScoreboard')}</BackLink>
        <Anchor component={Link} to={`/justice/${partner}${filters.search}`} size="sm">
          {t('justice.profileOf', { partner: name })}
        </Anchor>
      </Group>
      <Title order={2}>{t('justice.courtsHeading', { partner: name })}</Title>
      <Text>{t('justice.courtsIntro')}</Text>
      <MethodNote courts />
      <AddressFilters filters={filters} periods={periods} year={year} />
      <ErrorAlert error={error} />
      {overall.data && periods.length === 0 && <NoPartnerData filters={filters} partnerName={name} />}
      {dt.data && year && (
        <Section id="courts-title" title={title} gap="xs">
          {!hasData && <Alert color="gray">{t('justice.noCourtData')}</Alert>}
          {hasData && <Muted>{t('justice.courtsLegend', { partner: name })}</Muted>}
          {hasData && (
            <CourtChart
              rows={rows}
              partnerName={name}
              partnerValue={own}
              unit={dt.data.indicator.unit}
              decimals={dt.data.indicator.decimals}
              year={year}
            />
          )}
          {hasData && <CourtTable title={title} rows={rows} partnerName={name} decimals={decimals} whole={whole} />}
          {hasData && (
            <Button variant="subtle" size="compact-sm" w="fit-content" onClick={csv}>
              {t('justice.downloadCsv', { what: title })}
            </Button>
          )}
        </Section>
      )}
    </Stack>
  );
}

interface CourtTableProps {
  title: string;
  rows: CourtRow[];
  partnerName: string;
  decimals: Decimals;
  whole: Whole;
}

/** The courts' figures, the longest and the shortest disposition time marked, the partner as a whole last. */
function CourtTable({ title, rows, partnerName, decimals, whole }: CourtTableProps) {
  const { t } = useTranslation();
  return (
    <DataTable
      minWidth={640}
      striped
      aria-label={title}
      columns={[
        t('justice.court'),
        { label: t('justice.dtColumn'), ta: 'right' },
        { label: t('justice.crColumn'), ta: 'right' },
        { label: t('justice.oldColumn'), ta: 'right' },
        t('justice.note'),
      ]}
      foot={
        <Table.Tr>
          <Table.Th scope="row">{t('justice.partnerWhole', { partner: partnerName })}</Table.Th>
          {whole.map(([figure, places], i) => (
            <Table.Td key={i} ta="right" fw={700}>
              <FigureValue text={formatNumber(figure?.value, places)} {...figure} />
            </Table.Td>
          ))}
          <Table.Td />
        </Table.Tr>
      }
    >
      {rows.map((r) => (
        <Table.Tr key={r.orgUnit}>
          <RowHeader>{r.name}</RowHeader>
          <Table.Td ta="right" fw={r.mark ? 700 : undefined}>
            <FigureValue text={formatNumber(r.dt, decimals.dt)} {...r.facts.dt} />
          </Table.Td>
          <Table.Td ta="right">
            <FigureValue text={formatNumber(r.cr, decimals.cr)} {...r.facts.cr} />
          </Table.Td>
          <Table.Td ta="right">
            <FigureValue text={formatNumber(r.old, decimals.old)} {...r.facts.old} />
          </Table.Td>
          <Table.Td>
            {/* The palette's red and green (the chart's colours), whose text shades the theme keeps readable on a light badge. */}
            {r.mark === 'worst' && (
              <Badge color="red" variant="light">
                {t('justice.longest')}
              </Badge>
            )}
            {r.mark === 'best' && (
              <Badge color="green" variant="light">
                {t('justice.shortest')}
              </Badge>
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
