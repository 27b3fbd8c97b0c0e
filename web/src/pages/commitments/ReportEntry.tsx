// One commitment in a progress report: the action, the partner's status and narrative (editable by
// the partner while the report is with them), the evidence, and the reviewers' assessment
// (editable by reviewers while the report is submitted, shown to others once visible).
import { Grid, Group, NativeSelect, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Muted, Paragraphs } from '../../platform/text';
import { AssessmentBadge, ProgressBadge, TitleWithBadge, useOfAction } from './Badges';
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

/** The label, value and change handler of one of the entry's fields. */
type Field = (name: keyof EntryValues) => { label: ReactNode; value: string; onChange: (ev: { currentTarget: { value: string } }) => void };

export function ReportEntry({ round, partner, entry: e, values, canEdit, canAssess, onEdit, onEvidence }: Props) {
  const { t } = useTranslation();
  const id = `entry-${e.commitment}`;
  const ofAction = useOfAction(e.action);
  const field: Field = (name) => ({
    label: ofAction(t(`commitments.entry.${name}`)),
    value: values[name],
    onChange: (ev) => onEdit(name, ev.currentTarget.value),
  });
  const showAssessment = canAssess || e.assessment !== null;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={3} size="h5" id={id}>
            {e.action} <TitleWithBadge title={e.actionTitle} paraphrase={e.paraphrase} />
          </Title>
          <Muted size="xs">
            {t('commitments.underObjective', { code: e.objective, title: e.objectiveTitle })} ·{' '}
            {t('commitments.deadlineIs', { deadline: e.deadline ?? t('commitments.noDeadline') })}
          </Muted>
        </Stack>
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 6 }}>
            {canEdit ? <ProgressFields field={field} values={values} /> : <ProgressView entry={e} />}
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <EvidencePanel round={round} partner={partner} entry={e} canEdit={canEdit} onChange={onEvidence} />
          </Grid.Col>
        </Grid>
        {showAssessment && (
          <Paper bg="gray.0" p="sm" radius="sm">
            {canAssess ? <AssessmentFields field={field} /> : <AssessmentView entry={e} />}
          </Paper>
        )}
      </Stack>
    </Paper>
  );
}

/** The partner's status and narrative, the narrative asked for where the status needs one. */
function ProgressFields({ field, values }: { field: Field; values: EntryValues }) {
  const { t } = useTranslation();
  const needsNarrative = NEEDS_NARRATIVE.includes(values.status) && values.narrative.trim() === '';
  return (
    <Stack gap="xs">
      <NativeSelect
        {...field('status')}
        data={[
          { value: '', label: t('commitments.entry.chooseStatus') },
          ...STATUSES.map((s) => ({ value: s, label: t(`commitments.progress.${s}`) })),
        ]}
      />
      <Textarea
        {...field('narrative')}
        description={t('commitments.entry.narrativeHelp')}
        autosize
        minRows={3}
        maxRows={12}
        maxLength={10_000}
        error={needsNarrative ? t('commitments.entry.narrativeNeeded', { status: t(`commitments.progress.${values.status}`) }) : undefined}
      />
    </Stack>
  );
}

function ProgressView({ entry: e }: { entry: Entry }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Labelled label={t('commitments.entry.status')}>
        <ProgressBadge status={e.status} />
      </Labelled>
      {e.narrative ? <Paragraphs text={e.narrative} /> : <Muted>{t('commitments.entry.noNarrative')}</Muted>}
    </Stack>
  );
}

/** The reviewers' assessment and comment. */
function AssessmentFields({ field }: { field: Field }) {
  const { t } = useTranslation();
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <NativeSelect
          {...field('assessment')}
          data={[
            { value: '', label: t('commitments.notAssessed') },
            ...ASSESSMENTS.map((a) => ({ value: a, label: t(`commitments.assessment.${a}`) })),
          ]}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Textarea {...field('comment')} autosize minRows={2} maxRows={8} maxLength={10_000} />
      </Grid.Col>
    </Grid>
  );
}

function AssessmentView({ entry: e }: { entry: Entry }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Labelled label={t('commitments.entry.assessment')}>
        <AssessmentBadge assessment={e.assessment} />
      </Labelled>
      <Paragraphs text={e.assessmentComment} />
      {e.assessedBy && <Muted size="xs">{t('commitments.entry.assessedBy', { who: e.assessedBy })}</Muted>}
    </Stack>
  );
}

/** A value with its name before it ("Status: In progress"). */
function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs">
      <Text size="sm" fw={600}>
        {label}:
      </Text>
      {children}
    </Group>
  );
}
