// The releases of a submission (each publication: its number, when, by whom, and why the release
// before it was reopened) and the values a later release revised (variable, org unit, breakdown,
// old → new), from …/releases; nothing is asked before the first publication.
import { formatDateTime } from '../../platform/format';
import { Stack, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../platform/api';
import { DataTable, RowHeader } from '../../platform/DataTable';
import { Instant } from '../../platform/Instant';
import { ErrorAlert } from '../../platform/feedback';
import { Section, SectionTitle } from '../../platform/Section';
import { Muted } from '../../platform/text';
import {
  answerLabel,
  answersOf,
  submissionPath,
  submissionQueryKey,
  type Catalog,
  type Coords,
  type OrgUnit,
  type RevisionHistory,
  type Submission,
} from './model';

interface Props {
  catalog: Catalog;
  submission: Submission;
  orgUnits: OrgUnit[];
}

export function ReleasesPanel({ catalog, submission, orgUnits }: Props) {
  const { t } = useTranslation();
  const history = useQuery({
    queryKey: [...submissionQueryKey(submission), 'releases', submission.releases],
    queryFn: () => api<RevisionHistory>('GET', `${submissionPath(submission)}/releases`),
    enabled: submission.releases > 0,
  });
  const variable = (code: string) => catalog.variables.find((v) => v.code === code)?.label ?? code;
  const unit = (code: string | null) => (code === null ? t('releases.partner') : (orgUnits.find((u) => u.code === code)?.name ?? code));
  const breakdown = (coords: Coords) => {
    const parts = Object.entries(coords).map(([dim, code]) => {
      const d = catalog.dimensions.find((x) => x.code === dim);
      return `${d?.label ?? dim}: ${d?.codes.find((c) => c.code === code)?.label ?? code}`;
    });
    return parts.length ? parts.join('; ') : t('releases.total');
  };
  // A coded answer is shown by its label ("Partly"), a number or special code as it is.
  const cell = (code: string, v: number | string | null) => {
    const found = catalog.variables.find((x) => x.code === code);
    const answers = found ? answersOf(found) : null;
    return v === null ? t('releases.empty') : answers ? answerLabel(answers, String(v)) : String(v);
  };

  let content;
  if (submission.releases === 0) content = <Muted>{t('releases.none')}</Muted>;
  else if (history.error) content = <ErrorAlert error={history.error} />;
  else if (!history.data) content = <Muted>{t('releases.loading')}</Muted>;
  else {
    const { releases, revisions } = history.data;
    content = (
      <Stack gap="sm">
        <DataTable
          aria-label={t('releases.listLabel')}
          verticalSpacing={4}
          minWidth={360}
          columns={[t('releases.number'), t('releases.publishedAt'), t('releases.by'), t('releases.reason')]}
        >
          {releases.map((r) => (
            <Table.Tr key={r.number}>
              <RowHeader>{r.number}</RowHeader>
              <Table.Td>
                <Instant iso={r.publishedAt} format={formatDateTime} />
              </Table.Td>
              <Table.Td>{r.publishedBy}</Table.Td>
              <Table.Td>{r.reason ?? <Muted span>{t('releases.first')}</Muted>}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
        <SectionTitle id="revisions-title" order={4}>
          {t('releases.revisions')}
        </SectionTitle>
        <DataTable
          aria-labelledby="revisions-title"
          verticalSpacing={4}
          minWidth={480}
          empty={revisions.length === 0 && t('releases.noRevisions')}
          columns={[t('releases.number'), t('releases.variable'), t('releases.orgUnit'), t('releases.breakdown'), t('releases.change')]}
        >
          {revisions.map((r, i) => (
            <Table.Tr key={i}>
              <RowHeader>{r.release}</RowHeader>
              <Table.Td>{variable(r.variable)}</Table.Td>
              <Table.Td>{unit(r.orgUnit)}</Table.Td>
              <Table.Td>{breakdown(r.coords)}</Table.Td>
              <Table.Td>
                {cell(r.variable, r.old)} → {cell(r.variable, r.new)}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </Stack>
    );
  }
  return (
    <Section plain id="releases-title" title={t('releases.title')} gap="sm">
      {content}
    </Section>
  );
}
