// What is overdue (signed-in users): progress reports past their round's due date, and
// commitments past their deadline that are neither completed, cancelled nor fully implemented;
// for all partners or one (a coordinator starts with their own, and sees only their own partner's
// late reports: other partners' report state is visible once the round is published).
import { Anchor, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, type User } from '../../platform/api';
import { BackLink } from '../../platform/BackLink';
import { DataTable, RowHeader } from '../../platform/DataTable';
import { QueryState } from '../../platform/QueryState';
import { Section } from '../../platform/Section';
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
      <BackLink to={pages.home}>{t('commitments.back')}</BackLink>
      <Title order={2}>{t('commitments.overdue.title')}</Title>
      <Text>{t('commitments.overdue.intro')}</Text>
      {user.role === 'coordinator' && <Text size="sm">{t('commitments.overdue.ownReportsOnly')}</Text>}
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
          <Section id="late-reports-title" title={t('commitments.overdue.reports')}>
            <DataTable
              empty={list.data.reports.length === 0 && t('commitments.overdue.noReports')}
              minWidth={640}
              striped
              aria-labelledby="late-reports-title"
              columns={[
                t('commitments.partner'),
                t('commitments.round'),
                t('commitments.dueDate'),
                { label: t('commitments.overdue.daysLate'), ta: 'right' },
                t('commitments.statusColumn'),
              ]}
            >
              {list.data.reports.map((r) => (
                <Table.Tr key={`${r.round}-${r.partner}`}>
                  <RowHeader>{name(r.partner)}</RowHeader>
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
            </DataTable>
          </Section>
          <Section id="late-commitments-title" title={t('commitments.overdue.commitments', { count: list.data.commitments.length })}>
            <CommitmentTable
              empty={list.data.commitments.length === 0 && t('commitments.overdue.noCommitments')}
              commitments={list.data.commitments}
              label={t('commitments.overdue.commitmentsLabel')}
              showPartner
              partnerName={name}
            />
          </Section>
        </>
      )}
    </Stack>
  );
}
