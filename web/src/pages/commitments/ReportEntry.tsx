// One commitment in a progress report: the action, the partner's status and narrative (editable by
// the partner while the report is with them), the evidence, and the reviewers' assessment
// (editable by reviewers while the report is submitted, shown to others once visible).
import { Grid, Group, NativeSelect, Paper, Stack, Text, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AssessmentBadge, ProgressBadge, TitleWithBadge } from './Badges';
import { EvidencePanel } from './EvidencePanel';
import { ASSESSMENTS, NEEDS_NARRATIVE, STATUSES, type Entry, type Evidence } from './model';

/** What the form shows for an entry: the stored values with the user's unsaved changes applied. */
export interface EntryValues {
  status: string;
  narrative: string;
  assessment: string;
  comment: string;
}

interface Props {
  round: string;
  partner: string;
  entry: Entry;
  values: EntryValues;
  canEdit: boolean;
  canAssess: boolean;
  onEdit: (field: keyof EntryValues, value: string) => void;
  onEvidence: (change: { added?: Evidence; removed?: string }) => void;
}

export function ReportEntry({ round, partner, entry: e, values, canEdit, canAssess, onEdit, onEvidence }: Props) {
  const { t } = useTranslation();
  const id = `entry-${e.commitment}`;
  const of = <VisuallyHidden>{` ${t('commitments.entry.ofAction', { action: e.action })}`}</VisuallyHidden>;
  const needsNarrative = NEEDS_NARRATIVE.includes(values.status) && values.narrative.trim() === '';
  const showAssessment = canAssess || e.assessment !== null;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={3} size="h5" id={id}>
            {e.action} <TitleWithBadge title={e.actionTitle} paraphrase={e.paraphrase} />
          </Title>
          <Text size="xs" c="dimmed">
            {t('commitments.underObjective', { code: e.objective, title: e.objectiveTitle })} ·{' '}
            {t('commitments.deadlineIs', { deadline: e.deadline ?? t('commitments.noDeadline') })}
          </Text>
        </Stack>
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 6 }}>
            {canEdit ? (
              <Stack gap="xs">
                <NativeSelect
                  label={
                    <>
                      {t('commitments.entry.status')}
                      {of}
                    </>
                  }
                  value={values.status}
                  onChange={(ev) => onEdit('status', ev.currentTarget.value)}
                  data={[
                    { value: '', label: t('commitments.entry.chooseStatus') },
                    ...STATUSES.map((s) => ({ value: s, label: t(`commitments.progress.${s}`) })),
                  ]}
                />
                <Textarea
                  label={
                    <>
                      {t('commitments.entry.narrative')}
                      {of}
                    </>
                  }
                  description={t('commitments.entry.narrativeHelp')}
                  autosize
                  minRows={3}
                  maxRows={12}
                  maxLength={10_000}
                  value={values.narrative}
                  onChange={(ev) => onEdit('narrative', ev.currentTarget.value)}
                  error={
                    needsNarrative
                      ? t('commitments.entry.narrativeNeeded', { status: t(`commitments.progress.${values.status}`) })
                      : undefined
                  }
                />
              </Stack>
            ) : (
              <Stack gap={4}>
                <Group gap="xs">
                  <Text size="sm" fw={600}>
                    {t('commitments.entry.status')}:
                  </Text>
                  <ProgressBadge status={e.status} />
                </Group>
                {e.narrative ? (
                  <Text size="sm" className="pre-wrap">
                    {e.narrative}
                  </Text>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('commitments.entry.noNarrative')}
                  </Text>
                )}
              </Stack>
            )}
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <EvidencePanel round={round} partner={partner} entry={e} canEdit={canEdit} onChange={onEvidence} />
          </Grid.Col>
        </Grid>
        {showAssessment && (
          <Paper bg="gray.0" p="sm" radius="sm">
            {canAssess ? (
              <Grid gap="md">
                <Grid.Col span={{ base: 12, md: 4 }}>
                  <NativeSelect
                    label={
                      <>
                        {t('commitments.entry.assessment')}
                        {of}
                      </>
                    }
                    value={values.assessment}
                    onChange={(ev) => onEdit('assessment', ev.currentTarget.value)}
                    data={[
                      { value: '', label: t('commitments.notAssessed') },
                      ...ASSESSMENTS.map((a) => ({ value: a, label: t(`commitments.assessment.${a}`) })),
                    ]}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, md: 8 }}>
                  <Textarea
                    label={
                      <>
                        {t('commitments.entry.comment')}
                        {of}
                      </>
                    }
                    autosize
                    minRows={2}
                    maxRows={8}
                    maxLength={10_000}
                    value={values.comment}
                    onChange={(ev) => onEdit('comment', ev.currentTarget.value)}
                  />
                </Grid.Col>
              </Grid>
            ) : (
              <Stack gap={4}>
                <Group gap="xs">
                  <Text size="sm" fw={600}>
                    {t('commitments.entry.assessment')}:
                  </Text>
                  <AssessmentBadge assessment={e.assessment} />
                </Group>
                {e.assessmentComment && (
                  <Text size="sm" className="pre-wrap">
                    {e.assessmentComment}
                  </Text>
                )}
                {e.assessedBy && (
                  <Text size="xs" c="dimmed">
                    {t('commitments.entry.assessedBy', { who: e.assessedBy })}
                  </Text>
                )}
              </Stack>
            )}
          </Paper>
        )}
      </Stack>
    </Paper>
  );
}
