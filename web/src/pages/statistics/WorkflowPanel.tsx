// The workflow buttons the user's role and the submission's status allow: submit, return (with a
// comment), approve, publish (now, or scheduled for a moment within a year), reopen (with a reason;
// it also withdraws a scheduled publication). Submit, publish and reopen ask first, saying what
// follows. A refused submit shows why.
import { Alert, Button, Group, List, Modal, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../platform/api';
import { ErrorAlert, SuccessAlert } from '../../platform/feedback';
import { formatDateTime } from '../../platform/format';
import { DialogButtons, handleSubmit } from '../../platform/forms';
import { Section } from '../../platform/Section';
import { submissionPath, type Submission } from './model';

type Action = 'submit' | 'return' | 'approve' | 'publish' | 'reopen';
const NEEDS_TEXT: Partial<Record<Action, 'comment' | 'reason'>> = { return: 'comment', reopen: 'reason' };
/** Actions asked in a dialog: those that need a text, and those hard to take back (submitting, publishing). */
const IN_DIALOG: readonly Action[] = ['return', 'reopen', 'publish', 'submit'];

/** A `datetime-local` input's value (the browser's time zone) as an ISO instant, or null when incomplete. */
export function localToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

export function WorkflowPanel({ submission, onChanged }: { submission: Submission; onChanged: () => void }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Action | null>(null);
  const [text, setText] = useState('');
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [at, setAt] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: ({ action, body, publishAt }: { action: Action; body?: string; publishAt?: string }) => {
      const field = NEEDS_TEXT[action];
      return api<{ status: string; version: number; publishAt?: string | null }>('POST', `${submissionPath(submission)}/${action}`, {
        version: submission.version,
        ...(field ? { [field]: body } : {}),
        ...(publishAt ? { publishAt } : {}),
      });
    },
    onMutate: () => setDone(null),
    // A refused submit lists what stands in the way in the panel, not in the dialog.
    onError: (_error, { action }) => {
      if (action === 'submit') setDialog(null);
    },
    onSuccess: (result, { action }) => {
      setDialog(null);
      setText('');
      setDone(result.publishAt ? t('workflow.done.scheduled', { at: formatDateTime(result.publishAt) }) : t(`workflow.done.${action}`));
      onChanged();
    },
  });
  // A refusal concerns the version it was given for: forget it once the submission has changed.
  const { reset } = run;
  useEffect(() => reset(), [submission.version, reset]);
  const start = (action: Action) => {
    run.reset();
    if (IN_DIALOG.includes(action)) {
      setText('');
      setWhen('now');
      setAt('');
      setDialog(action);
    } else run.mutate({ action });
  };
  const scheduledAt = localToIso(at);
  const ready = dialog === 'publish' ? when === 'now' || scheduledAt !== null : dialog === 'submit' || text.trim() !== '';
  const confirm = handleSubmit(() => {
    if (!dialog || !ready) return;
    if (dialog === 'publish') run.mutate({ action: 'publish', publishAt: when === 'later' ? scheduledAt! : undefined });
    else if (dialog === 'submit') run.mutate({ action: 'submit' });
    else run.mutate({ action: dialog, body: text.trim() });
  });
  const consequence =
    dialog === 'reopen'
      ? t(submission.publishAt ? 'workflow.consequence.reopenScheduled' : `workflow.consequence.reopen_${submission.status}`, {
          defaultValue: t('workflow.consequence.reopen_approved'),
        })
      : dialog
        ? t(`workflow.consequence.${dialog}`, { defaultValue: '' })
        : '';
  const actions = (['submit', 'approve', 'publish', 'return', 'reopen'] as const).filter((a) => submission.can[a]);
  const error = run.error instanceof ApiError ? run.error : null;
  const blocked =
    error?.code === 'submission_blocked' && Array.isArray(error.details) ? (error.details as { key: string; message: string }[]) : [];

  return (
    <Section plain id="workflow-title" title={t('workflow.title')} gap="sm">
      {submission.publishAt && (
        <Alert color="blue" variant="light" title={t('workflow.scheduledTitle')}>
          {t('workflow.scheduled', { at: formatDateTime(submission.publishAt) })}
        </Alert>
      )}
      {actions.length === 0 && (
        <Alert color="gray" variant="light">
          {t('workflow.nothing')}
        </Alert>
      )}
      {actions.length > 0 && (
        <Group gap="xs">
          {actions.map((a) => (
            <Button
              key={a}
              size="sm"
              variant={a === 'return' || a === 'reopen' ? 'default' : 'filled'}
              onClick={() => start(a)}
              loading={run.isPending && run.variables?.action === a}
            >
              {t(`workflow.${a}`)}
            </Button>
          ))}
        </Group>
      )}
      {run.error && !dialog && (
        <Alert color="red" role="alert" title={blocked.length ? t('workflow.blocked') : undefined}>
          {run.error.message}
          {blocked.length > 1 && (
            <List size="sm" mt="xs">
              {blocked.slice(0, 8).map((f) => (
                <List.Item key={f.key}>{f.message}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
      {done && <SuccessAlert onClose={() => setDone(null)}>{done}</SuccessAlert>}
      <Modal opened={dialog !== null} onClose={() => setDialog(null)} title={dialog ? t(`workflow.${dialog}`) : ''}>
        <form onSubmit={confirm}>
          <Stack>
            <ErrorAlert error={run.error} />
            {consequence && <Text size="sm">{consequence}</Text>}
            {dialog === 'submit' ? null : dialog === 'publish' ? (
              <>
                <Radio.Group label={t('workflow.when')} value={when} onChange={(v) => setWhen(v === 'later' ? 'later' : 'now')}>
                  <Stack gap="xs" mt="xs">
                    <Radio value="now" label={t('workflow.now')} data-autofocus />
                    <Radio value="later" label={t('workflow.later')} />
                  </Stack>
                </Radio.Group>
                {when === 'later' && (
                  <TextInput
                    type="datetime-local"
                    label={t('workflow.publishAt')}
                    description={t('workflow.publishAtHelp')}
                    required
                    value={at}
                    onChange={(e) => setAt(e.currentTarget.value)}
                  />
                )}
              </>
            ) : (
              <Textarea
                label={dialog === 'reopen' ? t('workflow.reason') : t('workflow.comment')}
                required
                autosize
                minRows={3}
                maxLength={5000}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                data-autofocus
              />
            )}
            <DialogButtons cancel={t('workflow.cancel')} onCancel={() => setDialog(null)} loading={run.isPending} disabled={!ready}>
              {dialog === 'publish' && when === 'later' ? t('workflow.confirm.schedule') : dialog ? t(`workflow.confirm.${dialog}`) : ''}
            </DialogButtons>
          </Stack>
        </form>
      </Modal>
    </Section>
  );
}
