// Small marks shared by the commitments pages: the "summary" badge of a paraphrased title, the
// partner's status, the reviewers' assessment, the state of a report or round, and a deadline with
// how far away it is. The text always says it; the colour only helps.
import { Badge, Stack, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  ASSESSMENT_BADGE,
  REPORT_BADGE,
  STATUS_BADGE,
  type Assessment,
  type CommitmentView,
  type ProgressStatus,
  type ReportStatus,
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

/** A title followed by the summary badge when it is paraphrased. */
export function TitleWithBadge({ title, paraphrase }: { title: string; paraphrase: boolean | undefined }) {
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

export function ProgressBadge({ status }: { status: ProgressStatus | null }) {
  const { t } = useTranslation();
  if (!status)
    return (
      <Text size="sm" c="dimmed" span>
        {t('commitments.noStatus')}
      </Text>
    );
  return (
    <Badge variant="light" color={STATUS_BADGE[status] ?? 'gray'}>
      {t(`commitments.progress.${status}`)}
    </Badge>
  );
}

export function AssessmentBadge({ assessment }: { assessment: Assessment | null }) {
  const { t } = useTranslation();
  if (!assessment)
    return (
      <Text size="sm" c="dimmed" span>
        {t('commitments.notAssessed')}
      </Text>
    );
  return (
    <Badge variant="filled" color={ASSESSMENT_BADGE[assessment] ?? 'gray'} autoContrast>
      {t(`commitments.assessment.${assessment}`)}
    </Badge>
  );
}

export function ReportStatusBadge({ status }: { status: ReportStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={REPORT_BADGE[status] ?? 'gray'}>
      {t(`commitments.reportStatus.${status}`)}
    </Badge>
  );
}

export function RoundStatusBadge({ status }: { status: RoundStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={status === 'open' ? 'blue' : 'green'}>
      {t(`commitments.roundStatus.${status}`)}
    </Badge>
  );
}

/** The deadline and, relative to today, how many days are left or how late it is (overdue in red). */
export function Deadline({ commitment }: { commitment: Pick<CommitmentView, 'deadline' | 'daysToDeadline' | 'overdue'> }) {
  const { t } = useTranslation();
  const { deadline, daysToDeadline: days, overdue } = commitment;
  if (!deadline)
    return (
      <Text size="sm" c="dimmed" span>
        {t('commitments.noDeadline')}
      </Text>
    );
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
        <Text size="xs" c="dimmed" span>
          {t('commitments.daysLeft', { count: days })}
        </Text>
      )}
    </Stack>
  );
}
