// The small form of a written note on a submission (a comment in its thread, the explanation of a
// warning): a growing text field, the refusal, and its button, which sends only a note with text.
import { Stack, Textarea } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../../platform/feedback';
import { handleSubmit, SubmitButton } from '../../platform/forms';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
  /** The request that sends the note. */
  send: { mutate: () => void; isPending: boolean; error: Error | null };
  submit: string;
  id?: string;
  required?: boolean;
  size?: 'xs';
  /** The colour of the button. */
  color?: string;
  /** Shown above the button (a confirmation). */
  children?: ReactNode;
}

export function NoteForm({ label, value, onChange, maxLength, send, submit, id, required, size, color, children }: Props) {
  return (
    <form
      onSubmit={handleSubmit(() => {
        if (value.trim()) send.mutate();
      })}
    >
      <Stack gap={4}>
        <Textarea
          id={id}
          label={label}
          size={size}
          autosize
          minRows={2}
          maxLength={maxLength}
          required={required}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
        <ErrorAlert error={send.error} p="xs" />
        {children}
        <SubmitButton justify="flex-end" size="xs" variant="light" color={color} loading={send.isPending} disabled={!value.trim()}>
          {submit}
        </SubmitButton>
      </Stack>
    </form>
  );
}
