// Small marks shared by the commitments pages: the "summary" badge of a paraphrased title, the
// partner's status, the reviewers' assessment, the state of a report or round, and a deadline with
// how far away it is. The text always says it; the colour only helps.
import { Badge, Stack, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Muted } from '../../platform/text';
import { ValueBadge } from '../../platform/ValueBadge';
import {
  ASSESSMENT_BADGE,
  REPORT_BADGE,
  STATUS_BADGE,
  type Assessment,
  type CommitmentView,
  type ProgressStatus,
  type ShownReportStatus,
  type RoundStatus,
} from './model';

/** Marks a title that summarises the official wording. */
export function ParaphraseBadge() {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('commitments.paraphraseHint')} withArrow multiline maw={280}>
      <Badge variant="outline" color="gray" size="xs" tabIndex={0} className="badge-inline">
        {t('commitments.paraphrase')}
        <VisuallyHidden>: {t('commitments.paraphraseHint')}</VisuallyHidden>
      </Badge>
    </Tooltip>
  );
}

/** A title (text, or a link to what it names) followed by the summary badge when it is paraphrased. */
export function TitleWithBadge({ title, paraphrase }: { title: ReactNode; paraphrase: boolean | undefined }) {
  return (
    <>
      {title}
      {paraphrase && (
        <>
          {' '}
          <ParaphraseBadge />
        </>
      )}
    </>
  );
}

/**
 * Names a field of a report entry with the action it belongs to, the action said to screen readers
 * only ("Narrative" reads "Narrative of action 1.2").
 */
export function useOfAction(action: string): (label: string) => ReactNode {
  const { t } = useTranslation();
  const of = <VisuallyHidden>{` ${t('commitments.entry.ofAction', { action })}`}</VisuallyHidden>;
  return (label) => (
    <>
      {label}
      {of}
    </>
  );
}

/** A missing value of a table cell or a line ("no status", "not assessed", "no deadline"). */
function Missing({ text }: { text: string }) {
  return <Muted span>{text}</Muted>;
}

export function NoDeadline() {
  const { t } = useTranslation();
  return <Missing text={t('commitments.noDeadline')} />;
}

export function ProgressBadge({ status }: { status: ProgressStatus | null }) {
  const { t } = useTranslation();
  if (!status) return <Missing text={t('commitments.noStatus')} />;
  return <ValueBadge value={status} texts="commitments.progress" colors={STATUS_BADGE} />;
}

export function AssessmentBadge({ assessment }: { assessment: Assessment | null }) {
  const { t } = useTranslation();
  if (!assessment) return <Missing text={t('commitments.notAssessed')} />;
  return <ValueBadge value={assessment} texts="commitments.assessment" colors={ASSESSMENT_BADGE} variant="filled" />;
}

export function ReportStatusBadge({ status }: { status: ShownReportStatus }) {
  return <ValueBadge value={status} texts="commitments.reportStatus" colors={REPORT_BADGE} />;
}

export function RoundStatusBadge({ status }: { status: RoundStatus }) {
  return <ValueBadge value={status} texts="commitments.roundStatus" color={status === 'open' ? 'blue' : 'green'} />;
}

/** The deadline and, relative to today, how many days are left or how late it is (overdue in red). */
export function Deadline({ commitment }: { commitment: Pick<CommitmentView, 'deadline' | 'daysToDeadline' | 'overdue'> }) {
  const { t } = useTranslation();
  const { deadline, daysToDeadline: days, overdue } = commitment;
  if (!deadline) return <NoDeadline />;
  return (
    <Stack gap={0}>
      <Text size="sm" span>
        {deadline}
      </Text>
      {overdue && (
        <Text size="xs" c="red.8" fw={700} span>
          {t('commitments.overdueBy', { count: Math.abs(days ?? 0) })}
        </Text>
      )}
      {!overdue && days !== null && days >= 0 && (
        <Muted size="xs" span>
          {t('commitments.daysLeft', { count: days })}
        </Muted>
      )}
    </Stack>
  );
}
