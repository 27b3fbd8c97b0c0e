// The justice scoreboard (public): for a year and case category, the clearance rate and the
// disposition time of the Western Balkan partners (EU member states with data as a separate
// group), with the region's value and the median marked (or how many partners reported, when too
// few did); the clearance rate over the years; a table and a CSV download for every chart, and
// links to each partner's profile and courts. It opens on the latest year with a regional value.
import { Alert, Anchor, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Partner } from '../../platform/api';
import { DataTable, RowHeader } from '../../platform/DataTable';
import { ErrorAlert } from '../../platform/feedback';
import { Section } from '../../platform/Section';
import { latestCoveredPeriod } from '../statistics/coverage';
import { RegionNote } from '../statistics/Coverage';
import { IndicatorAbout } from '../statistics/IndicatorAbout';
import { PartnerBars, PartnerLines } from '../statistics/IndicatorCharts';
import { PeriodTable, SeriesTable, type IndicatorAnswer } from '../statistics/IndicatorTable';
import { usePartners } from '../statistics/model';
import { AddressFilters, MethodNote } from './Filters';
import { CR, csvHref, DT, pickYear, useIndicatorValues, useJusticeFilters } from './model';

export function ScoreboardPage() {
  const { t } = useTranslation();
  const filters = useJusticeFilters();
  const partners = usePartners();
  const cr = useIndicatorValues(CR, { ...filters.dims, ...filters.read });
  const dt = useIndicatorValues(DT, { ...filters.dims, ...filters.read });
  const all = useMemo(() => partners.data?.partners ?? [], [partners.data]);
  const wb6 = useMemo(() => all.filter((p) => p.group === 'WB6'), [all]);
  const periods = cr.data?.periods ?? [];
  const year = pickYear(periods, filters.year, latestCoveredPeriod(periods, cr.data?.region));
  const error = partners.error ?? cr.error ?? dt.error;

  return (
    <Stack>
      <Title order={2}>{t('justice.scoreboardTitle')}</Title>
      <Text>{t(filters.figures.publishedOnly ? 'justice.scoreboardIntro' : 'justice.scoreboardIntroAll')}</Text>
      <MethodNote />
      <AddressFilters filters={filters} periods={periods} year={year} />
      <ErrorAlert error={error} />
      {cr.data && periods.length === 0 && (
        <Alert color="gray">{t(filters.figures.publishedOnly ? 'justice.noData' : 'justice.noDataAll')}</Alert>
      )}
      {year && (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          {[
            { id: 'cr', code: CR, answer: cr.data },
            { id: 'dt', code: DT, answer: dt.data },
          ].map(
            ({ id, code, answer }) =>
              answer && (
                <Comparison
                  key={id}
                  id={id}
                  answer={answer}
                  partners={all}
                  wb6={wb6}
                  year={year}
                  csv={csvHref(code, { ...filters.dims, period: year, ...filters.read })}
                />
              ),
          )}
        </SimpleGrid>
      )}
      {cr.data && periods.length > 0 && (
        <Section id="trend-title" title={t('justice.trendTitle', { indicator: cr.data.indicator.label })}>
          <PartnerLines answer={cr.data} wb6={wb6} />
          <SeriesTable answer={cr.data} partners={wb6} />
          <CsvLink
            href={csvHref(CR, { ...filters.dims, ...filters.read })}
            what={t('justice.trendTitle', { indicator: cr.data.indicator.label })}
          />
        </Section>
      )}
      <PartnerLinks wb6={wb6} search={filters.search} />
    </Stack>
  );
}

interface ComparisonProps {
  id: string;
  answer: IndicatorAnswer;
  partners: Partner[];
  wb6: Partner[];
  year: string;
  csv: string;
}

/** One indicator across partners for a year: bars, the table, the CSV. */
function Comparison({ id, answer, partners, wb6, year, csv }: ComparisonProps) {
  const { t } = useTranslation();
  const title = t('justice.comparisonTitle', { indicator: answer.indicator.label, year });
  const region = answer.region.find((r) => r.period === year);
  // EU member states are shown for comparison where they have data for the year.
  const eu = useMemo(
    () =>
      partners.filter(
        (p) =>
          p.group === 'EU27' &&
          answer.values.some((v) => v.partner === p.code && v.period === year && v.orgUnit === null && v.value !== null),
      ),
    [partners, answer, year],
  );
  return (
    <Section id={`${id}-title`} title={title} gap="xs">
      <IndicatorAbout indicator={answer.indicator} />
      <RegionNote entry={region} />
      <PartnerBars answer={answer} wb6={wb6} others={eu} period={year} />
      <PeriodTable answer={answer} partners={partners} period={year} />
      <CsvLink href={csv} what={title} />
    </Section>
  );
}

export function CsvLink({ href, what }: { href: string; what: string }) {
  const { t } = useTranslation();
  return (
    <Anchor href={href} download size="sm" w="fit-content">
      {t('justice.downloadCsv', { what })}
    </Anchor>
  );
}

function PartnerLinks({ wb6, search }: { wb6: Partner[]; search: string }) {
  const { t } = useTranslation();
  return (
    <Section id="profiles-title" title={t('justice.profilesTitle')}>
      <DataTable
        minWidth={360}
        aria-labelledby="profiles-title"
        columns={[t('indicators.partner'), t('justice.profile'), t('justice.courts')]}
      >
        {wb6.map((p) => (
          <Table.Tr key={p.code}>
            <RowHeader>
              {p.code} — {p.name}
            </RowHeader>
            <Table.Td>
              <Anchor component={Link} to={`/justice/${p.code}${search}`} size="sm">
                {t('justice.profileOf', { partner: p.name })}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/justice/${p.code}/courts${search}`} size="sm">
                {t('justice.courtsOf', { partner: p.name })}
              </Anchor>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <Group mt="xs">
        <Anchor component={Link} to="/indicators" size="sm">
          {t('justice.allIndicators')}
        </Anchor>
      </Group>
    </Section>
  );
}
