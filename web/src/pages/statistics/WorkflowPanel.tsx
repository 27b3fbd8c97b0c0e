// The workflow buttons the user's role and the submission's status allow: submit, return (with a
// comment), approve, publish, reopen (with a reason). A refused submit shows why.
import { Alert, Button, Group, List, Modal, Stack, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../platform/api';
import { ErrorAlert, SuccessAlert } from '../../platform/feedback';
import { DialogButtons, handleSubmit } from '../../platform/forms';
import { Section } from '../../platform/Section';
import { submissionPath, type Submission } from './model';

type Action = 'submit' | 'return' | 'approve' | 'publish' | 'reopen';
const NEEDS_TEXT: Partial<Record<Action, 'comment' | 'reason'>> = { return: 'comment', reopen: 'reason' };

export function WorkflowPanel({ submission, onChanged }: { submission: Submission; onChanged: () => void }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Action | null>(null);
  const [text, setText] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: ({ action, body }: { action: Action; body?: string }) => {
      const field = NEEDS_TEXT[action];
      return api<{ status: string; version: number }>('POST', `${submissionPath(submission)}/${action}`, {
        version: submission.version,
        ...(field ? { [field]: body } : {}),
      });
    },
    onMutate: () => setDone(null),
    onSuccess: (_result, { action }) => {
      setDialog(null);
      setText('');
      setDone(t(`workflow.done.${action}`));
      onChanged();
    },
  });
  // A refusal concerns the version it was given for: forget it once the submission has changed.
  const { reset } = run;
  useEffect(() => reset(), [submission.version, reset]);
  const start = (action: Action) => {
    run.reset();
    if (NEEDS_TEXT[action]) {
      setText('');
      setDialog(action);
    } else run.mutate({ action });
  };
  const confirm = handleSubmit(() => {
    if (dialog && text.trim()) run.mutate({ action: dialog, body: text.trim() });
  });
  const actions = (['submit', 'approve', 'publish', 'return', 'reopen'] as const).filter((a) => submission.can[a]);
  const error = run.error instanceof ApiError ? run.error : null;
  const blocked =
    error?.code === 'submission_blocked' && Array.isArray(error.details) ? (error.details as { key: string; message: string }[]) : [];

  return (
    <Section plain id="workflow-title" title={t('workflow.title')} gap="sm">
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
            <DialogButtons cancel={t('workflow.cancel')} onCancel={() => setDialog(null)} loading={run.isPending} disabled={!text.trim()}>
              {dialog ? t(`workflow.confirm.${dialog}`) : ''}
            </DialogButtons>
          </Stack>
        </form>
      </Modal>
    </Section>
  );
}
