// What a page says about a request: a refusal (the server's message as an alert) or a change that
// went through (a status).
import { Alert, type AlertProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** The error's message as an alert; nothing while there is no error. */
export function ErrorAlert({ error, ...alert }: { error: Error | null | undefined } & Omit<AlertProps, 'children' | 'color' | 'role'>) {
  if (!error) return null;
  return (
    <Alert color="red" role="alert" {...alert}>
      {error.message}
    </Alert>
  );
}

/** A success to confirm (announced as a status), closable when `onClose` is given. */
export function SuccessAlert({ onClose, children }: { onClose?: () => void; children: ReactNode }) {
  return (
    <Alert color="green" role="status" withCloseButton={onClose ? true : undefined} onClose={onClose}>
      {children}
    </Alert>
  );
}
