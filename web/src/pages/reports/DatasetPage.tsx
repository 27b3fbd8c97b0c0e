// A dataset of the catalogue (public): what it holds (its variables with their breakdowns and
// units), which partners published which periods, the indicators computed from it, and its
// published values as CSV (codes and names), XLSX and SDMX-CSV.
import { formatDate } from '../../platform/format';
import { Anchor, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { BackLink } from '../../platform/BackLink';
import { DataTable, HeaderRow, RowHeader } from '../../platform/DataTable';
import { ErrorAlert } from '../../platform/feedback';
import { Loading } from '../../platform/QueryState';
import { Section } from '../../platform/Section';
import { REGION_SIZE } from '../statistics/coverage';
import { useCatalog, usePartners } from '../statistics/model';
import {
  coverageIn,
  datasetDownloadHref,
  DESIGNATED,
  DOWNLOAD_FORMATS,
  labelOf,
  portalPaths,
  useReleaseCoverage,
  useReportingStatus,
} from './model';
import { Caption, DesignationNote, LicenceNote, NotInCatalogue, Note } from './Notes';

export function DatasetPage() {
  const { t } = useTranslation();
  const code = useParams().code ?? '';
  const catalog = useCatalog();
  const partners = usePartners();
  const published = useReleaseCoverage();
  const dataset = catalog.data?.datasets.find((d) => d.code === code);
  // Who has published each period, from the first period with a release to the latest one ended.
  const status = useReportingStatus(dataset ? code : '', dataset?.periodType === 'yearly' ? 20 : 60);
  const wb6 = useMemo(() => (partners.data?.partners ?? []).filter((p) => p.group === 'WB6'), [partners.data]);
  const coverage = coverageIn(published.data, 'dataset', code);
  const periods = (status.data?.periods ?? []).filter((p) => coverage.first !== null && p.period >= coverage.first);
  const error = catalog.error ?? partners.error ?? published.error ?? status.error;
  const back = <BackLink to={portalPaths.catalogue}>{t('portal.catalogue.title')}</BackLink>;

  if (!catalog.data || !published.data) return error ? <ErrorAlert error={error} /> : <Loading label={t('portal.catalogue.loading')} />;
  if (!dataset) return <NotInCatalogue back={back}>{t('portal.dataset.notFound', { code })}</NotInCatalogue>;
  const variables = dataset.variables.map((v) => catalog.data.variables.find((x) => x.code === v)).filter((v) => v !== undefined);
  const dimensionLabel = (d: string) => catalog.data.dimensions.find((x) => x.code === d)?.label ?? d;
  const indicators = catalog.data.indicators.filter((i) => i.datasets.includes(code));

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
      {indicators.length > 0 && (
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
      )}
      {periods.length > 0 && (
        <Section id="dataset-published" title={t('portal.dataset.published')} plain gap="xs">
          <Table.ScrollContainer minWidth={200 + wb6.length * 110}>
            <Table striped captionSide="top">
              <Caption>{t('portal.dataset.publishedCaption', { dataset: dataset.label })}</Caption>
              <HeaderRow
                columns={[t('portal.period'), ...wb6.map((p) => ({ label: labelOf(p.code, p.name, 'name'), ta: 'center' as const }))]}
              />
              <Table.Tbody>
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
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Section>
      )}
      <DesignationNote shown={wb6.some((p) => p.code === DESIGNATED)} />
    </Stack>
  );
}
