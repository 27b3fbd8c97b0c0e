// Pieces every form of the web app has: the submit handler that keeps the browser from navigating,
// the row with the submit button, the Cancel / confirm buttons of a dialog, and the field of a
// longer free text.
import { Button, Group, Textarea, type ButtonProps } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';

/** An onSubmit that stops the browser's own submission and runs `action` instead. */
export function handleSubmit(action: () => void) {
  return (e: FormEvent) => {
    e.preventDefault();
    action();
  };
}

/** The form's submit button on a row of its own. */
export function SubmitButton({
  justify,
  children,
  ...button
}: { justify?: 'flex-end'; children: ReactNode } & Omit<ButtonProps, 'children' | 'type'>) {
  return (
    <Group justify={justify}>
      <Button type="submit" {...button}>
        {children}
      </Button>
    </Group>
  );
}

/** A dialog's buttons, right-aligned: Cancel (closes it) and the submit button. */
export function DialogButtons({
  cancel,
  onCancel,
  children,
  ...submit
}: { cancel: string; onCancel: () => void; children: ReactNode } & Omit<ButtonProps, 'children' | 'type'>) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {cancel}
      </Button>
      <Button type="submit" {...submit}>
        {children}
      </Button>
    </Group>
  );
}

interface LongTextProps {
  label: string;
  description?: string;
  value: string;
  onChange: (e: { currentTarget: { value: string } }) => void;
}

/** A free text (a description, a comment) of up to 5,000 characters, growing with what is written. */
export function LongTextField({ label, description, value, onChange }: LongTextProps) {
  return <Textarea label={label} description={description} autosize minRows={2} maxLength={5000} value={value} onChange={onChange} />;
}
