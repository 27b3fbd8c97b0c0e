// The workflow buttons of one measure that the user's role and its state allow (submit, return with
// a comment, approve, publish, delete a draft), each asked first in a dialog that says what follows.
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../platform/api';
import { ErrorAlert, SuccessAlert } from '../../platform/feedback';
import { DialogButtons, handleSubmit } from '../../platform/forms';
import { refreshMeasures, type Measure, type MeasureAction } from './model';

const ORDER: readonly MeasureAction[] = ['submit', 'approve', 'publish', 'return', 'delete'];

export function MeasureActions({ measure, onEdit }: { measure: Measure; onEdit?: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [dialog, setDialog] = useState<MeasureAction | null>(null);
  const [comment, setComment] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (action: MeasureAction): Promise<unknown> =>
      action === 'delete'
        ? api<void>('DELETE', `/emergency-measures/${measure.id}?version=${measure.version}`)
        : api<Measure>('POST', `/emergency-measures/${measure.id}/${action}`, {
            version: measure.version,
            ...(action === 'return' ? { comment: comment.trim() } : {}),
          }),
    onMutate: () => setDone(null),
    onSuccess: async (_result, action) => {
      setDialog(null);
      setComment('');
      setDone(t(`emergency.workflow.done.${action}`));
      await refreshMeasures(client);
    },
  });
  const actions = ORDER.filter((a) => measure.can[a]);
  if (actions.length === 0 && !measure.can.edit && !done) return null;

  return (
    <Stack gap="xs">
      <Group gap="xs">
        {measure.can.edit && onEdit && (
          <Button size="sm" variant="default" onClick={onEdit} aria-label={t('emergency.workflow.editNamed', { title: measure.title })}>
            {t('emergency.workflow.edit')}
          </Button>
        )}
        {actions.map((a) => (
          <Button
            key={a}
            size="sm"
            variant={a === 'return' || a === 'delete' ? 'default' : 'filled'}
            color={a === 'delete' ? 'red' : undefined}
            onClick={() => {
              run.reset();
              setComment('');
              setDialog(a);
            }}
          >
            {t(`emergency.workflow.${a}`)}
          </Button>
        ))}
      </Group>
      {done && <SuccessAlert onClose={() => setDone(null)}>{done}</SuccessAlert>}
      <ActionDialog measure={measure} dialog={dialog} comment={comment} onComment={setComment} run={run} onClose={() => setDialog(null)} />
    </Stack>
  );
}

interface DialogProps {
  measure: Measure;
  /** The action asked about; null while no dialog is open. */
  dialog: MeasureAction | null;
  comment: string;
  onComment: (comment: string) => void;
  run: { mutate: (action: MeasureAction) => void; error: Error | null; isPending: boolean };
  onClose: () => void;
}

/** Asks before an action: what follows from it, and for a return the comment to the partner. */
function ActionDialog({ measure, dialog, comment, onComment, run, onClose }: DialogProps) {
  const { t } = useTranslation();
  // A return needs its comment.
  const ready = dialog !== 'return' || comment.trim() !== '';
  return (
    <Modal opened={dialog !== null} onClose={onClose} title={dialog ? t(`emergency.workflow.ask.${dialog}`, { title: measure.title }) : ''}>
      <form onSubmit={handleSubmit(() => dialog && ready && run.mutate(dialog))}>
        <Stack>
          <ErrorAlert error={run.error} />
          {dialog && <Text size="sm">{t(`emergency.workflow.consequence.${dialog}`, { partner: measure.partner })}</Text>}
          {dialog === 'return' && (
            <Textarea
              label={t('emergency.workflow.comment')}
              required
              autosize
              minRows={3}
              maxLength={5000}
              value={comment}
              onChange={(e) => onComment(e.currentTarget.value)}
              data-autofocus
            />
          )}
          <DialogButtons
            cancel={t('emergency.workflow.cancel')}
            onCancel={onClose}
            loading={run.isPending}
            disabled={!ready}
            color={dialog === 'delete' ? 'red' : undefined}
          >
            {dialog ? t(`emergency.workflow.confirm.${dialog}`) : ''}
          </DialogButtons>
        </Stack>
      </form>
    </Modal>
  );
}
