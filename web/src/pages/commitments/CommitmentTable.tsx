// A table of commitments (a partner's, or the overdue ones): action and plan, deadline with the days
// left or late (overdue rows highlighted), latest reported status and latest assessment.
import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { AssessmentBadge, Deadline, ParaphraseBadge, ProgressBadge } from './Badges';
import { pages, type CommitmentView, type Latest } from './model';

export function CommitmentTable({
  commitments,
  label,
  showPartner = false,
  partnerName,
}: {
  commitments: CommitmentView[];
  label: string;
  showPartner?: boolean;
  partnerName?: (code: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table aria-label={label} withTableBorder>
        <Table.Thead>
          <Table.Tr>
            {showPartner && <Table.Th scope="col">{t('commitments.partner')}</Table.Th>}
            <Table.Th scope="col">{t('commitments.action')}</Table.Th>
            <Table.Th scope="col" w={170}>
              {t('commitments.deadline')}
            </Table.Th>
            <Table.Th scope="col" w={170}>
              {t('commitments.latestStatus')}
            </Table.Th>
            <Table.Th scope="col" w={190}>
              {t('commitments.latestAssessment')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {commitments.map((c) => (
            <Table.Tr key={c.id} className={c.overdue ? 'row-overdue' : undefined}>
              {showPartner && (
                <Table.Td>
                  <Anchor component={Link} to={pages.partner(c.partner)} size="sm">
                    {partnerName?.(c.partner) ?? c.partner}
                  </Anchor>
                </Table.Td>
              )}
              <Table.Th scope="row" fw={400}>
                <Anchor component={Link} to={pages.action(c.plan, c.action)} size="sm">
                  {c.action} {c.actionTitle}
                </Anchor>
                {c.paraphrase && (
                  <>
                    {' '}
                    <ParaphraseBadge />
                  </>
                )}
                <Text size="xs" c="dimmed">
                  <Anchor component={Link} to={pages.plan(c.plan)} size="xs">
                    {c.planTitle}
                  </Anchor>{' '}
                  · {t('commitments.underObjective', { code: c.objective, title: c.objectiveTitle })}
                </Text>
              </Table.Th>
              <Table.Td>
                <Deadline commitment={c} />
              </Table.Td>
              <LatestCells latest={c.latest} />
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A commitment's latest reported status and latest assessment, each with the round it is from: two table cells. */
export function LatestCells({ latest }: { latest: Latest }) {
  return (
    <>
      <Table.Td>
        <ProgressBadge status={latest.status} />
        {latest.statusRound && (
          <Text size="xs" c="dimmed">
            {latest.statusRound}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <AssessmentBadge assessment={latest.assessment} />
        {latest.assessmentRound && (
          <Text size="xs" c="dimmed">
            {latest.assessmentRound}
          </Text>
        )}
      </Table.Td>
    </>
  );
}
