// A list of reporting rounds: title (to the round's page), plan, period, due date, status and how
// many partners' reports are submitted or assessed (of those whose state the viewer sees).
import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DataTable, RowHeader } from '../../platform/DataTable';
import { RoundStatusBadge } from './Badges';
import { pages, type Round } from './model';

export function RoundsTable({ rounds, showPlan = false, label }: { rounds: Round[]; showPlan?: boolean; label: string }) {
  const { t } = useTranslation();
  const today = new Date().toISOString().slice(0, 10);
  return (
    <DataTable
      minWidth={640}
      striped
      aria-label={label}
      columns={[
        t('commitments.round'),
        showPlan && t('commitments.plan'),
        t('commitments.period'),
        t('commitments.dueDate'),
        t('commitments.statusColumn'),
        t('commitments.reportsDone'),
      ]}
    >
      {rounds.map((r) => {
        const shown = r.reports.filter((x) => x.status !== 'not_published');
        const done = shown.filter((x) => x.status === 'submitted' || x.status === 'assessed').length;
        const hidden = r.reports.length - shown.length;
        const late = r.status === 'open' && r.dueDate < today;
        return (
          <Table.Tr key={r.id}>
            <RowHeader>
              <Anchor component={Link} to={pages.round(r.id)}>
                {r.title}
              </Anchor>
            </RowHeader>
            {showPlan && (
              <Table.Td>
                <Anchor component={Link} to={pages.plan(r.plan)} size="sm">
                  {r.planTitle}
                </Anchor>
              </Table.Td>
            )}
            <Table.Td>{t('commitments.periodRange', { start: r.periodStart, end: r.periodEnd })}</Table.Td>
            <Table.Td>
              {r.dueDate}
              {late && (
                <Text span c="red.8" fw={600} size="sm">
                  {' '}
                  ({t('commitments.pastDue')})
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <RoundStatusBadge status={r.status} />
            </Table.Td>
            <Table.Td>
              {hidden > 0
                ? t('commitments.reportsDoneHidden', { done, count: shown.length, hidden })
                : t('commitments.reportsDoneOf', { done, count: r.reports.length })}
            </Table.Td>
          </Table.Tr>
        );
      })}
    </DataTable>
  );
}
