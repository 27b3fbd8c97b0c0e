// The metadata tab of an indicator page: the catalogue's metadata (definition, method, unit, source,
// periodicity, how the region's value is formed, footnotes), the last release, what the marks and
// the flags of the downloads mean, and how many partners reported in each period.
import { formatDate } from '../../platform/format';
import { List, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../platform/api';
import { DataTable, RowHeader } from '../../platform/DataTable';
import { Section } from '../../platform/Section';
import { hasRegionValue, REGION_SIZE } from '../statistics/coverage';
import { OBS_STATUSES } from '../statistics/figures';
import { useCatalog } from '../statistics/model';
import { TermList } from '../statistics/IndicatorAbout';
import type { IndicatorAnswer } from '../statistics/IndicatorTable';

import { Caption, CaptionedTable, Note } from './Notes';

type Head = IndicatorAnswer['indicator'] & {
  definition?: string | null;
  method?: string | null;
  source?: string | null;
  periodicity?: string | null;
  footnotes?: string[];
};

const SPECIAL_CODES = ['NA', 'NAP', 'NQ'] as const;

interface PastRelease {
  dataset: string;
  partner: string;
  period: string;
  release: number;
  publishedAt: string;
}

/** The revisions of the data an indicator is computed from: releases after a submission's first (GET /releases). */
function Revisions({ code }: { code: string }) {
  const { t } = useTranslation();
  const catalog = useCatalog();
  const datasets = catalog.data?.indicators.find((i) => i.code === code)?.datasets ?? [];
  const calendars = useQueries({
    queries: datasets.map((d) => ({
      queryKey: ['release-calendar', d, 'all'],
      queryFn: () => api<{ past: PastRelease[] }>('GET', `/releases?dataset=${encodeURIComponent(d)}&days=3650`),
      staleTime: 60_000,
    })),
  });
  const revisions = calendars.flatMap((c) => c.data?.past ?? []).filter((r) => r.release > 1);
  return (
    <Section id="metadata-revisions" title={t('portal.metadata.revisions')} plain gap="xs">
      <DataTable
        columns={[t('portal.releases.when'), t('portal.releases.partner'), t('portal.period'), t('portal.releases.release')]}
        empty={revisions.length === 0 && t('portal.metadata.noRevisions')}
      >
        <Caption>{t('portal.metadata.revisionsCaption')}</Caption>
        {revisions.map((r) => (
          <Table.Tr key={`${r.dataset}|${r.partner}|${r.period}|${r.release}`}>
            <RowHeader>{formatDate(r.publishedAt)}</RowHeader>
            <Table.Td>{r.partner}</Table.Td>
            <Table.Td>{r.period}</Table.Td>
            <Table.Td>{t('portal.releases.revision', { release: r.release })}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Section>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

/** The catalogue's metadata of the indicator as terms and their details; the polarity only when it has one. */
function aboutEntries(head: Head, releasedAt: string | null, t: T): [string, ReactNode][] {
  const entries: [string, ReactNode][] = [
    [t('indicatorAbout.definition'), head.definition || head.description || '—'],
    [t('indicatorAbout.method'), head.method || '—'],
    [t('portal.metadata.unit'), head.unit || t('indicators.noUnit')],
    [t('indicatorAbout.source'), head.source || '—'],
    [
      t('indicatorAbout.periodicity'),
      head.periodicity ? t(`indicatorAbout.periodicities.${head.periodicity}`, { defaultValue: head.periodicity }) : '—',
    ],
    [t('portal.metadata.lastRelease'), formatDate(releasedAt)],
    [
      t('portal.metadata.region'),
      t(`indicators.aggregation.${head.aggregation}`, { defaultValue: t('indicators.aggregation.other', { rule: head.aggregation }) }),
    ],
    [
      t('portal.metadata.code'),
      <Text span ff="monospace" size="sm">
        {head.code}
      </Text>,
    ],
  ];
  if (head.polarity !== 'neutral')
    entries.push([t('portal.metadata.polarity'), t(`indicators.polarity.${head.polarity}`, { defaultValue: head.polarity })]);
  return entries;
}

export function IndicatorMetadata({ answer, releasedAt }: { answer: IndicatorAnswer; releasedAt: string | null }) {
  const { t } = useTranslation();
  const head = answer.indicator as Head;
  const entries = aboutEntries(head, releasedAt, t);
  const footnotes = head.footnotes ?? [];

  return (
    <Stack gap="lg">
      <Section id="metadata-about" title={t('portal.metadata.title')} gap="xs">
        <TermList entries={entries} />
      </Section>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Section id="metadata-footnotes" title={t('indicatorAbout.footnotes')} gap="xs">
          {footnotes.length ? (
            <List size="sm" spacing={2}>
              {footnotes.map((note, i) => (
                <List.Item key={i}>{note}</List.Item>
              ))}
            </List>
          ) : (
            <Note>{t('portal.metadata.noFootnotes')}</Note>
          )}
        </Section>
        <FlagsSection />
      </SimpleGrid>
      <CoverageSection answer={answer} />
      <Revisions code={head.code} />
    </Stack>
  );
}

/** What the marks of the figures and the flags and special codes of the downloads mean. */
function FlagsSection() {
  const { t } = useTranslation();
  return (
    <Section id="metadata-flags" title={t('portal.metadata.flags')} gap="xs">
      <Note>{t('portal.metadata.marksIntro')}</Note>
      <List size="sm" spacing={2}>
        <List.Item>{t('portal.metadata.markNone')}</List.Item>
        <List.Item>{t('portal.metadata.markRevised')}</List.Item>
        <List.Item>{t('portal.metadata.markPartial')}</List.Item>
        <List.Item>{t('portal.metadata.markRegion')}</List.Item>
      </List>
      <Note>{t('portal.metadata.obsIntro')}</Note>
      <CodeList codes={OBS_STATUSES} meaning={(code) => t(`obsStatus.${code}`)} />
      <Note>{t('portal.metadata.specialIntro')}</Note>
      <CodeList codes={SPECIAL_CODES} meaning={(code) => t(`portal.metadata.special.${code}`)} />
    </Section>
  );
}

/** Codes as they stand in a download, each followed by what it means. */
function CodeList({ codes, meaning }: { codes: readonly string[]; meaning: (code: string) => string }) {
  return (
    <List size="sm" spacing={2}>
      {codes.map((code) => (
        <List.Item key={code}>
          <Text span ff="monospace" size="sm" fw={700}>
            {code}
          </Text>{' '}
          {meaning(code)}
        </List.Item>
      ))}
    </List>
  );
}

/** How many partners reported in each period, and whether that gave a regional value. */
function CoverageSection({ answer }: { answer: IndicatorAnswer }) {
  const { t } = useTranslation();
  return (
    <Section id="metadata-coverage" title={t('portal.metadata.coverage')} plain gap="xs">
      <CaptionedTable
        minWidth={480}
        caption={t('portal.metadata.coverageCaption', { indicator: answer.indicator.label })}
        columns={[t('portal.period'), t('portal.metadata.reportedColumn'), t('portal.metadata.regionColumn')]}
      >
        {[...answer.region].reverse().map((r) => (
          <Table.Tr key={r.period}>
            <RowHeader>{r.period}</RowHeader>
            <Table.Td>{t('portal.metadata.reported', { members: r.members, size: REGION_SIZE })}</Table.Td>
            <Table.Td>
              {hasRegionValue(r)
                ? t('portal.metadata.regionGiven')
                : t('portal.metadata.regionMissing', { required: r.required, size: REGION_SIZE })}
            </Table.Td>
          </Table.Tr>
        ))}
      </CaptionedTable>
    </Section>
  );
}
