// One case import followed while it runs (phase and progress, polled every second), then its
// result: counts, rejected rows by reason with the download of the rejected rows, and links to
// the draft submissions it filled; and the list of a partner's earlier imports.
import { formatDateTime, formatNumber } from '../../platform/format';
import { Alert, Anchor, Group, Paper, Progress, Stack, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../platform/api';
import { DataTable, FigureTable, rightAligned, RowHeader } from '../../platform/DataTable';
import { ErrorAlert } from '../../platform/feedback';
import { Section, SectionTitle } from '../../platform/Section';
import { Muted } from '../../platform/text';
import { ValueBadge } from '../../platform/ValueBadge';

import { DATASET, type CaseImport } from './model';

const STATUS_COLORS = { running: 'blue', completed: 'green', failed: 'red', interrupted: 'orange' } as const;
/** What an import did to the values of each submission it filled. */
const CHANGES = ['created', 'changed', 'unchanged', 'removed'] as const;

function JobStatusBadge({ job }: { job: CaseImport }) {
  return <ValueBadge value={job.status} texts="caseImport.status" colors={STATUS_COLORS} />;
}

export function ImportStatus({ id }: { id: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const job = useQuery({
    queryKey: ['case-import', id],
    queryFn: () => api<CaseImport>('GET', `/justice/case-imports/${encodeURIComponent(id)}`),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1000 : false),
  });
  const status = job.data?.status;
  useEffect(() => {
    if (status && status !== 'running') {
      // The import changed submissions and the list of imports.
      void client.invalidateQueries({ queryKey: ['case-imports'] });
      void client.invalidateQueries({ queryKey: ['submission'] });
      void client.invalidateQueries({ queryKey: ['overview'] });
    }
  }, [status, client]);

  if (job.error) return <ErrorAlert error={job.error} />;
  if (!job.data) return null;
  const j = job.data;
  const percent = Math.round(Math.max(0, Math.min(1, j.progress)) * 100);
  const phase = t(`caseImport.phases.${j.phase}`, { defaultValue: j.phase });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="job-title">
      <Stack gap="sm">
        <Group gap="sm">
          <SectionTitle id="job-title">{t('caseImport.jobTitle', { file: j.fileName })}</SectionTitle>
          <JobStatusBadge job={j} />
        </Group>
        {j.status === 'running' && (
          <Stack gap={4}>
            <Text size="sm" role="status">
              {t('caseImport.progress', { phase, percent })}
            </Text>
            <Progress.Root size="lg">
              <Progress.Section value={percent} animated aria-label={t('caseImport.progressLabel')} />
            </Progress.Root>
          </Stack>
        )}
        {(j.status === 'failed' || j.status === 'interrupted') && (
          <Alert color={j.status === 'failed' ? 'red' : 'orange'} role="alert" title={t(`caseImport.${j.status}`)}>
            {j.message ?? '—'}
          </Alert>
        )}
        {j.status === 'completed' && <Result job={j} />}
      </Stack>
    </Paper>
  );
}

function Result({ job }: { job: CaseImport }) {
  const { t } = useTranslation();
  const reasons = Object.entries(job.rejectedByReason).sort((a, b) => b[1] - a[1]);
  const counts = [
    [t('caseImport.rows'), formatNumber(job.rows)],
    [t('caseImport.imported'), formatNumber(job.imported)],
    [t('caseImport.rejected'), formatNumber(job.rejected)],
  ] as const;
  return (
    <Stack gap="sm">
      <Alert color={job.rejected ? 'yellow' : 'green'} role="status" title={t('caseImport.completed')}>
        {job.message ?? t('caseImport.completedText', { years: job.years.join(', ') || '—' })}
      </Alert>
      <FigureTable rows={counts} withRowBorders={false} verticalSpacing={2} maw={360} aria-label={t('caseImport.counts')} />
      {reasons.length > 0 && (
        <>
          <DataTable
            minWidth={360}
            striped
            aria-label={t('caseImport.byReason')}
            columns={[t('caseImport.reason'), { label: t('caseImport.rowsRejected'), ta: 'right' }]}
          >
            {reasons.map(([reason, n]) => (
              <Table.Tr key={reason}>
                <Table.Td>{t(`caseImport.reasons.${reason}`, { defaultValue: reason })}</Table.Td>
                <Table.Td ta="right">{formatNumber(n)}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
          <Anchor href={`/api/v1/justice/case-imports/${encodeURIComponent(job.id)}/rejected.csv`} download size="sm" w="fit-content">
            {t('caseImport.rejectedCsv')}
          </Anchor>
        </>
      )}
      {job.submissions.length > 0 && (
        <DataTable
          minWidth={600}
          striped
          aria-label={t('caseImport.submissions')}
          columns={[t('caseImport.year'), ...rightAligned(CHANGES.map((change) => t(`import.${change}`))), t('caseImport.submission')]}
        >
          {job.submissions.map((s) => (
            <Table.Tr key={s.period}>
              <Table.Th scope="row">{s.period}</Table.Th>
              {CHANGES.map((change) => (
                <Table.Td key={change} ta="right">
                  {formatNumber(s[change])}
                </Table.Td>
              ))}
              <Table.Td>
                <Anchor component={Link} to={`/statistics/${DATASET}/${job.partner}/${s.period}`} size="sm">
                  {t('caseImport.openDraft', { year: s.period })}
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </Stack>
  );
}

export function ImportHistory({ partner, current, onOpen }: { partner: string; current: string | null; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['case-imports', partner],
    queryFn: () => api<{ imports: CaseImport[] }>('GET', `/justice/case-imports?partner=${encodeURIComponent(partner)}`),
  });
  const imports = list.data?.imports ?? [];
  return (
    <Section id="history-title" title={t('caseImport.historyTitle')} gap="sm">
      <ErrorAlert error={list.error} />
      {list.data && imports.length === 0 && <Muted>{t('caseImport.noHistory')}</Muted>}
      {imports.length > 0 && (
        <DataTable
          minWidth={760}
          striped
          aria-labelledby="history-title"
          columns={[
            t('caseImport.started'),
            t('caseImport.file'),
            t('caseImport.yearsColumn'),
            t('caseImport.statusColumn'),
            { label: t('caseImport.imported'), ta: 'right' },
            { label: t('caseImport.rejected'), ta: 'right' },
            t('caseImport.details'),
          ]}
        >
          {imports.map((j) => (
            <Table.Tr key={j.id} bg={j.id === current ? 'var(--mantine-color-blue-light)' : undefined}>
              <Table.Td>{formatDateTime(j.startedAt)}</Table.Td>
              <RowHeader>{j.fileName}</RowHeader>
              <Table.Td>{j.years.join(', ') || '—'}</Table.Td>
              <Table.Td>
                <JobStatusBadge job={j} />
              </Table.Td>
              <Table.Td ta="right">{formatNumber(j.imported)}</Table.Td>
              <Table.Td ta="right">{formatNumber(j.rejected)}</Table.Td>
              <Table.Td>
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  onClick={() => onOpen(j.id)}
                  aria-label={t('caseImport.showImport', { file: j.fileName, when: formatDateTime(j.startedAt) })}
                >
                  {t('caseImport.show')}
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </Section>
  );
}
