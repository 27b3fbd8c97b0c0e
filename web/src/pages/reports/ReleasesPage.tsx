// The release calendar (public): releases made in the last months, publications scheduled (their
// date only: nothing of them is public before then) and the periods expected, with their due dates
// and how many partners have published them.
import { formatDate } from '../../platform/format';
import { Anchor, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../platform/api';
import { BackLink } from '../../platform/BackLink';
import { DataTable, RowHeader } from '../../platform/DataTable';
import { ErrorAlert } from '../../platform/feedback';
import { Loading } from '../../platform/QueryState';
import { Section } from '../../platform/Section';
import { portalPaths } from './model';
import { Caption } from './Notes';

interface ReleaseRef {
  dataset: string;
  label: string;
  partner: string;
  period: string;
  release: number;
}
interface Calendar {
  asOf: string;
  past: (ReleaseRef & { publishedAt: string })[];
  scheduled: (ReleaseRef & { publishAt: string })[];
  expected: { dataset: string; label: string; period: string; dueDate: string; published: number; expected: number }[];
}

export function ReleasesPage() {
  const { t } = useTranslation();
  const calendar = useQuery({
    queryKey: ['release-calendar'],
    queryFn: () => api<Calendar>('GET', '/releases?days=180'),
    staleTime: 60_000,
  });
  if (!calendar.data) return calendar.error ? <ErrorAlert error={calendar.error} /> : <Loading label={t('portal.releases.loading')} />;
  const { past, scheduled, expected } = calendar.data;
  return (
    <Stack>
      <BackLink to={portalPaths.catalogue}>{t('portal.catalogue.title')}</BackLink>
      <Title order={2}>{t('portal.releases.title')}</Title>
      <Text>{t('portal.releases.intro')}</Text>
      <Section id="releases-scheduled" title={t('portal.releases.scheduled')} gap="xs">
        <DataTable
          columns={[t('portal.releases.when'), t('portal.catalogue.dataset'), t('portal.releases.partner'), t('portal.period')]}
          empty={scheduled.length === 0 && t('portal.releases.noneScheduled')}
        >
          {scheduled.map((r) => (
            <ReleaseRow key={`${r.dataset}|${r.partner}|${r.period}|${r.release}`} release={r} when={r.publishAt} />
          ))}
        </DataTable>
      </Section>
      <Section id="releases-expected" title={t('portal.releases.expected')} gap="xs">
        <DataTable
          columns={[t('portal.releases.due'), t('portal.catalogue.dataset'), t('portal.period'), t('portal.releases.publishedBy')]}
          empty={expected.length === 0 && t('portal.releases.noneExpected')}
        >
          <Caption>{t('portal.releases.expectedCaption')}</Caption>
          {expected.map((r) => (
            <Table.Tr key={`${r.dataset}|${r.period}`}>
              <RowHeader>{r.dueDate}</RowHeader>
              <Table.Td>
                <DatasetLink dataset={r} />
              </Table.Td>
              <Table.Td>{r.period}</Table.Td>
              <Table.Td>{t('portal.releases.ofPartners', { published: r.published, expected: r.expected })}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </Section>
      <Section id="releases-past" title={t('portal.releases.past')} gap="xs">
        <DataTable
          columns={[
            t('portal.releases.when'),
            t('portal.catalogue.dataset'),
            t('portal.releases.partner'),
            t('portal.period'),
            t('portal.releases.release'),
          ]}
          empty={past.length === 0 && t('portal.releases.nonePast')}
        >
          {past.map((r) => (
            <ReleaseRow key={`${r.dataset}|${r.partner}|${r.period}|${r.release}`} release={r} when={r.publishedAt}>
              <Table.Td>
                {r.release > 1 ? (
                  <Badge color="orange.9" variant="light">
                    {t('portal.releases.revision', { release: r.release })}
                  </Badge>
                ) : (
                  t('portal.releases.first')
                )}
              </Table.Td>
            </ReleaseRow>
          ))}
        </DataTable>
      </Section>
    </Stack>
  );
}

function DatasetLink({ dataset: r }: { dataset: { dataset: string; label: string } }) {
  return (
    <Anchor component={Link} to={portalPaths.dataset(r.dataset)}>
      {r.label}
    </Anchor>
  );
}

/** A release made or scheduled: its date, dataset, partner and period, then any further cells. */
function ReleaseRow({ release: r, when, children }: { release: ReleaseRef; when: string; children?: ReactNode }) {
  return (
    <Table.Tr>
      <RowHeader>{formatDate(when)}</RowHeader>
      <Table.Td>
        <DatasetLink dataset={r} />
      </Table.Td>
      <Table.Td>{r.partner}</Table.Td>
      <Table.Td>{r.period}</Table.Td>
      {children}
    </Table.Tr>
  );
}
