// What a page shows in place of the content of a query while it loads or after it failed.
import { Alert, Center, Loader, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiError } from './api';

/** A loader centred in the page, named `label` for screen readers. */
export function Loading({ label }: { label: string }) {
  return (
    <Center py="xl">
      <Loader aria-label={label} />
    </Center>
  );
}

/**
 * The query's error as an alert (with `back` above it when given), or the loader while there is no
 * error. A 404 shows `notFound` instead of the server's message when given. Render it only while
 * the query has no data or an error: with neither it shows the loader.
 */
export function QueryState({
  error,
  loading,
  back,
  notFound,
  title,
}: {
  error: Error | null;
  loading: string;
  back?: ReactNode;
  notFound?: string;
  title?: string;
}) {
  if (!error) return <Loading label={loading} />;
  const text = notFound !== undefined && error instanceof ApiError && error.status === 404 ? notFound : error.message;
  const alert = (
    <Alert color="red" role="alert" title={title}>
      {text}
    </Alert>
  );
  return back ? (
    <Stack>
      {back}
      {alert}
    </Stack>
  ) : (
    alert
  );
}
