// A domain of the catalogue (public), made from the catalogue alone so that a new catalogue file
// gives a working page: the domain's name and description, each indicator's latest regional value
// and median with the partners they stand on and its last periods, a map of the first indicator
// with figures, who has published each recent period of its datasets, and the plan actions
// followed with its indicators. Published figures only, whoever reads it.
import { Anchor, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, type Partner } from '../../platform/api';
import { BackLink } from '../../platform/BackLink';
import { rightAligned, RowHeader } from '../../platform/DataTable';
import { ErrorAlert } from '../../platform/feedback';
import { formatDate, formatFigure, withUnit } from '../../platform/format';
import { Loading } from '../../platform/QueryState';
import { Section } from '../../platform/Section';
import { useSession } from '../../platform/session';
import { pages as commitmentPages, usePlans, type Plan } from '../commitments/model';
import { hasRegionValue, latestCoveredPeriod, regionMedian, REGION_SIZE } from '../statistics/coverage';
import { NoRegionValue, useCoverageTexts } from '../statistics/Coverage';
import { RegionValue, type IndicatorAnswer } from '../statistics/IndicatorTable';
import { useCatalog, usePartners, type Dataset, type IndicatorDef } from '../statistics/model';
import { answersPath, hasAnswers } from './answers';
import { domainContent, linkedActions, recentRegion, type CatalogWithDomains } from './domain';
import { FetchedIndicatorMap } from './IndicatorMap';
import { DESIGNATED, labelOf, portalPaths, usePublishedPeriods } from './model';
import { CaptionedTable, DesignationNote, NotInCatalogue, Note } from './Notes';
import { PeriodValueTable } from './ValueTables';

/** The periods of an indicator's trend table and of a dataset's reporting status. */
const RECENT_PERIODS = 4;

/** The published figures of an indicator, as the indicator page reads them (the same cache entry). */
function valuesPath(code: string, signedIn: boolean): string {
  // The public reads published figures only; a signed-in reader asks for them explicitly.
  return `/indicators/${encodeURIComponent(code)}/values${signedIn ? '?publishedOnly=true' : ''}`;
}

export function DomainPage() {
  const { t } = useTranslation();
  const code = useParams().domain ?? '';
  const catalog = useCatalog();
  const partners = usePartners();
  const { user } = useSession();
  const content = useMemo(() => (catalog.data ? domainContent(catalog.data as CatalogWithDomains, code) : null), [catalog.data, code]);
  const indicators = content?.indicators ?? [];
  const answers = useQueries({
    queries: indicators.map((i) => {
      const path = valuesPath(i.code, user !== null);
      return { queryKey: ['indicator-values', i.code, path], queryFn: () => api<IndicatorAnswer>('GET', path) };
    }),
  });
  const all = useMemo(() => partners.data?.partners ?? [], [partners.data]);
  const wb6 = useMemo(() => all.filter((p) => p.group === 'WB6'), [all]);
  const back = <BackLink to={portalPaths.catalogue}>{t('portal.catalogue.title')}</BackLink>;
  const error = catalog.error ?? partners.error;

  if (!catalog.data) return error ? <ErrorAlert error={error} /> : <Loading label={t('domainPage.loading')} />;
  if (!content) return <NotInCatalogue back={back}>{t('domainPage.notFound', { code })}</NotInCatalogue>;
  const name = t(`domains.${code}`, { defaultValue: content.label ?? code });
  const mapped = indicators.findIndex((_i, n) => (answers[n]?.data?.periods.length ?? 0) > 0);

  return (
    <Stack>
      {back}
      <Title order={2}>{name}</Title>
      {content.label && content.label !== name && <Text fw={500}>{content.label}</Text>}
      <Text>
        {content.description ??
          (content.datasets.length
            ? t('domainPage.datasetsAre', { datasets: content.datasets.map((d) => d.label).join('; ') })
            : t('domainPage.noDatasets'))}
      </Text>
      <Note>{t('domainPage.publishedOnly')}</Note>
      <ErrorAlert error={error} />
      <Section id="domain-indicators" title={t('domainPage.indicators')} plain gap="xs">
        {indicators.length === 0 ? (
          <Note>{t('domainPage.noIndicators')}</Note>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {indicators.map((indicator, n) => (
              <IndicatorCard key={indicator.code} indicator={indicator} answer={answers[n]!} />
            ))}
          </SimpleGrid>
        )}
      </Section>
      {mapped >= 0 && <MapSection answer={answers[mapped]!.data!} partners={all} />}
      <Section id="domain-status" title={t('domainPage.status')} plain gap="xs">
        <Note>{t('domainPage.statusIntro')}</Note>
        {content.datasets.length === 0 ? (
          <Note>{t('domainPage.noDatasets')}</Note>
        ) : (
          content.datasets.map((d) => <DatasetStatus key={d.code} dataset={d} wb6={wb6} answers={hasAnswers(catalog.data, d)} />)
        )}
      </Section>
      <CommitmentsSection indicators={indicators} />
      <DesignationNote shown={wb6.some((p) => p.code === DESIGNATED)} />
    </Stack>
  );
}

