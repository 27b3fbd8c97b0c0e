// One case import followed while it runs (phase and progress, polled every second), then its
// result: counts, rejected rows by reason with the download of the rejected rows, and links to
// the draft submissions it filled; and the list of a partner's earlier imports.
import { Alert, Anchor, Badge, Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../platform/api';
import { formatNumber } from '../statistics/IndicatorTable';
import { formatDateTime } from '../statistics/model';
import { DATASET, type CaseImport } from './model';

const STATUS_COLORS = { running: 'blue', completed: 'green', failed: 'red', interrupted: 'orange' } as const;

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

  if (job.error)
    return (
      <Alert color="red" role="alert">
        {job.error.message}
      </Alert>
    );
  if (!job.data) return null;
  const j = job.data;
  const percent = Math.round(Math.max(0, Math.min(1, j.progress)) * 100);
  const phase = t(`caseImport.phases.${j.phase}`, { defaultValue: j.phase });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="job-title">
      <Stack gap="sm">
        <Group gap="sm">
          <Title order={3} size="h4" id="job-title">
            {t('caseImport.jobTitle', { file: j.fileName })}
          </Title>
          <Badge color={STATUS_COLORS[j.status]} variant="light">
            {t(`caseImport.status.${j.status}`)}
          </Badge>
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
        {j.status === 'failed' && (
          <Alert color="red" role="alert" title={t('caseImport.failed')}>
            {j.message ?? '—'}
          </Alert>
        )}
        {j.status === 'interrupted' && (
          <Alert color="orange" role="alert" title={t('caseImport.interrupted')}>
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
    [t('caseImport.rows'), job.rows],
    [t('caseImport.imported'), job.imported],
    [t('caseImport.rejected'), job.rejected],
  ] as const;
  return (
    <Stack gap="sm">
      <Alert color={job.rejected ? 'yellow' : 'green'} role="status" title={t('caseImport.completed')}>
        {job.message ?? t('caseImport.completedText', { years: job.years.join(', ') || '—' })}
      </Alert>
      <Table withRowBorders={false} verticalSpacing={2} maw={360} aria-label={t('caseImport.counts')}>
        <Table.Tbody>
          {counts.map(([label, n]) => (
            <Table.Tr key={label}>
              <Table.Th scope="row" fw={400}>
                {label}
              </Table.Th>
              <Table.Td ta="right">{formatNumber(n)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {reasons.length > 0 && (
        <>
          <Table.ScrollContainer minWidth={360}>
            <Table striped aria-label={t('caseImport.byReason')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('caseImport.reason')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('caseImport.rowsRejected')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {reasons.map(([reason, n]) => (
                  <Table.Tr key={reason}>
                    <Table.Td>{t(`caseImport.reasons.${reason}`, { defaultValue: reason })}</Table.Td>
                    <Table.Td ta="right">{formatNumber(n)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Anchor href={`/api/v1/justice/case-imports/${encodeURIComponent(job.id)}/rejected.csv`} download size="sm" w="fit-content">
            {t('caseImport.rejectedCsv')}
          </Anchor>
        </>
      )}
      {job.submissions.length > 0 && (
        <Table.ScrollContainer minWidth={600}>
          <Table striped aria-label={t('caseImport.submissions')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('caseImport.year')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('import.created')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('import.changed')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('import.unchanged')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('import.removed')}
                </Table.Th>
                <Table.Th scope="col">{t('caseImport.submission')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {job.submissions.map((s) => (
                <Table.Tr key={s.period}>
                  <Table.Th scope="row">{s.period}</Table.Th>
                  <Table.Td ta="right">{formatNumber(s.created)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(s.changed)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(s.unchanged)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(s.removed)}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/statistics/${DATASET}/${job.partner}/${s.period}`} size="sm">
                      {t('caseImport.openDraft', { year: s.period })}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
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
    <Paper withBorder p="md" component="section" aria-labelledby="history-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="history-title">
          {t('caseImport.historyTitle')}
        </Title>
        {list.error && (
          <Alert color="red" role="alert">
            {list.error.message}
          </Alert>
        )}
        {list.data && imports.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('caseImport.noHistory')}
          </Text>
        )}
        {imports.length > 0 && (
          <Table.ScrollContainer minWidth={760}>
            <Table striped aria-labelledby="history-title">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('caseImport.started')}</Table.Th>
                  <Table.Th scope="col">{t('caseImport.file')}</Table.Th>
                  <Table.Th scope="col">{t('caseImport.yearsColumn')}</Table.Th>
                  <Table.Th scope="col">{t('caseImport.statusColumn')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('caseImport.imported')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('caseImport.rejected')}
                  </Table.Th>
                  <Table.Th scope="col">{t('caseImport.details')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {imports.map((j) => (
                  <Table.Tr key={j.id} bg={j.id === current ? 'var(--mantine-color-blue-light)' : undefined}>
                    <Table.Td>{formatDateTime(j.startedAt)}</Table.Td>
                    <Table.Th scope="row" fw={400}>
                      {j.fileName}
                    </Table.Th>
                    <Table.Td>{j.years.join(', ') || '—'}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLORS[j.status]} variant="light">
                        {t(`caseImport.status.${j.status}`)}
                      </Badge>
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
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
