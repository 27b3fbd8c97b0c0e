// A list of reporting rounds: title (to the round's page), plan, period, due date, status and how
// many partners' reports are submitted or assessed.
import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { RoundStatusBadge } from './Badges';
import { pages, type Round } from './model';

export function RoundsTable({ rounds, showPlan = false, label }: { rounds: Round[]; showPlan?: boolean; label: string }) {
  const { t } = useTranslation();
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('commitments.round')}</Table.Th>
            {showPlan && <Table.Th scope="col">{t('commitments.plan')}</Table.Th>}
            <Table.Th scope="col">{t('commitments.period')}</Table.Th>
            <Table.Th scope="col">{t('commitments.dueDate')}</Table.Th>
            <Table.Th scope="col">{t('commitments.statusColumn')}</Table.Th>
            <Table.Th scope="col">{t('commitments.reportsDone')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rounds.map((r) => {
            const done = r.reports.filter((x) => x.status === 'submitted' || x.status === 'assessed').length;
            const late = r.status === 'open' && r.dueDate < today;
            return (
              <Table.Tr key={r.id}>
                <Table.Th scope="row" fw={400}>
                  <Anchor component={Link} to={pages.round(r.id)}>
                    {r.title}
                  </Anchor>
                </Table.Th>
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
                <Table.Td>{t('commitments.reportsDoneOf', { done, count: r.reports.length })}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
