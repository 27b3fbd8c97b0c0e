// A dataset of the catalogue (public): what it holds (its variables with their breakdowns and
// units), which partners published which periods, the indicators computed from it, and its
// published values as CSV (codes and names), XLSX and SDMX-CSV.
import { formatDate } from '../../platform/format';
import { Anchor, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Partner } from '../../platform/api';
import { BackLink } from '../../platform/BackLink';
import { DataTable, RowHeader } from '../../platform/DataTable';
import { ErrorAlert } from '../../platform/feedback';
import { Loading } from '../../platform/QueryState';
import { Section } from '../../platform/Section';
import { REGION_SIZE } from '../statistics/coverage';
import { useCatalog, usePartners, type Catalog, type Dataset } from '../statistics/model';
import { datasetDownloadHref, DESIGNATED, DOWNLOAD_FORMATS, labelOf, portalPaths, usePublishedPeriods, type Coverage } from './model';
import { CaptionedTable, DesignationNote, LicenceNote, NotInCatalogue, Note } from './Notes';

type StatusPeriod = ReturnType<typeof usePublishedPeriods>['periods'][number];

export function DatasetPage() {
  const { t } = useTranslation();
  const code = useParams().code ?? '';
  const catalog = useCatalog();
  const partners = usePartners();
  const dataset = catalog.data?.datasets.find((d) => d.code === code);
  // Who has published each period, from the first period with a release to the latest one ended.
  const { published, status, coverage, periods } = usePublishedPeriods(code, dataset?.periodType === 'yearly' ? 20 : 60, !!dataset);
  const wb6 = useMemo(() => (partners.data?.partners ?? []).filter((p) => p.group === 'WB6'), [partners.data]);
  const error = catalog.error ?? partners.error ?? published.error ?? status.error;
  const back = <BackLink to={portalPaths.catalogue}>{t('portal.catalogue.title')}</BackLink>;

  if (!catalog.data || !published.data) return error ? <ErrorAlert error={error} /> : <Loading label={t('portal.catalogue.loading')} />;
  if (!dataset) return <NotInCatalogue back={back}>{t('portal.dataset.notFound', { code })}</NotInCatalogue>;

  return (
    <Stack>
      {back}
      <Title order={2}>{dataset.label}</Title>
      <Note ff="monospace">{dataset.code}</Note>
      <Text>
        {t('portal.dataset.summary', {
          domain: t(`domains.${dataset.domain}`, { defaultValue: dataset.domain }),
          periodicity: t(`portal.periodTypes.${dataset.periodType}`, { defaultValue: dataset.periodType }),
        })}
      </Text>
      <ErrorAlert error={error} />
      <CoverageText coverage={coverage} />
      <DownloadsSection code={code} />
      <VariablesSection catalog={catalog.data} dataset={dataset} />
      <IndicatorsSection catalog={catalog.data} code={code} />
      {periods.length > 0 && <PublishedSection dataset={dataset} periods={periods} wb6={wb6} />}
      <DesignationNote shown={wb6.some((p) => p.code === DESIGNATED)} />
    </Stack>
  );
}

/** Which periods and partners the releases cover, and when the last came out; or that nothing is published. */
function CoverageText({ coverage }: { coverage: Coverage }) {
  const { t } = useTranslation();
  return (
    <Text>
      {coverage.first
        ? t('portal.dataset.coverage', {
            first: coverage.first,
            last: coverage.last,
            partners: t('portal.catalogue.partnersOf', { count: coverage.partners.length, size: REGION_SIZE }),
            released: formatDate(coverage.releasedAt),
          })
        : t('portal.dataset.nothingPublished')}
    </Text>
  );
}

/** The published values in each download format, and the licence. */
function DownloadsSection({ code }: { code: string }) {
  const { t } = useTranslation();
  return (
    <Section id="dataset-downloads" title={t('portal.downloads.title')} gap="xs">
      <Group gap="md">
        {DOWNLOAD_FORMATS.map((f) => (
          <Anchor key={f} href={datasetDownloadHref(code, f)} download size="sm">
            {t(`portal.downloads.${f}`)}
          </Anchor>
        ))}
      </Group>
      <Note>{t('portal.dataset.downloadsNote')}</Note>
      <LicenceNote />
    </Section>
  );
}

/** The dataset's variables: name and code, unit, and the breakdowns each has. */
function VariablesSection({ catalog, dataset }: { catalog: Catalog; dataset: Dataset }) {
  const { t } = useTranslation();
  const variables = dataset.variables.map((v) => catalog.variables.find((x) => x.code === v)).filter((v) => v !== undefined);
  const dimensionLabel = (d: string) => catalog.dimensions.find((x) => x.code === d)?.label ?? d;
  return (
    <Section id="dataset-variables" title={t('portal.dataset.variables')} plain gap="xs">
      <DataTable
        minWidth={640}
        striped
        aria-labelledby="dataset-variables"
        columns={[t('portal.dataset.variable'), t('portal.dataset.unit'), t('portal.dataset.breakdowns')]}
      >
        {variables.map((v) => (
          <Table.Tr key={v.code}>
            <RowHeader>
              {v.label}
              <Note size="xs" ff="monospace">
                {v.code}
              </Note>
            </RowHeader>
            <Table.Td>{v.unit || '—'}</Table.Td>
            <Table.Td>{v.dimensions.length ? v.dimensions.map(dimensionLabel).join(', ') : t('portal.dataset.noBreakdown')}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Section>
  );
}

/** The indicators computed from the dataset, linked to their pages; nothing when there are none. */
function IndicatorsSection({ catalog, code }: { catalog: Catalog; code: string }) {
  const { t } = useTranslation();
  const indicators = catalog.indicators.filter((i) => i.datasets.includes(code));
  if (indicators.length === 0) return null;
  return (
    <Section id="dataset-indicators" title={t('portal.dataset.indicators')} plain gap="xs">
      <Stack gap={4} component="ul" m={0} pl="md">
        {indicators.map((i) => (
          <li key={i.code}>
            <Anchor component={Link} to={portalPaths.indicator(i.code)} size="sm">
              {i.label}
            </Anchor>
          </li>
        ))}
      </Stack>
    </Section>
  );
}

/** Per period, when each Western Balkan partner first published it. */
function PublishedSection({ dataset, periods, wb6 }: { dataset: Dataset; periods: StatusPeriod[]; wb6: Partner[] }) {
  const { t } = useTranslation();
  return (
    <Section id="dataset-published" title={t('portal.dataset.published')} plain gap="xs">
      <CaptionedTable
        minWidth={200 + wb6.length * 110}
        caption={t('portal.dataset.publishedCaption', { dataset: dataset.label })}
        columns={[t('portal.period'), ...wb6.map((p) => ({ label: labelOf(p.code, p.name, 'name'), ta: 'center' as const }))]}
      >
        {periods.map(({ period, partners: published }) => (
          <Table.Tr key={period}>
            <RowHeader>{period}</RowHeader>
            {wb6.map((p) => {
              const at = published.find((r) => r.partner === p.code)?.publishedAt ?? null;
              return (
                <Table.Td key={p.code} ta="center">
                  {at ? formatDate(at) : <Note span>{t('portal.dataset.notPublished')}</Note>}
                </Table.Td>
              );
            })}
          </Table.Tr>
        ))}
      </CaptionedTable>
    </Section>
  );
}
