// The state behind a submission's workflow buttons: which step is being asked in its dialog, the
// text or the publication moment typed there, and the step sent with the version read. A refused
// step concerns that version only, and is forgotten once the submission has changed.
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../platform/api';
import { formatDateTime } from '../../platform/format';
import { handleSubmit } from '../../platform/forms';
import { submissionPath, type Submission } from './model';

export type Action = 'submit' | 'return' | 'approve' | 'publish' | 'reopen';
const NEEDS_TEXT: Partial<Record<Action, 'comment' | 'reason'>> = { return: 'comment', reopen: 'reason' };
/** Actions asked in a dialog: those that need a text, and those hard to take back (submitting, publishing). */
const IN_DIALOG: readonly Action[] = ['return', 'reopen', 'publish', 'submit'];

/** A `datetime-local` input's value (the browser's time zone) as an ISO instant, or null when incomplete. */
export function localToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

export type SubmissionWorkflow = ReturnType<typeof useSubmissionWorkflow>;

/**
 * The steps the user may take (`actions`), `start(action)` (opens its dialog, or sends it), the
 * dialog's state and `confirm` (its form's submit handler), what the step in the dialog leads to
 * (`consequence`), the message of the last step done, and what blocks a refused submit.
 */
export function useSubmissionWorkflow(submission: Submission, onChanged: () => void) {
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
  return {
    run,
    actions,
    start,
    blocked,
    done,
    clearDone: () => setDone(null),
    dialog,
    close: () => setDialog(null),
    text,
    setText,
    when,
    setWhen,
    at,
    setAt,
    ready,
    confirm,
    consequence,
  };
}
