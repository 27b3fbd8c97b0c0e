// Partner profile (public): the key justice indicators of one partner for a year against the
// regional median (table and chart), the correspondent's comments beside them, and the trends.
import { Alert, Anchor, Grid, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../platform/api';
import { formatNumber, type IndicatorAnswer } from '../statistics/IndicatorTable';
import { useCatalog, usePartners } from '../statistics/model';
import { CommentsPanel } from './CommentsPanel';
import { JusticeFilters } from './Filters';
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
    const region = a.data.region.find((r) => r.period === year);
    const value = own(a.data, partner).find((v) => v.period === year)?.value ?? null;
    return [{ code, label, unit, decimals, polarity, value, median: region?.median ?? null, region: region?.value ?? null }];
  });
}

export function PartnerPage() {
  const { t } = useTranslation();
  const partner = (useParams().partner ?? '').toUpperCase();
  const filters = useJusticeFilters();
  const catalog = useCatalog();
  const partners = usePartners();
  const [trend, setTrend] = useState<string>(KEY_INDICATORS[0]);
  const known = partners.data?.partners.find((p) => p.code === partner);
  const name = known?.name ?? partner;
  // Case indicators follow the chosen category; judges per inhabitant are always the total.
  const params = (code: string) => ({ partner, ...(hasCategories(catalog.data, code) ? filters.dims : {}) });
  const answers = useQueries({
    queries: KEY_INDICATORS.map((code) => {
      const path = valuesPath(code, params(code));
      return {
        queryKey: ['indicator-values', code, path],
        queryFn: () => api<IndicatorAnswer>('GET', path),
        enabled: !!catalog.data && !!known,
        placeholderData: (previous: IndicatorAnswer | undefined) => previous,
      };
    }),
    combine,
  });
  const periods = [...new Set(answers.flatMap((a) => own(a.data, partner).map((v) => v.period)))].sort();
  const year = pickYear(periods, filters.year);
  const rows = useMemo(() => profileRows(answers, partner, year), [answers, partner, year]);
  const trendAnswer = answers[KEY_INDICATORS.indexOf(trend as (typeof KEY_INDICATORS)[number])]?.data;
  const error = partners.error ?? catalog.error ?? answers.find((a) => a.error)?.error;
  const loaded = answers.every((a) => a.data);

  return (
    <Stack>
      <Group gap="md">
        <Anchor component={Link} to={`/justice${filters.search}`} size="sm">
          ← {t('justice.backToScoreboard')}
        </Anchor>
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
      <JusticeFilters periods={periods} year={year} onYear={filters.setYear} category={filters.category} onCategory={filters.setCategory} />
      {error && (
        <Alert color="red" role="alert">
          {error.message}
        </Alert>
      )}
      {known && loaded && periods.length === 0 && <Alert color="gray">{t('justice.noPartnerData', { partner: name })}</Alert>}
      {year && (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Paper withBorder p="md" component="section" aria-labelledby="key-title">
              <Stack gap="xs">
                <Title order={3} size="h4" id="key-title">
                  {t('justice.keyTitle', { partner: name, year })}
                </Title>
                {filters.category !== 'all' && (
                  <Text size="sm" c="dimmed">
                    {t('justice.judgesTotal')}
                  </Text>
                )}
                <KeyTable rows={rows} partnerName={name} year={year} />
                <Text size="sm" c="dimmed">
                  {t('justice.relativeNote')}
                </Text>
                <RelativeChart rows={rows} partnerName={name} year={year} />
              </Stack>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <CommentsPanel partner={partner} year={year} catalog={catalog.data} />
          </Grid.Col>
        </Grid>
      )}
      {periods.length > 0 && (
        <Paper withBorder p="md" component="section" aria-labelledby="profile-trend-title">
          <Stack gap="xs">
            <Title order={3} size="h4" id="profile-trend-title">
              {t('justice.profileTrends')}
            </Title>
            <Select
              label={t('justice.trendOf')}
              data={rows.map((r) => ({ value: r.code, label: r.label }))}
              value={trend}
              onChange={(v) => v && setTrend(v)}
              allowDeselect={false}
              maw={360}
            />
            {trendAnswer && <TrendChart answer={trendAnswer} partner={partner} partnerName={name} />}
            <TrendTable answers={answers.map((a) => a.data)} partner={partner} periods={periods} />
            <CsvLink
              href={csvHref(trend, params(trend))}
              what={t('justice.trendCsv', { indicator: trendAnswer?.indicator.label ?? trend, partner: name })}
            />
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

function KeyTable({ rows, partnerName, year }: { rows: ProfileRow[]; partnerName: string; year: string }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped aria-label={t('justice.keyTitle', { partner: partnerName, year })}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('indicators.indicator')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {partnerName}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('justice.medianColumn')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('justice.regionColumn')}
            </Table.Th>
            <Table.Th scope="col">{t('justice.comparedColumn')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => {
            const c = comparison(r);
            return (
              <Table.Tr key={r.code}>
                <Table.Th scope="row" fw={400}>
                  {r.label}
                  {r.unit ? ` (${r.unit})` : ''}
                </Table.Th>
                <Table.Td ta="right" fw={700}>
                  {formatNumber(r.value, r.decimals)}
                </Table.Td>
                <Table.Td ta="right">{formatNumber(r.median, r.decimals)}</Table.Td>
                <Table.Td ta="right">{formatNumber(r.region, r.decimals)}</Table.Td>
                <Table.Td>
                  {c ? (
                    <Text size="sm" fw={600} c={COMPARISON_COLORS[c]}>
                      {t(`justice.compared.${c}`)}
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('justice.compared.none')}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function TrendTable({ answers, partner, periods }: { answers: (IndicatorAnswer | undefined)[]; partner: string; periods: string[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={260 + periods.length * 90}>
      <Table striped aria-label={t('justice.profileTrends')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('indicators.indicator')}</Table.Th>
            {periods.map((p) => (
              <Table.Th key={p} scope="col" ta="right">
                {p}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {answers.map(
            (a) =>
              a && (
                <Table.Tr key={a.indicator.code}>
                  <Table.Th scope="row" fw={400}>
                    {a.indicator.label}
                    {a.indicator.unit ? ` (${a.indicator.unit})` : ''}
                  </Table.Th>
                  {periods.map((p) => (
                    <Table.Td key={p} ta="right">
                      {formatNumber(
                        a.values.find((v) => v.partner === partner && v.period === p && v.orgUnit === null)?.value,
                        a.indicator.decimals,
                      )}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ),
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
