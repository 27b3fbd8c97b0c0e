// The data catalogue (public): every indicator and dataset with published figures, found by a text
// search and filtered by domain and partner (all three kept in the address), each with the periods
// its published figures cover and its last release, linking to its page; the partner profiles, and
// everything published as one download; each domain links to its page.
import { formatDate } from '../../platform/format';
import { Anchor, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { HeaderRow, RowHeader } from '../../platform/DataTable';
import { ErrorAlert } from '../../platform/feedback';
import { Loading } from '../../platform/QueryState';
import { Section } from '../../platform/Section';
import { REGION_SIZE } from '../statistics/coverage';
import { useCatalog, usePartners } from '../statistics/model';
import { domainCodes, type CatalogWithDomains } from './domain';
import { catalogueEntries, DESIGNATED, labelOf, portalFiles, portalPaths, useReleaseCoverage, type CatalogueEntry } from './model';
import { Caption, DesignationNote, LicenceNote, Note } from './Notes';
import { useAddressParams } from './useAddressParams';

type PartnerItem = { code: string; name: string };

export function CataloguePage() {
  const { t } = useTranslation();
  const catalog = useCatalog();
  const partners = usePartners();
  const { params, set } = useAddressParams();
  const search = params.get('q') ?? '';
  const domain = params.get('domain') || null;
  const partner = params.get('partner')?.toUpperCase() || null;
  const published = useReleaseCoverage({ partner });

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
  const chosenName = chosen ? labelOf(chosen.code, chosen.name, 'name') : null;
  const error = catalog.error ?? partners.error ?? published.error;
  const loading = !catalog.data || !published.data;

  return (
    <Stack>
      <Title order={2}>{t('portal.catalogue.title')}</Title>
      <Text>{t('portal.catalogue.intro')}</Text>
      <CatalogueFilters search={search} domain={domain} partner={partner} domains={domains} wb6={wb6} set={set} />
      <ErrorAlert error={error} />
      {domain && domains.includes(domain) && (
        <Anchor component={Link} to={portalPaths.domain(domain)} w="fit-content">
          {t('portal.catalogue.domainPage', { domain: domainName(domain) })}
        </Anchor>
      )}
      {chosen && (
        <Anchor component={Link} to={portalPaths.partner(chosen.code)} w="fit-content">
          {t('portal.profileOf', { partner: chosenName })}
        </Anchor>
      )}
      {loading && !error ? (
        <Loading label={t('portal.catalogue.loading')} />
      ) : (
        <>
          <EntryTable kind="indicators" entries={entries.indicators} partner={partner} partnerName={chosenName} />
          <EntryTable kind="datasets" entries={entries.datasets} partner={partner} partnerName={chosenName} />
        </>
      )}
      <CatalogueLinks domains={domains} wb6={wb6} />
      <DesignationNote shown={wb6.some((p) => p.code === DESIGNATED)} />
    </Stack>
  );
}

interface FiltersProps {
  search: string;
  domain: string | null;
  partner: string | null;
  domains: string[];
  wb6: PartnerItem[];
  set: (name: string, value: string | null) => void;
}

/** The text search and the domain and partner filters, each a parameter of the address. */
function CatalogueFilters({ search, domain, partner, domains, wb6, set }: FiltersProps) {
  const { t } = useTranslation();
  return (
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
        data={domains.map((d) => ({ value: d, label: t(`domains.${d}`, { defaultValue: d }) }))}
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
  );
}

/** The ways on from the catalogue: each domain's page, each partner's profile, and the bulk downloads. */
function CatalogueLinks({ domains, wb6 }: { domains: string[]; wb6: PartnerItem[] }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
      <LinkSection
        id="catalogue-domains"
        title={t('portal.catalogue.domains')}
        intro={t('portal.catalogue.domainsIntro')}
        links={domains.map((d) => ({ key: d, to: portalPaths.domain(d), text: t(`domains.${d}`, { defaultValue: d }) }))}
      />
      <LinkSection
        id="catalogue-profiles"
        title={t('portal.catalogue.profiles')}
        intro={t('portal.catalogue.profilesIntro')}
        links={wb6.map((p) => ({
          key: p.code,
          to: portalPaths.partner(p.code),
          text: t('portal.profileOf', { partner: labelOf(p.code, p.name, 'name') }),
        }))}
      />
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
  );
}

interface LinkSectionProps {
  id: string;
  title: string;
  intro: string;
  links: { key: string; to: string; text: string }[];
}

/** A titled list of links within the portal, under a line saying what they lead to. */
function LinkSection({ id, title, intro, links }: LinkSectionProps) {
  return (
    <Section id={id} title={title} gap="xs">
      <Note>{intro}</Note>
      <Stack gap={4} component="ul" m={0} pl="md">
        {links.map((l) => (
          <li key={l.key}>
            <Anchor component={Link} to={l.to} size="sm">
              {l.text}
            </Anchor>
          </li>
        ))}
      </Stack>
    </Section>
  );
}

/** The texts of the two tables: the title (with the count) and the caption, for all partners or one. */
const TABLE_TEXTS = {
  indicators: {
    title: 'portal.catalogue.indicators',
    caption: 'portal.catalogue.indicatorsCaption',
    captionOf: 'portal.catalogue.indicatorsCaptionOf',
  },
  datasets: {
    title: 'portal.catalogue.datasets',
    caption: 'portal.catalogue.datasetsCaption',
    captionOf: 'portal.catalogue.datasetsCaptionOf',
  },
} as const;

interface EntryTableProps {
  kind: keyof typeof TABLE_TEXTS;
  entries: CatalogueEntry[];
  partner: string | null;
  /** The chosen partner's name, when one is chosen. */
  partnerName: string | null;
}

/** Indicators or datasets: the name linking to the page, domain, periods, partners and last release. */
function EntryTable({ kind, entries, partner, partnerName }: EntryTableProps) {
  const { t } = useTranslation();
  const texts = TABLE_TEXTS[kind];
  const title = t(texts.title, { count: entries.length });
  const caption = t(partnerName ? texts.captionOf : texts.caption, { partner: partnerName ?? '' });
  return (
    <Section id={`catalogue-${kind}`} title={title} plain gap="xs">
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