/** One indicator: its latest regional value and median with their coverage, and its last periods. */
function IndicatorCard({ indicator, answer }: { indicator: IndicatorDef; answer: UseQueryResult<IndicatorAnswer> }) {
  const { t } = useTranslation();
  const coverage = useCoverageTexts();
  const id = `domain-indicator-${indicator.code.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const title = (
    <Anchor component={Link} to={portalPaths.indicator(indicator.code)} inherit>
      {indicator.label}
    </Anchor>
  );
  const data = answer.data;
  const period = data ? latestCoveredPeriod(data.periods, data.region) : undefined;
  const latest = data?.region.find((r) => r.period === period);
  const median = regionMedian(latest);
  const { unit, decimals } = indicator;
  return (
    <Section id={id} title={title} order={4} gap="xs">
      {indicator.description && <Note>{indicator.description}</Note>}
      <ErrorAlert error={answer.error} />
      {!data ? (
        !answer.error && <Loading label={t('domainPage.loadingIndicator', { indicator: indicator.label })} />
      ) : !period ? (
        <Note>{t('domainPage.noFigures')}</Note>
      ) : (
        <>
          <Text size="sm">{t('domainPage.latest', { period })}</Text>
          {hasRegionValue(latest) ? (
            <Group gap="xl" align="flex-start">
              <Stack gap={0}>
                <Text size="sm" c="gray.7">
                  {coverage.covered(latest.members)}
                </Text>
                <Text size="xl" fw={700}>
                  {formatFigure(latest.value, unit, decimals)}
                </Text>
              </Stack>
              <Stack gap={0}>
                <Text size="sm" c="gray.7">
                  {t('domainPage.medianOf', { members: latest.members, size: REGION_SIZE })}
                </Text>
                <Text size="xl" fw={700}>
                  {formatFigure(median, unit, decimals)}
                </Text>
              </Stack>
            </Group>
          ) : (
            <NoRegionValue members={latest?.members ?? 0} />
          )}
          <CaptionedTable
            minWidth={300}
            caption={t('domainPage.trendCaption', { indicator: indicator.label })}
            columns={[
              t('portal.period'),
              ...rightAligned([withUnit(t('indicators.region'), unit), withUnit(t('indicators.median'), unit)]),
            ]}
          >
            {recentRegion(data.periods, data.region, RECENT_PERIODS).map((entry) => (
              <Table.Tr key={entry.period}>
                <RowHeader>{entry.period}</RowHeader>
                <Table.Td ta="right">
                  <RegionValue entry={entry} decimals={decimals} />
                </Table.Td>
                <Table.Td ta="right">
                  <RegionValue entry={entry} decimals={decimals} figure="median" />
                </Table.Td>
              </Table.Tr>
            ))}
          </CaptionedTable>
        </>
      )}
    </Section>
  );
}

/** The first indicator with figures on the map for its latest period, with the same figures in a table. */
function MapSection({ answer, partners }: { answer: IndicatorAnswer; partners: Partner[] }) {
  const { t } = useTranslation();
  const names = useMemo(() => new Map(partners.map((p) => [p.code, p.name])), [partners]);
  const period = latestCoveredPeriod(answer.periods, answer.region)!;
  const label = answer.indicator.label;
  return (
    <Section id="domain-map" title={t('portal.map.title', { indicator: label, view: period })} plain gap="xs">
      <FetchedIndicatorMap
        answer={answer}
        period={period}
        nameOf={(c) => labelOf(c, names.get(c), 'name')}
        shortNameOf={(c) => labelOf(c, names.get(c), 'code')}
        label={t('portal.map.label', { indicator: label, view: period })}
      />
      <PeriodValueTable
        answer={answer}
        names={names}
        labels="name"
        period={period}
        caption={t('portal.indicator.periodCaption', { indicator: label, view: period })}
      />
    </Section>
  );
}

/** Who has published each recent period of a dataset, from its first period with a release; the grid of its answers if it has coded ones. */
function DatasetStatus({ dataset, wb6, answers }: { dataset: Dataset; wb6: Partner[]; answers: boolean }) {
  const { t } = useTranslation();
  const { published, status, periods } = usePublishedPeriods(dataset.code, RECENT_PERIODS);
  const nameOf = (code: string) => labelOf(code, wb6.find((p) => p.code === code)?.name, 'name');
  const id = `domain-status-${dataset.code.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const loaded = published.data && status.data;
  return (
    <Section id={id} title={dataset.label} order={4} gap="xs">
      <Anchor component={Link} to={portalPaths.dataset(dataset.code)} size="sm" w="fit-content">
        {t('domainPage.datasetLink', { dataset: dataset.label })}
      </Anchor>
      {answers && (
        <Anchor component={Link} to={answersPath(dataset.code)} size="sm" w="fit-content">
          {t('domainPage.answersLink', { dataset: dataset.label })}
        </Anchor>
      )}
      <ErrorAlert error={published.error ?? status.error} />
      {!loaded ? (
        !(published.error ?? status.error) && <Loading label={t('domainPage.loadingStatus', { dataset: dataset.label })} />
      ) : periods.length === 0 ? (
        <Note>{t('domainPage.nothingPublished')}</Note>
      ) : (
        <CaptionedTable
          minWidth={480}
          caption={t('domainPage.statusCaption', { dataset: dataset.label })}
          columns={[t('portal.period'), t('domainPage.publishedBy'), t('domainPage.waitingFor')]}
        >
          {periods.map((p) => {
            const done = wb6.filter((w) => p.partners.some((r) => r.partner === w.code && r.publishedAt !== null));
            const waiting = wb6.filter((w) => !done.includes(w));
            return (
              <Table.Tr key={p.period}>
                <RowHeader>
                  {p.period}
                  <Note size="xs">{t('domainPage.due', { date: formatDate(p.dueDate) })}</Note>
                </RowHeader>
                <Table.Td>
                  {done.length ? done.map((w) => nameOf(w.code)).join(', ') : t('domainPage.nobody')}
                  <Note size="xs">{t('portal.catalogue.partnersOf', { count: done.length, size: REGION_SIZE })}</Note>
                </Table.Td>
                <Table.Td>{waiting.length ? waiting.map((w) => nameOf(w.code)).join(', ') : t('domainPage.nobody')}</Table.Td>
              </Table.Tr>
            );
          })}
        </CaptionedTable>
      )}
    </Section>
  );
}

/** The plan actions followed with the domain's indicators (every plan read once, as the plan pages read them). */
function CommitmentsSection({ indicators }: { indicators: IndicatorDef[] }) {
  const { t } = useTranslation();
  const plans = usePlans();
  const details = useQueries({
    queries: (plans.data?.plans ?? []).map((p) => ({
      queryKey: ['plan', p.code],
      queryFn: () => api<Plan>('GET', `/plans/${encodeURIComponent(p.code)}`),
    })),
  });
  const loaded = details.every((d) => d.data);
  const linked = linkedActions(
    details.map((d) => d.data).filter((d) => d !== undefined),
    new Set(indicators.map((i) => i.code)),
  );
  const labelOfIndicator = (code: string) => indicators.find((i) => i.code === code)?.label ?? code;
  const error = plans.error ?? details.find((d) => d.error)?.error;
  return (
    <Section id="domain-commitments" title={t('domainPage.commitments')} plain gap="xs">
      <Note>{t('domainPage.commitmentsIntro')}</Note>
      <ErrorAlert error={error} />
      {!plans.data || !loaded ? (
        !error && <Loading label={t('domainPage.loadingCommitments')} />
      ) : linked.length === 0 ? (
        <Note>{t('domainPage.noCommitments')}</Note>
      ) : (
        <Stack gap="xs" component="ul" m={0} pl="md">
          {linked.map((l) => (
            <li key={`${l.plan.code}/${l.action.code}`}>
              <Anchor component={Link} to={commitmentPages.action(l.plan.code, l.action.code)} size="sm">
                {l.action.title}
              </Anchor>
              <Note size="xs">
                {l.action.deadline
                  ? t('domainPage.actionOfWithDeadline', { plan: l.plan.title, date: formatDate(l.action.deadline) })
                  : t('domainPage.actionOf', { plan: l.plan.title })}
              </Note>
              <Note size="xs">{t('domainPage.followedWith', { indicators: l.indicators.map(labelOfIndicator).join('; ') })}</Note>
            </li>
          ))}
        </Stack>
      )}
    </Section>
  );
}
