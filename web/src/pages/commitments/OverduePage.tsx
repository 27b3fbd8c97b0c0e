// What is overdue (signed-in users): progress reports past their round's due date, and
// commitments past their deadline that are neither completed, cancelled nor fully implemented;
// for all partners or one (a coordinator starts with their own).
import { Anchor, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, type User } from '../../platform/api';
import { QueryState } from '../../platform/QueryState';
import { usePartners } from '../statistics/model';
import { ReportStatusBadge } from './Badges';
import { CommitmentTable } from './CommitmentTable';
import { pages, type CommitmentView, type OverdueReport } from './model';

const ALL = 'all';

export function OverduePage({ user }: { user: User }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const chosen = params.get('partner') ?? user.partner ?? ALL;
  const partner = chosen === ALL ? null : chosen;
  const partners = usePartners();
  const wb6 = (partners.data?.partners ?? []).filter((p) => p.group === 'WB6');
  const name = (code: string) => wb6.find((p) => p.code === code)?.name ?? code;
  const list = useQuery({
    queryKey: ['overdue', partner],
    queryFn: () =>
      api<{ commitments: CommitmentView[]; reports: OverdueReport[] }>(
        'GET',
        `/commitments/overdue${partner ? `?partner=${encodeURIComponent(partner)}` : ''}`,
      ),
    placeholderData: (previous) => previous,
  });
  const choose = (value: string) => setParams(value === (user.partner ?? ALL) ? {} : { partner: value }, { replace: true });

  return (
    <Stack>
      <Anchor component={Link} to={pages.home} size="sm">
        ← {t('commitments.back')}
      </Anchor>
      <Title order={2}>{t('commitments.overdue.title')}</Title>
      <Text>{t('commitments.overdue.intro')}</Text>
      <NativeSelect
        label={t('commitments.partner')}
        value={chosen}
        onChange={(e) => choose(e.currentTarget.value)}
        maw={280}
        data={[{ value: ALL, label: t('commitments.allPartners') }, ...wb6.map((p) => ({ value: p.code, label: p.name }))]}
      />
      {(list.error || !list.data) && <QueryState error={list.error} loading={t('commitments.loading')} />}
      {list.data && (
        <>
          <Paper withBorder p="md" component="section" aria-labelledby="late-reports-title">
            <Title order={3} size="h4" id="late-reports-title">
              {t('commitments.overdue.reports')}
            </Title>
            {list.data.reports.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('commitments.overdue.noReports')}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table striped aria-labelledby="late-reports-title">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('commitments.partner')}</Table.Th>
                      <Table.Th scope="col">{t('commitments.round')}</Table.Th>
                      <Table.Th scope="col">{t('commitments.dueDate')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('commitments.overdue.daysLate')}
                      </Table.Th>
                      <Table.Th scope="col">{t('commitments.statusColumn')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.data.reports.map((r) => (
                      <Table.Tr key={`${r.round}-${r.partner}`}>
                        <Table.Th scope="row" fw={400}>
                          {name(r.partner)}
                        </Table.Th>
                        <Table.Td>
                          <Anchor component={Link} to={pages.report(r.round, r.partner)} size="sm">
                            {r.roundTitle}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{r.dueDate}</Table.Td>
                        <Table.Td ta="right">{r.daysLate}</Table.Td>
                        <Table.Td>
                          <ReportStatusBadge status={r.status} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="late-commitments-title">
            <Title order={3} size="h4" id="late-commitments-title">
              {t('commitments.overdue.commitments', { count: list.data.commitments.length })}
            </Title>
            {list.data.commitments.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('commitments.overdue.noCommitments')}
              </Text>
            ) : (
              <CommitmentTable
                commitments={list.data.commitments}
                label={t('commitments.overdue.commitmentsLabel')}
                showPartner
                partnerName={name}
              />
            )}
          </Paper>
        </>
      )}
    </Stack>
  );
}
