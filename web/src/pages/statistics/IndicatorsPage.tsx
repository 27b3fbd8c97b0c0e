// Indicator explorer: choose an indicator (grouped by domain), a period and optional breakdown
// filters; the Western Balkan partners compared (bars with the regional median and the region's
// value, or how many partners reported when too few did), each partner over time (lines), the same
// figures in tables, and a CSV download. The choices live in the address (?indicator=…&period=…
// and one parameter per breakdown), so that a link or a reload shows the same view; without a
// chosen period it opens on the latest one with a regional value.
import { Alert, Anchor, Badge, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../platform/api';
import { ErrorAlert } from '../../platform/feedback';
import { PublishedOnlySwitch, usePublishedOnly, type PublishedOnlyChoice } from '../../platform/PublishedOnly';
import { Section } from '../../platform/Section';
import { Muted } from '../../platform/text';
import { RegionNote } from './Coverage';
import { latestCoveredPeriod } from './coverage';
import { IndicatorAbout } from './IndicatorAbout';
import { PartnerBars, PartnerLines } from './IndicatorCharts';
import { useIndicatorChoice, type IndicatorChoice } from './indicator-choice';
import { PeriodTable, SeriesTable, type IndicatorAnswer } from './IndicatorTable';
import { useCatalog, usePartners } from './model';

export function IndicatorsPage() {
  const { t } = useTranslation();
  const catalog = useCatalog();
  const partners = usePartners();
  const choice = useIndicatorChoice(catalog.data);
  const { indicator, filters, chosenPeriod } = choice;
  // Signed-in users open on the published figures too; the switch adds the figures not yet published.
  const figures = usePublishedOnly();
  const query = new URLSearchParams({ ...filters, ...figures.query }).toString();
  const answer = useQuery({
    queryKey: ['indicator-values', indicator?.code, query],
    queryFn: () => api<IndicatorAnswer>('GET', `/indicators/${encodeURIComponent(indicator!.code)}/values${query ? `?${query}` : ''}`),
    enabled: !!indicator,
    placeholderData: (previous) => previous,
  });

  const periods = answer.data?.periods ?? [];
  const period = chosenPeriod && periods.includes(chosenPeriod) ? chosenPeriod : latestCoveredPeriod(periods, answer.data?.region);
  const wb6 = (partners.data?.partners ?? []).filter((p) => p.group === 'WB6');
  const csv = indicator
    ? `/api/v1/indicators/${encodeURIComponent(indicator.code)}/values?${new URLSearchParams({ ...filters, format: 'csv', ...figures.query })}`
    : '#';
  const info = answer.data?.indicator;
  const region = answer.data?.region.find((r) => r.period === period);
  const error = catalog.error ?? partners.error ?? answer.error;

  return (
    <Stack>
      <Title order={2}>{t('indicators.title')}</Title>
      <IndicatorControls choice={choice} periods={periods} period={period} figures={figures} />
      <ErrorAlert error={error} />
      {info && <IndicatorHead info={info} csv={csv} />}
      {answer.data && periods.length === 0 && <Alert color="gray">{t('indicators.noData')}</Alert>}
      {answer.data && period && (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <Section id="bars-title" title={t('indicators.byPartner', { period })}>
            <RegionNote entry={region} />
            <PartnerBars answer={answer.data} wb6={wb6} period={period} />
            <PeriodTable answer={answer.data} partners={partners.data?.partners ?? []} period={period} />
          </Section>
          <Section id="lines-title" title={t('indicators.overTime')}>
            <PartnerLines answer={answer.data} wb6={wb6} />
            <SeriesTable answer={answer.data} partners={wb6} />
          </Section>
        </SimpleGrid>
      )}
    </Stack>
  );
}

interface ControlsProps {
  choice: IndicatorChoice;
  /** The periods of the answer, oldest first. */
  periods: string[];
  period: string | undefined;
  figures: PublishedOnlyChoice;
}

/** The indicator (grouped by domain), the period (newest first), a select per breakdown, and the published-only switch. */
function IndicatorControls({ choice, periods, period, figures }: ControlsProps) {
  const { t } = useTranslation();
  const { indicators, indicator, dims, filters } = choice;
  const domains = [...new Set(indicators.map((i) => i.domain))];
  const grouped = domains.map((d) => ({
    group: t(`domains.${d}`, { defaultValue: d }),
    items: indicators.filter((i) => i.domain === d).map((i) => ({ value: i.code, label: i.label })),
  }));
  return (
    <Group align="flex-end" gap="md">
      <Select
        label={t('indicators.indicator')}
        data={grouped}
        value={indicator?.code ?? null}
        onChange={choice.chooseIndicator}
        allowDeselect={false}
        searchable
        miw={300}
      />
      <Select
        label={t('indicators.period')}
        data={[...periods].reverse()}
        value={period ?? null}
        onChange={choice.setChosenPeriod}
        allowDeselect={false}
        disabled={periods.length === 0}
        placeholder={t('indicators.noPeriods')}
        w={140}
      />
      {dims.map((d) => (
        <Select
          key={d.code}
          label={d.label}
          data={d.codes.map((c) => ({ value: c.code, label: c.label }))}
          value={filters[d.code] ?? null}
          onChange={(v) => choice.setFilter(d.code, v)}
          placeholder={t('indicators.allTotal')}
          clearable
          miw={220}
        />
      ))}
      <PublishedOnlySwitch state={figures} />
    </Group>
  );
}

/** The indicator's name, unit, polarity, description and metadata, how the region's value is formed, and the CSV link. */
function IndicatorHead({ info, csv }: { info: IndicatorAnswer['indicator']; csv: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md">
      <Stack gap={6}>
        <Group gap="xs">
          <Text fw={700}>{info.label}</Text>
          <Badge variant="light">{t('indicators.unit', { unit: info.unit || t('indicators.noUnit') })}</Badge>
          {info.polarity !== 'neutral' && (
            <Badge variant="outline" color="gray">
              {t(`indicators.polarity.${info.polarity}`, { defaultValue: info.polarity })}
            </Badge>
          )}
        </Group>
        {info.description && <Text size="sm">{info.description}</Text>}
        <IndicatorAbout indicator={info} />
        <Muted>
          {t(`indicators.aggregation.${info.aggregation}`, {
            defaultValue: t('indicators.aggregation.other', { rule: info.aggregation }),
          })}
        </Muted>
        <Anchor href={csv} download size="sm" w="fit-content">
          {t('indicators.downloadCsv')}
        </Anchor>
      </Stack>
    </Paper>
  );
}
