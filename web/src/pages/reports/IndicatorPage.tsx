// An indicator's public page: the partners compared for one period (bars, with the regional value
// and median) and over the periods (lines breaking where a period has no figure), the same figures
// in tables (each partner linking to its profile), on the map, and the metadata; downloads of the
// view and of the whole indicator. Every choice (tab, period, breakdown, labels, "as of") is a
// parameter of the address, so that a copied link reproduces the view. The public reads published
// figures only (the API sees to it); signed-in users see the marks of figures not yet published.
import { Alert, Badge, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, type Partner } from '../../platform/api';
import { BackLink } from '../../platform/BackLink';
import { ErrorAlert } from '../../platform/feedback';
import { usePublishedOnly } from '../../platform/PublishedOnly';
import { Loading } from '../../platform/QueryState';
import { Section } from '../../platform/Section';
import { latestCoveredPeriod } from '../statistics/coverage';
import { RegionNote } from '../statistics/Coverage';
import { PartnerBars, PartnerLines } from '../statistics/IndicatorCharts';
import { dimensionsOf } from '../statistics/indicator-choice';
import type { IndicatorAnswer } from '../statistics/IndicatorTable';
import { useCatalog, usePartners, type Dimension, type IndicatorDef } from '../statistics/model';
import { Downloads } from './Downloads';
import { FetchedIndicatorMap } from './IndicatorMap';
import { IndicatorMetadata } from './IndicatorMetadata';
import {
  coverageIn,
  DESIGNATED,
  figuresQuery,
  labelOf,
  portalPaths,
  readView,
  TABS,
  useReleaseCoverage,
  type IndicatorView,
} from './model';
import { DesignationNote, NotInCatalogue, Note } from './Notes';
import { PeriodValueTable, SeriesValueTable } from './ValueTables';
import { useAddressParams } from './useAddressParams';
import { ViewControls } from './ViewControls';

/** The indicator of the address, the view its parameters describe, and the figures of that view. */
function useIndicatorView(code: string) {
  const catalog = useCatalog();
  const figures = usePublishedOnly();
  const { params, set } = useAddressParams();
  const indicator = catalog.data?.indicators.find((i) => i.code === code);
  const dims = useMemo(() => (catalog.data ? dimensionsOf(catalog.data, indicator?.variables ?? []) : []), [catalog.data, indicator]);
  const view = readView(
    params,
    dims.map((d) => d.code),
  );
  const query = new URLSearchParams(figuresQuery(view, figures.query)).toString();
  const path = `/indicators/${encodeURIComponent(code)}/values${query ? `?${query}` : ''}`;
  const answer = useQuery({
    queryKey: ['indicator-values', code, path],
    queryFn: () => api<IndicatorAnswer>('GET', path),
    enabled: !!indicator,
    placeholderData: (previous) => (previous?.indicator.code === code ? previous : undefined),
  });
  return { catalog, figures, set, indicator, dims, view, answer };
}

