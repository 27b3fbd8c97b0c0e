// The data catalogue (public): every indicator and dataset with published figures, found by a text
// search and filtered by domain and partner (all three kept in the address), each with the periods
// its published figures cover and its last release, linking to its page; the partner profiles, and
// everything published as one download; each domain links to its page.
import { formatDate } from '../../platform/format';
import { Anchor, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { HeaderRow, RowHeader } from '../../platform/DataTable';
import { ErrorAlert } from '../../platform/feedback';
import { Loading } from '../../platform/QueryState';
import { Section } from '../../platform/Section';
import { REGION_SIZE } from '../statistics/coverage';
import { useCatalog, usePartners } from '../statistics/model';
import { domainCodes, type CatalogWithDomains } from './domain';
import { catalogueEntries, DESIGNATED, labelOf, portalFiles, portalPaths, useReleaseCoverage, type CatalogueEntry } from './model';
import { Caption, DesignationNote, LicenceNote, Note } from './Notes';

export function CataloguePage() {
  const { t } = useTranslation();
  const catalog = useCatalog();
  const partners = usePartners();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const domain = params.get('domain') || null;
  const partner = params.get('partner')?.toUpperCase() || null;
  const published = useReleaseCoverage({ partner });
  const set = (name: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  const wb6 = useMemo(() => (partners.data?.partners ?? []).filter((p) => p.group === 'WB6'), [partners.data]);
  const entries = useMemo(
    () =>
      catalog.data && published.data
        ? catalogueEntries(catalog.data, published.data, { search, domain, partner })
        : { indicators: [], datasets: [] },
    [catalog.data, published.data, search, domain, partner],
  );
  const domains = catalog.data ? domainCodes(catalog.data as CatalogWithDomains) : [];
  const domainName = (d: string) => t(`domains.${d}`, { defaultValue: d });
  const chosen = wb6.find((p) => p.code === partner);
  const error = catalog.error ?? partners.error ?? published.error;
  const loading = !catalog.data || !published.data;

  return (
    <Stack>
      <Title order={2}>{t('portal.catalogue.title')}</Title>
      <Text>{t('portal.catalogue.intro')}</Text>
      <Group align="flex-end" gap="md" role="search" aria-label={t('portal.catalogue.filters')}>
        <TextInput
          label={t('portal.catalogue.search')}
          placeholder={t('portal.catalogue.searchPlaceholder')}
          value={search}
          onChange={(e) => set('q', e.currentTarget.value)}
          type="search"
          miw={300}
        />
        <Select
          label={t('portal.catalogue.domain')}
          data={domains.map((d) => ({ value: d, label: domainName(d) }))}
          value={domain}
          onChange={(v) => set('domain', v)}
          placeholder={t('portal.catalogue.allDomains')}
          clearable
          w={200}
        />
        <Select
          label={t('portal.catalogue.partner')}
          data={wb6.map((p) => ({ value: p.code, label: labelOf(p.code, p.name, 'name') }))}
          value={partner}
          onChange={(v) => set('partner', v)}
          placeholder={t('portal.catalogue.allPartners')}
          clearable
          w={240}
        />
      </Group>
      <ErrorAlert error={error} />
      {domain && domains.includes(domain) && (
        <Anchor component={Link} to={portalPaths.domain(domain)} w="fit-content">
          {t('portal.catalogue.domainPage', { domain: domainName(domain) })}
        </Anchor>
      )}
      {chosen && (
        <Anchor component={Link} to={portalPaths.partner(chosen.code)} w="fit-content">
          {t('portal.profileOf', { partner: labelOf(chosen.code, chosen.name, 'name') })}
        </Anchor>
      )}
      {loading && !error ? (
        <Loading label={t('portal.catalogue.loading')} />
      ) : (
        <>
          <EntryTable
            id="catalogue-indicators"
            title={t('portal.catalogue.indicators', { count: entries.indicators.length })}
            caption={t(chosen ? 'portal.catalogue.indicatorsCaptionOf' : 'portal.catalogue.indicatorsCaption', {
              partner: chosen ? labelOf(chosen.code, chosen.name, 'name') : '',
            })}
            entries={entries.indicators}
            partner={partner}
          />
          <EntryTable
            id="catalogue-datasets"
            title={t('portal.catalogue.datasets', { count: entries.datasets.length })}
            caption={t(chosen ? 'portal.catalogue.datasetsCaptionOf' : 'portal.catalogue.datasetsCaption', {
              partner: chosen ? labelOf(chosen.code, chosen.name, 'name') : '',
            })}
            entries={entries.datasets}
            partner={partner}
          />
        </>
      )}
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
        <Section id="catalogue-domains" title={t('portal.catalogue.domains')} gap="xs">
          <Note>{t('portal.catalogue.domainsIntro')}</Note>
          <Stack gap={4} component="ul" m={0} pl="md">
            {domains.map((d) => (
              <li key={d}>
                <Anchor component={Link} to={portalPaths.domain(d)} size="sm">
                  {domainName(d)}
                </Anchor>
              </li>
            ))}
          </Stack>
        </Section>
        <Section id="catalogue-profiles" title={t('portal.catalogue.profiles')} gap="xs">
          <Note>{t('portal.catalogue.profilesIntro')}</Note>
          <Stack gap={4} component="ul" m={0} pl="md">
            {wb6.map((p) => (
              <li key={p.code}>
                <Anchor component={Link} to={portalPaths.partner(p.code)} size="sm">
                  {t('portal.profileOf', { partner: labelOf(p.code, p.name, 'name') })}
                </Anchor>
              </li>
            ))}
          </Stack>
        </Section>
        <Section id="catalogue-bulk" title={t('portal.catalogue.bulk')} gap="xs">
          <Anchor href={portalFiles.everything} download size="sm" w="fit-content">
            {t('portal.catalogue.bulkZip')}
          </Anchor>
          <Anchor href={portalFiles.dataflows} target="_blank" rel="noopener" size="sm" w="fit-content">
            {t('portal.catalogue.dataflows')}
          </Anchor>
          <Anchor component={Link} to={portalPaths.releases} size="sm" w="fit-content">
            {t('portal.releases.link')}
          </Anchor>
          <LicenceNote />
        </Section>
      </SimpleGrid>
      <DesignationNote shown={wb6.some((p) => p.code === DESIGNATED)} />
    </Stack>
  );
}

interface EntryTableProps {
  id: string;
  title: string;
  caption: string;
  entries: CatalogueEntry[];
  partner: string | null;
}

/** Indicators or datasets: the name linking to the page, domain, periods, partners and last release. */
function EntryTable({ id, title, caption, entries, partner }: EntryTableProps) {
  const { t } = useTranslation();
  return (
    <Section id={id} title={title} plain gap="xs">
      {entries.length === 0 ? (
        <Note>{t('portal.catalogue.noMatch')}</Note>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped captionSide="top">
            <Caption>{caption}</Caption>
            <HeaderRow
              columns={[
                t(entries[0]!.kind === 'indicator' ? 'portal.catalogue.indicator' : 'portal.catalogue.dataset'),
                t('portal.catalogue.domain'),
                t('portal.catalogue.periods'),
                partner ? false : t('portal.catalogue.partners'),
                t('portal.catalogue.released'),
              ]}
            />
            <Table.Tbody>
              {entries.map((e) => (
                <Table.Tr key={e.code}>
                  <RowHeader>
                    <Anchor component={Link} to={e.kind === 'indicator' ? portalPaths.indicator(e.code) : portalPaths.dataset(e.code)}>
                      {e.label}
                    </Anchor>
                    <Note size="xs" ff="monospace">
                      {e.code}
                    </Note>
                  </RowHeader>
                  <Table.Td>
                    <Anchor component={Link} to={portalPaths.domain(e.domain)} size="sm">
                      {t(`domains.${e.domain}`, { defaultValue: e.domain })}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {e.coverage.first === e.coverage.last
                      ? e.coverage.first
                      : t('portal.range', { first: e.coverage.first, last: e.coverage.last })}
                    <Note size="xs">{t('portal.catalogue.periodCount', { count: e.coverage.periods })}</Note>
                  </Table.Td>
                  {!partner && (
                    <Table.Td>{t('portal.catalogue.partnersOf', { count: e.coverage.partners.length, size: REGION_SIZE })}</Table.Td>
                  )}
                  <Table.Td>{formatDate(e.coverage.releasedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
