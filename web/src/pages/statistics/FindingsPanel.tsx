// Validation findings of a submission: errors (red) to correct, warnings (orange) to explain.
// Each warning takes an explanation, which submitting requires.
import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../platform/api';
import { submissionPath, type Catalog, type Finding, type OrgUnit, type Submission } from './model';

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
    <Stack component="section" aria-labelledby="findings-title" gap="sm">
      <Title order={3} size="h4" id="findings-title">
        {t('findings.title')}
      </Title>
      {submission.findings.length === 0 ? (
        <Text size="sm" c="dimmed">
          {submission.status === 'not_started' ? t('findings.notYet') : t('findings.none')}
        </Text>
      ) : (
        <Text size="sm">{t('findings.summary', { errors: errors.length, warnings: warnings.length, open })}</Text>
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
    </Stack>
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
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) explain.mutate();
        }}
      >
        <Stack gap={4}>
          <Textarea
            label={t('findings.explainAll', { count: keys.length })}
            size="xs"
            autosize
            minRows={2}
            maxLength={2000}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          {explain.error && (
            <Alert color="red" role="alert" p="xs">
              {explain.error.message}
            </Alert>
          )}
          {explain.isSuccess && (
            <Text size="xs" role="status">
              {t('findings.explainedAll', { count: keys.length })}
            </Text>
          )}
          <Group justify="flex-end">
            <Button type="submit" size="xs" variant="light" color="orange" loading={explain.isPending} disabled={!text.trim()}>
              {t('findings.explainAllButton')}
            </Button>
          </Group>
        </Stack>
      </form>
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
          <Text size="xs" c="dimmed">
            {where}
          </Text>
        </Group>
        <Text size="sm">{finding.message}</Text>
        {compared && (
          <Text size="xs" c="dimmed">
            {t('findings.compared', { left: d.left, right: d.right })}
            {typeof d.difference === 'number' ? ` · ${t('findings.difference', { value: d.difference })}` : ''}
          </Text>
        )}
        {finding.comment && (
          <Text size="sm" fs="italic">
            {t('findings.explainedBy', { author: finding.comment.author, text: finding.comment.text })}
          </Text>
        )}
        {!isError && submission.can.edit && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (text.trim()) explain.mutate();
            }}
          >
            <Stack gap={4}>
              <Textarea
                id={inputId}
                label={t('findings.explanation')}
                size="xs"
                autosize
                minRows={2}
                maxLength={2000}
                required
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
              />
              {explain.error && (
                <Alert color="red" role="alert" p="xs">
                  {explain.error.message}
                </Alert>
              )}
              <Group justify="flex-end">
                <Button type="submit" size="xs" variant="light" color="orange" loading={explain.isPending} disabled={!text.trim()}>
                  {finding.comment ? t('findings.update') : t('findings.explain')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
