// Partner profile (public): the key justice indicators of one partner for a year against the
// regional median (table and chart; where too few partners reported, how many did, and no
// comparison), the correspondent's comments beside them, and the trends. It opens on the latest
// year of the partner with a regional value.
import { Alert, Anchor, Grid, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../platform/api';
import { BackLink } from '../../platform/BackLink';
import { DataTable, rightAligned, RowHeader } from '../../platform/DataTable';
import { formatNumber, withUnit } from '../../platform/format';
import { ErrorAlert } from '../../platform/feedback';
import { Section } from '../../platform/Section';
import { Muted } from '../../platform/text';
import { latestCoveredPeriod, regionMedian } from '../statistics/coverage';
import { NoRegionValue } from '../statistics/Coverage';
import { IndicatorAbout } from '../statistics/IndicatorAbout';
import { FigureValue } from '../statistics/FigureMarks';
import { RegionValue, type IndicatorAnswer } from '../statistics/IndicatorTable';
import { useCatalog, usePartners, type Catalog } from '../statistics/model';
import { CommentsPanel } from './CommentsPanel';
import { AddressFilters, NoPartnerData } from './Filters';
import { csvHref, hasCategories, KEY_INDICATORS, pickYear, useJusticeFilters, valuesPath } from './model';
import { comparison, RelativeChart, TrendChart, type ProfileRow } from './ProfileCharts';
import { CsvLink } from './ScoreboardPage';

const COMPARISON_COLORS = { better: 'green.8', worse: 'orange.9', equal: 'gray.7' } as const;

interface Loaded {
  data: IndicatorAnswer | undefined;
  error: Error | null;
}
// A stable function, so that the combined result only changes when an answer does.
const combine = (results: Loaded[]): Loaded[] => results.map((r) => ({ data: r.data, error: r.error }));
const own = (a: IndicatorAnswer | undefined, partner: string) =>
  (a?.values ?? []).filter((v) => v.partner === partner && v.orgUnit === null);

function profileRows(answers: Loaded[], partner: string, year: string | undefined): ProfileRow[] {
  return answers.flatMap((a) => {
    if (!a.data) return [];
    const { code, label, unit, decimals, polarity } = a.data.indicator;
    const entry = a.data.region.find((r) => r.period === year);
    const figure = own(a.data, partner).find((v) => v.period === year);
    const value = figure?.value ?? null;
    return [{ code, label, unit, decimals, polarity, value, median: regionMedian(entry), entry, figure }];
  });
}

/** The key indicators of the partner as the filters choose them, the partner's years and the year shown. */
function useProfileAnswers(partner: string, filters: ReturnType<typeof useJusticeFilters>, catalog: Catalog | undefined, known: boolean) {
  // Case indicators follow the chosen category; judges per inhabitant are always the total.
  const params = (code: string) => ({ partner, ...(hasCategories(catalog, code) ? filters.dims : {}), ...filters.read });
  const answers = useQueries({
    queries: KEY_INDICATORS.map((code) => {
      const path = valuesPath(code, params(code));
      return {
        queryKey: ['indicator-values', code, path],
        queryFn: () => api<IndicatorAnswer>('GET', path),
        enabled: !!catalog && known,
        placeholderData: (previous: IndicatorAnswer | undefined) => previous,
      };
    }),
    combine,
  });
  const periods = [...new Set(answers.flatMap((a) => own(a.data, partner).map((v) => v.period)))].sort();
  const year = pickYear(periods, filters.year, latestCoveredPeriod(periods, ...answers.map((a) => a.data?.region)));
  const rows = useMemo(() => profileRows(answers, partner, year), [answers, partner, year]);
  return { params, answers, periods, year, rows };
}

export function PartnerPage() {
  const { t } = useTranslation();
  const partner = (useParams().partner ?? '').toUpperCase();
  const filters = useJusticeFilters();
  const catalog = useCatalog();
  const partners = usePartners();
  const known = partners.data?.partners.find((p) => p.code === partner);
  const name = known?.name ?? partner;
  const profile = useProfileAnswers(partner, filters, catalog.data, !!known);
  const { answers, periods, year, rows } = profile;
  const [trend, setTrend] = useState<string>(KEY_INDICATORS[0]);
  const error = partners.error ?? catalog.error ?? answers.find((a) => a.error)?.error;
  const loaded = answers.every((a) => a.data);

  return (
    <Stack>
      <Group gap="md">
        <BackLink to={`/justice${filters.search}`}>{t('justice.backToScoreboard')}</BackLink>
        <Anchor component={Link} to={`/justice/${partner}/courts${filters.search}`} size="sm">
          {t('justice.courtsOf', { partner: name })}
        </Anchor>
      </Group>
      <Title order={2}>{t('justice.profileTitle', { partner: name })}</Title>
      <Text>{t('justice.profileIntro')}</Text>
      {partners.data && !known && (
        <Alert color="red" role="alert">
          {t('justice.unknownPartner', { partner })}
        </Alert>
      )}
      <AddressFilters filters={filters} periods={periods} year={year} />
      <ErrorAlert error={error} />
      {known && loaded && periods.length === 0 && <NoPartnerData filters={filters} partnerName={name} />}
      {year && (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Section id="key-title" title={t('justice.keyTitle', { partner: name, year })} gap="xs">
              {filters.category !== 'all' && <Muted>{t('justice.judgesTotal')}</Muted>}
              <KeyTable rows={rows} partnerName={name} year={year} />
              {rows.some((r) => r.value !== null && r.median !== null) ? (
                <>
                  <Muted>{t('justice.relativeNote')}</Muted>
                  <RelativeChart rows={rows} partnerName={name} year={year} />
                </>
              ) : (
                <Muted>{t('justice.noRelative', { year })}</Muted>
              )}
            </Section>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <CommentsPanel partner={partner} year={year} catalog={catalog.data} />
          </Grid.Col>
        </Grid>
      )}
      {periods.length > 0 && <TrendSection profile={profile} partner={partner} partnerName={name} trend={trend} onTrend={setTrend} />}
    </Stack>
  );
}

interface TrendProps {
  profile: ReturnType<typeof useProfileAnswers>;
  partner: string;
  partnerName: string;
  /** The indicator shown over the years. */
  trend: string;
  onTrend: (code: string) => void;
}

/** One key indicator over the years, chosen from a list: what it is, a chart, the table of all of them and a CSV. */
function TrendSection({ profile, partner, partnerName, trend, onTrend }: TrendProps) {
  const { t } = useTranslation();
  const { answers, rows, periods, params } = profile;
  const trendAnswer = answers[KEY_INDICATORS.indexOf(trend as (typeof KEY_INDICATORS)[number])]?.data;
  return (
    <Section id="profile-trend-title" title={t('justice.profileTrends')} gap="xs">
      <Select
        label={t('justice.trendOf')}
        data={rows.map((r) => ({ value: r.code, label: r.label }))}
        value={trend}
        onChange={(v) => v && onTrend(v)}
        allowDeselect={false}
        maw={360}
      />
      {trendAnswer && <IndicatorAbout indicator={trendAnswer.indicator} />}
      {trendAnswer && <TrendChart answer={trendAnswer} partner={partner} partnerName={partnerName} />}
      <TrendTable answers={answers.map((a) => a.data)} partner={partner} periods={periods} />
      <CsvLink
        href={csvHref(trend, params(trend))}
        what={t('justice.trendCsv', { indicator: trendAnswer?.indicator.label ?? trend, partner: partnerName })}
      />
    </Section>
  );
}

function KeyTable({ rows, partnerName, year }: { rows: ProfileRow[]; partnerName: string; year: string }) {
  const { t } = useTranslation();
  return (
    <DataTable
      minWidth={600}
      striped
      aria-label={t('justice.keyTitle', { partner: partnerName, year })}
      columns={[
        t('indicators.indicator'),
        { label: partnerName, ta: 'right' },
        { label: t('justice.medianColumn'), ta: 'right' },
        { label: t('justice.regionColumn'), ta: 'right' },
        t('justice.comparedColumn'),
      ]}
    >
      {rows.map((r) => {
        const c = comparison(r);
        return (
          <Table.Tr key={r.code}>
            <RowHeader>{withUnit(r.label, r.unit)}</RowHeader>
            <Table.Td ta="right" fw={700}>
              <FigureValue text={formatNumber(r.value, r.decimals)} {...r.figure} />
            </Table.Td>
            <Table.Td ta="right">
              {r.median !== null ? formatNumber(r.median, r.decimals) : <NoRegionValue members={r.entry?.members ?? 0} />}
            </Table.Td>
            <Table.Td ta="right">
              <RegionValue entry={r.entry} decimals={r.decimals} />
            </Table.Td>
            <Table.Td>
              {c ? (
                <Text size="sm" fw={600} c={COMPARISON_COLORS[c]}>
                  {t(`justice.compared.${c}`)}
                </Text>
              ) : (
                <Muted>{t(r.median === null ? 'justice.compared.noMedian' : 'justice.compared.none')}</Muted>
              )}
            </Table.Td>
          </Table.Tr>
        );
      })}
    </DataTable>
  );
}

function TrendTable({ answers, partner, periods }: { answers: (IndicatorAnswer | undefined)[]; partner: string; periods: string[] }) {
  const { t } = useTranslation();
  return (
    <DataTable
      minWidth={260 + periods.length * 90}
      striped
      aria-label={t('justice.profileTrends')}
      columns={[t('indicators.indicator'), ...rightAligned(periods)]}
    >
      {answers.map(
        (a) =>
          a && (
            <Table.Tr key={a.indicator.code}>
              <RowHeader>{withUnit(a.indicator.label, a.indicator.unit)}</RowHeader>
              {periods.map((p) => {
                const v = a.values.find((x) => x.partner === partner && x.period === p && x.orgUnit === null);
                return (
                  <Table.Td key={p} ta="right">
                    <FigureValue text={formatNumber(v?.value, a.indicator.decimals)} {...v} />
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ),
      )}
    </DataTable>
  );
}