export function IndicatorPage() {
  const { t } = useTranslation();
  const code = useParams().code ?? '';
  const partners = usePartners();
  const { catalog, figures, set, indicator, dims, view, answer } = useIndicatorView(code);

  const all = useMemo(() => partners.data?.partners ?? [], [partners.data]);
  const names = useMemo(() => new Map(all.map((p) => [p.code, p.name])), [all]);
  const wb6 = useMemo(() => all.filter((p) => p.group === 'WB6'), [all]);
  const nameOf = useCallback((c: string) => labelOf(c, names.get(c), view.labels), [names, view.labels]);
  const periods = answer.data?.periods ?? [];
  const period = view.period && periods.includes(view.period) ? view.period : latestCoveredPeriod(periods, answer.data?.region ?? []);
  const released = useReleaseCoverage({ asOf: view.asOf });
  const releasedAt = coverageIn(released.data, 'indicator', code).releasedAt;
  const described = describeView(view, period, dims, t('portal.indicator.total'));
  const error = catalog.error ?? partners.error ?? answer.error;
  const back = <BackLink to={portalPaths.catalogue}>{t('portal.catalogue.title')}</BackLink>;

  if (catalog.data && !indicator) return <NotInCatalogue back={back}>{t('portal.indicator.notFound', { code })}</NotInCatalogue>;
  if (!indicator || !answer.data)
    return error ? (
      <Stack>
        {back}
        <ErrorAlert error={error} />
      </Stack>
    ) : (
      <Loading label={t('portal.indicator.loading')} />
    );

  return (
    <Stack>
      {back}
      <IndicatorHeader indicator={indicator} />
      <ViewControls view={view} periods={periods} period={period} dimensions={dims} figures={figures} set={set} />
      {view.asOf && <Note>{t('portal.asOf.note', { date: view.asOf })}</Note>}
      <ErrorAlert error={error} />
      {periods.length === 0 && <Alert color="gray">{t('portal.indicator.noData')}</Alert>}
      {period && (
        <Tabs value={view.tab} onChange={(v) => set('tab', v === 'chart' ? null : v)} keepMounted={false}>
          <Tabs.List aria-label={t('portal.tabs.label')}>
            {TABS.map((tab) => (
              <Tabs.Tab key={tab} value={tab}>
                {t(`portal.tabs.${tab}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <TabPanels shown={{ answer: answer.data, view, period, described, names, nameOf }} wb6={wb6} releasedAt={releasedAt} />
        </Tabs>
      )}
      {period && <Downloads code={indicator.code} view={view} period={period} described={described} read={figures.query} />}
      <DesignationNote shown={names.has(DESIGNATED)} />
    </Stack>
  );
}

/** The indicator's name, unit, domain, code and description. */
function IndicatorHeader({ indicator }: { indicator: IndicatorDef }) {
  const { t } = useTranslation();
  return (
    <>
      <Title order={2}>{indicator.label}</Title>
      <Group gap="xs">
        <Badge variant="light" tt="none">
          {t('indicators.unit', { unit: indicator.unit || t('indicators.noUnit') })}
        </Badge>
        <Text span size="sm" c="gray.7">
          {t('portal.indicator.domain', { domain: t(`domains.${indicator.domain}`, { defaultValue: indicator.domain }) })}
        </Text>
        <Text span size="sm" ff="monospace" c="gray.7">
          {indicator.code}
        </Text>
      </Group>
      {indicator.description && <Text>{indicator.description}</Text>}
    </>
  );
}

/** The figures shown and how: the answer, the view and its period in words, and how partners are named. */
interface Shown {
  answer: IndicatorAnswer;
  view: IndicatorView;
  period: string;
  described: string;
  names: Map<string, string>;
  nameOf: (code: string) => string;
}

/** The tabs' contents: charts, tables, map and metadata. */
function TabPanels({ shown, wb6, releasedAt }: { shown: Shown; wb6: Partner[]; releasedAt: string | null }) {
  const { t } = useTranslation();
  const { answer: data, view, period, described, names, nameOf } = shown;
  const label = data.indicator.label;
  return (
    <>
      <Tabs.Panel value="chart" pt="md">
        <Stack gap="lg">
          <Section id="chart-bars" title={t('portal.indicator.compared', { view: described })} gap="xs">
            <RegionNote entry={data.region.find((r) => r.period === period)} />
            <PartnerBars
              answer={data}
              wb6={wb6}
              period={period}
              nameOf={nameOf}
              label={t('portal.indicator.barsLabel', { indicator: label, view: described })}
            />
          </Section>
          <Section id="chart-lines" title={t('portal.indicator.series')} gap="xs">
            <PartnerLines answer={data} wb6={wb6} nameOf={nameOf} label={t('portal.indicator.linesLabel', { indicator: label })} />
            <Note>{t('portal.indicator.gaps')}</Note>
          </Section>
        </Stack>
      </Tabs.Panel>
      <Tabs.Panel value="table" pt="md">
        <Stack gap="lg">
          <PeriodFigures shown={shown} />
          <SeriesValueTable
            answer={data}
            names={names}
            labels={view.labels}
            partners={wb6.map((p) => p.code)}
            caption={t('portal.indicator.seriesCaption', { indicator: label })}
          />
        </Stack>
      </Tabs.Panel>
      <Tabs.Panel value="map" pt="md">
        <MapPanel shown={shown} />
      </Tabs.Panel>
      <Tabs.Panel value="metadata" pt="md">
        <IndicatorMetadata answer={data} releasedAt={releasedAt} />
      </Tabs.Panel>
    </>
  );
}

/** The partners' figures of the period, under the tables and under the map. */
function PeriodFigures({ shown: { answer, names, view, period, described } }: { shown: Shown }) {
  const { t } = useTranslation();
  return (
    <PeriodValueTable
      answer={answer}
      names={names}
      labels={view.labels}
      period={period}
      caption={t('portal.indicator.periodCaption', { indicator: answer.indicator.label, view: described })}
    />
  );
}

/** The map tab: the geometry is fetched when the tab is first shown; the table below gives the figures. */
function MapPanel({ shown }: { shown: Shown }) {
  const { t } = useTranslation();
  const { answer, period, nameOf, described, view, names } = shown;
  const label = answer.indicator.label;
  return (
    <Stack gap="lg">
      <Section id="map-title" title={t('portal.map.title', { indicator: label, view: described })} gap="xs">
        <FetchedIndicatorMap
          answer={answer}
          period={period}
          nameOf={nameOf}
          shortNameOf={(c) => labelOf(c, names.get(c), view.labels === 'both' ? 'code' : view.labels)}
          label={t('portal.map.label', { indicator: label, view: described })}
        />
      </Section>
      <PeriodFigures shown={shown} />
    </Stack>
  );
}

/** The view in words: the period and each chosen breakdown ('2021, Case category: Civil litigious'), or the total. */
function describeView(view: IndicatorView, period: string | undefined, dims: Dimension[], total: string): string {
  const parts = dims
    .filter((d) => view.breakdown[d.code])
    .map((d) => {
      const code = view.breakdown[d.code]!;
      return `${d.label}: ${labelOf(code, d.codes.find((c) => c.code === code)?.label, view.labels)}`;
    });
  return [period ?? '', ...(parts.length ? parts : [total])].filter(Boolean).join(', ');
}
