// The workflow buttons the user's role and the submission's status allow: submit, return (with a
// comment), approve, publish (now, or scheduled for a moment within a year), reopen (with a reason;
// it also withdraws a scheduled publication). Submit, publish and reopen ask first, saying what
// follows. A refused submit shows why.
import { Alert, Button, Group, List, Modal, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, SuccessAlert } from '../../platform/feedback';
import { formatDateTime } from '../../platform/format';
import { DialogButtons } from '../../platform/forms';
import { Section } from '../../platform/Section';
import type { Submission } from './model';
import { useSubmissionWorkflow, type SubmissionWorkflow } from './submission-workflow';

export function WorkflowPanel({ submission, onChanged }: { submission: Submission; onChanged: () => void }) {
  const { t } = useTranslation();
  const flow = useSubmissionWorkflow(submission, onChanged);
  const { run, actions, blocked } = flow;

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
              onClick={() => flow.start(a)}
              loading={run.isPending && run.variables?.action === a}
            >
              {t(`workflow.${a}`)}
            </Button>
          ))}
        </Group>
      )}
      {run.error && !flow.dialog && (
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
      {flow.done && <SuccessAlert onClose={flow.clearDone}>{flow.done}</SuccessAlert>}
      <ActionDialog flow={flow} />
    </Section>
  );
}

/** The dialog of a step asked first: what follows, then the moment of publication or the text the step needs. */
function ActionDialog({ flow }: { flow: SubmissionWorkflow }) {
  const { t } = useTranslation();
  const { dialog, run } = flow;
  return (
    <Modal opened={dialog !== null} onClose={flow.close} title={dialog ? t(`workflow.${dialog}`) : ''}>
      <form onSubmit={flow.confirm}>
        <Stack>
          <ErrorAlert error={run.error} />
          {flow.consequence && <Text size="sm">{flow.consequence}</Text>}
          {dialog === 'submit' ? null : dialog === 'publish' ? (
            <PublishWhen flow={flow} />
          ) : (
            <Textarea
              label={dialog === 'reopen' ? t('workflow.reason') : t('workflow.comment')}
              required
              autosize
              minRows={3}
              maxLength={5000}
              value={flow.text}
              onChange={(e) => flow.setText(e.currentTarget.value)}
              data-autofocus
            />
          )}
          <DialogButtons cancel={t('workflow.cancel')} onCancel={flow.close} loading={run.isPending} disabled={!flow.ready}>
            {dialog === 'publish' && flow.when === 'later' ? t('workflow.confirm.schedule') : dialog ? t(`workflow.confirm.${dialog}`) : ''}
          </DialogButtons>
        </Stack>
      </form>
    </Modal>
  );
}

/** Publish now, or at a moment typed in the browser's time zone. */
function PublishWhen({ flow }: { flow: SubmissionWorkflow }) {
  const { t } = useTranslation();
  return (
    <>
      <Radio.Group label={t('workflow.when')} value={flow.when} onChange={(v) => flow.setWhen(v === 'later' ? 'later' : 'now')}>
        <Stack gap="xs" mt="xs">
          <Radio value="now" label={t('workflow.now')} data-autofocus />
          <Radio value="later" label={t('workflow.later')} />
        </Stack>
      </Radio.Group>
      {flow.when === 'later' && (
        <TextInput
          type="datetime-local"
          label={t('workflow.publishAt')}
          description={t('workflow.publishAtHelp')}
          required
          value={flow.at}
          onChange={(e) => flow.setAt(e.currentTarget.value)}
        />
      )}
    </>
  );
}
