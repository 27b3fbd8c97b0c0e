// A table of commitments (a partner's, or the overdue ones): action and plan, deadline with the days
// left or late (overdue rows highlighted), latest reported status and latest assessment.
import { Anchor, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DataTable, RowHeader } from '../../platform/DataTable';
import { Muted } from '../../platform/text';
import { AssessmentBadge, Deadline, ProgressBadge, TitleWithBadge } from './Badges';
import { pages, type CommitmentView } from './model';

export function CommitmentTable({
  commitments,
  label,
  showPartner = false,
  partnerName,
  empty,
}: {
  commitments: CommitmentView[];
  label: string;
  showPartner?: boolean;
  partnerName?: (code: string) => string;
  /** Said in place of the table when given (see DataTable). */
  empty?: string | false;
}) {
  const { t } = useTranslation();
  return (
    <DataTable
      minWidth={880}
      aria-label={label}
      empty={empty}
      withTableBorder
      columns={[
        showPartner && t('commitments.partner'),
        t('commitments.action'),
        { label: t('commitments.deadline'), w: 170 },
        { label: t('commitments.latestStatus'), w: 170 },
        { label: t('commitments.latestAssessment'), w: 190 },
      ]}
    >
      {commitments.map((c) => (
        <Table.Tr key={c.id} className={c.overdue ? 'row-overdue' : undefined}>
          {showPartner && (
            <Table.Td>
              <PartnerLink code={c.partner}>{partnerName?.(c.partner) ?? c.partner}</PartnerLink>
            </Table.Td>
          )}
          <RowHeader>
            <TitleWithBadge
              title={
                <Anchor component={Link} to={pages.action(c.plan, c.action)} size="sm">
                  {c.action} {c.actionTitle}
                </Anchor>
              }
              paraphrase={c.paraphrase}
            />
            <Muted size="xs">
              <Anchor component={Link} to={pages.plan(c.plan)} size="xs">
                {c.planTitle}
              </Anchor>{' '}
              · {t('commitments.underObjective', { code: c.objective, title: c.objectiveTitle })}
            </Muted>
          </RowHeader>
          <ProgressCells commitment={c} />
        </Table.Tr>
      ))}
    </DataTable>
  );
}

/** A partner's name (or code) linking to their commitments; `label` names the link where the text alone would not. */
export function PartnerLink({ code, label, children }: { code: string; label?: string; children: ReactNode }) {
  return (
    <Anchor component={Link} to={pages.partner(code)} size="sm" aria-label={label}>
      {children}
    </Anchor>
  );
}

/** A commitment's deadline, latest reported status and latest assessment (each with the round it is from): three table cells. */
export function ProgressCells({ commitment: { latest, ...deadline } }: { commitment: CommitmentView }) {
  return (
    <>
      <Table.Td>
        <Deadline commitment={deadline} />
      </Table.Td>
      <Table.Td>
        <ProgressBadge status={latest.status} />
        {latest.statusRound && <Muted size="xs">{latest.statusRound}</Muted>}
      </Table.Td>
      <Table.Td>
        <AssessmentBadge assessment={latest.assessment} />
        {latest.assessmentRound && <Muted size="xs">{latest.assessmentRound}</Muted>}
      </Table.Td>
    </>
  );
}
