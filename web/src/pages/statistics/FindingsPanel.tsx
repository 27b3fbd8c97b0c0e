// Validation findings of a submission: errors (red) to correct, warnings (orange) to explain.
// Each warning takes an explanation, which submitting requires.
import { comparisonSentence, formatFigure } from './findings';
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../platform/api';
import { Section } from '../../platform/Section';
import { Muted } from '../../platform/text';
import { submissionPath, type Catalog, type Finding, type OrgUnit, type Submission } from './model';
import { NoteForm } from './NoteForm';

const FIRST_FINDINGS = 40;

interface Props {
  catalog: Catalog;
  submission: Submission;
  orgUnits: OrgUnit[];
  onChanged: () => void;
}

export function FindingsPanel({ catalog, submission, orgUnits, onChanged }: Props) {
  const { t } = useTranslation();
  const errors = submission.findings.filter((f) => f.severity === 'error');
  const warnings = submission.findings.filter((f) => f.severity === 'warning');
  const open = warnings.filter((f) => !f.comment).length;
  // Hundreds of findings (e.g. outliers after an import) make a long, slow page: errors and
  // unexplained warnings come first, and only the first ones are drawn until asked for all.
  const [showAll, setShowAll] = useState(false);
  const ordered = [...errors, ...warnings.filter((f) => !f.comment), ...warnings.filter((f) => f.comment)];
  const shown = showAll ? ordered : ordered.slice(0, FIRST_FINDINGS);
  const hidden = ordered.length - shown.length;
  return (
    <Section plain id="findings-title" title={t('findings.title')} gap="sm">
      {submission.findings.length === 0 ? (
        <Muted>{submission.status === 'not_started' ? t('findings.notYet') : t('findings.none')}</Muted>
      ) : (
        <Text size="sm">
          {t('findings.summary', {
            errors: t('findings.errors', { count: errors.length }),
            warnings: t('findings.warnings', { count: warnings.length }),
            open,
          })}
        </Text>
      )}
      {submission.can.edit && open >= 2 && (
        <ExplainAll submission={submission} keys={warnings.filter((f) => !f.comment).map((f) => f.key)} onChanged={onChanged} />
      )}
      {shown.map((f) => (
        <FindingItem key={f.key} finding={f} catalog={catalog} orgUnits={orgUnits} submission={submission} onChanged={onChanged} />
      ))}
      {hidden > 0 && (
        <Button variant="subtle" size="xs" onClick={() => setShowAll(true)}>
          {t('findings.showAll', { count: hidden })}
        </Button>
      )}
    </Section>
  );
}

/** Many similar warnings (e.g. outliers after an import) can share one explanation. */
function ExplainAll({ submission, keys, onChanged }: { submission: Submission; keys: string[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const explain = useMutation({
    mutationFn: () => api<void>('POST', `${submissionPath(submission)}/findings/comment`, { keys, comment: text.trim() }),
    onSuccess: () => {
      setText('');
      onChanged();
    },
  });
  return (
    <Paper withBorder p="sm" radius="sm">
      <NoteForm
        label={t('findings.explainAll', { count: keys.length })}
        size="xs"
        maxLength={2000}
        value={text}
        onChange={setText}
        send={explain}
        submit={t('findings.explainAllButton')}
        color="orange"
      >
        {explain.isSuccess && (
          <Text size="xs" role="status">
            {t('findings.explainedAll', { count: keys.length })}
          </Text>
        )}
      </NoteForm>
    </Paper>
  );
}

function location(f: Finding, catalog: Catalog, orgUnits: OrgUnit[], partnerLabel: string): string {
  const unit = f.orgUnit ? (orgUnits.find((u) => u.code === f.orgUnit)?.name ?? f.orgUnit) : partnerLabel;
  const coords = Object.entries(f.coords).map(
    ([d, c]) => catalog.dimensions.find((x) => x.code === d)?.codes.find((x) => x.code === c)?.label ?? c,
  );
  const variable =
    typeof f.details?.variable === 'string' ? catalog.variables.find((v) => v.code === f.details!.variable)?.label : undefined;
  return [unit, variable, ...coords].filter(Boolean).join(' · ');
}

function FindingItem({ finding, catalog, orgUnits, submission, onChanged }: { finding: Finding } & Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(finding.comment?.text ?? '');
  const explain = useMutation({
    mutationFn: () => api<void>('POST', `${submissionPath(submission)}/findings/comment`, { key: finding.key, comment: text.trim() }),
    onSuccess: onChanged,
  });
  const isError = finding.severity === 'error';
  const color = isError ? 'red' : 'orange';
  const d = finding.details ?? {};
  const compared = typeof d.left === 'number' && typeof d.right === 'number';
  const sentence = compared
    ? comparisonSentence(
        { ...d, left: d.left as number, right: d.right as number },
        (code) => catalog.variables.find((v) => v.code === code)?.label,
      )
    : null;
  const where = location(finding, catalog, orgUnits, t('findings.partnerLevel'));
  const inputId = `explain-${finding.key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <Paper
      component="article"
      withBorder
      p="sm"
      radius="sm"
      bd={`1px solid var(--mantine-color-${color}-4)`}
      aria-label={`${t(`findings.${finding.severity}`)}: ${finding.message}`}
    >
      <Stack gap={6}>
        <Group gap="xs">
          <Badge color={color} variant="filled" size="sm">
            {t(`findings.${finding.severity}`)}
          </Badge>
          <Muted size="xs">{where}</Muted>
        </Group>
        <Text size="sm">{finding.message}</Text>
        {compared && (
          <Muted size="xs">
            {sentence ?? t('findings.compared', { left: formatFigure(d.left as number), right: formatFigure(d.right as number) })}
            {typeof d.difference === 'number' ? ` ${t('findings.difference', { value: formatFigure(d.difference) })}` : ''}
          </Muted>
        )}
        {finding.comment && (
          <Text size="sm" fs="italic">
            {t('findings.explainedBy', { author: finding.comment.author, text: finding.comment.text })}
          </Text>
        )}
        {!isError && submission.can.edit && (
          <NoteForm
            id={inputId}
            label={t('findings.explanation')}
            size="xs"
            maxLength={2000}
            required
            value={text}
            onChange={setText}
            send={explain}
            submit={finding.comment ? t('findings.update') : t('findings.explain')}
            color="orange"
          />
        )}
      </Stack>
    </Paper>
  );
}
