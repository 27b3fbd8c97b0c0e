// The audit trail for admin and commission: filter, page backwards, and verify the hash chain.
import { Alert, Button, Code, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../platform/api';
import { DataTable } from '../platform/DataTable';
import { ErrorAlert } from '../platform/feedback';
import { handleSubmit } from '../platform/forms';
import { Muted } from '../platform/text';
import { Instant } from '../platform/Instant';

interface Entry {
  seq: number;
  at: string;
  actor: { type: string; label: string };
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

interface Filter {
  action: string;
  actor: string;
  entityType: string;
}

function query(filter: Filter, beforeSeq: number | null): string {
  const params = new URLSearchParams({ limit: '50' });
  for (const [k, v] of Object.entries(filter)) if (v.trim()) params.set(k, v.trim());
  if (beforeSeq) params.set('beforeSeq', String(beforeSeq));
  return `/audit?${params}`;
}

export function AuditPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Filter>({ action: '', actor: '', entityType: '' });
  const [filter, setFilter] = useState<Filter>(draft);
  const entries = useInfiniteQuery({
    queryKey: ['audit', filter],
    queryFn: ({ pageParam }) => api<{ entries: Entry[]; nextBeforeSeq: number | null }>('GET', query(filter, pageParam)),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBeforeSeq,
  });
  const verify = useMutation({
    mutationFn: () => api<{ ok: boolean; checked: number; broken: { seq: number; reason: string } | null }>('GET', '/audit/verify'),
  });
  const rows = entries.data?.pages.flatMap((p) => p.entries) ?? [];
  const apply = handleSubmit(() => setFilter(draft));

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('audit.title')}</Title>
        <Button variant="light" onClick={() => verify.mutate()} loading={verify.isPending}>
          {t('audit.verify')}
        </Button>
      </Group>
      {verify.data && (
        <Alert color={verify.data.ok ? 'green' : 'red'} role="status">
          {verify.data.ok
            ? t('audit.intact', { count: verify.data.checked })
            : t('audit.broken', { seq: verify.data.broken?.seq, reason: verify.data.broken?.reason })}
        </Alert>
      )}
      <form onSubmit={apply} aria-label={t('audit.apply')}>
        <Group align="flex-end">
          <TextInput
            label={t('audit.filterAction')}
            value={draft.action}
            onChange={(e) => setDraft({ ...draft, action: e.currentTarget.value })}
          />
          <TextInput
            label={t('audit.filterActor')}
            value={draft.actor}
            onChange={(e) => setDraft({ ...draft, actor: e.currentTarget.value })}
          />
          <TextInput
            label={t('audit.filterEntity')}
            value={draft.entityType}
            onChange={(e) => setDraft({ ...draft, entityType: e.currentTarget.value })}
          />
          <Button type="submit">{t('audit.apply')}</Button>
        </Group>
      </form>
      <ErrorAlert error={entries.error} />
      <DataTable
        minWidth={720}
        striped
        unscoped
        columns={['#', ...(['when', 'who', 'action', 'entity', 'change'] as const).map((c) => t(`audit.${c}`))]}
      >
        {rows.map((e) => (
          <Table.Tr key={e.seq}>
            <Table.Td>{e.seq}</Table.Td>
            <Table.Td>
              <Instant iso={e.at} format={(iso) => new Date(iso).toLocaleString()} />
            </Table.Td>
            <Table.Td>{e.actor.label}</Table.Td>
            <Table.Td>
              <Code>{e.action}</Code>
            </Table.Td>
            <Table.Td>
              {e.entityType} {e.entityId}
            </Table.Td>
            <Table.Td>
              <ChangeSummary before={e.before} after={e.after} />
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      {rows.length === 0 && !entries.isPending && <Text>{t('audit.empty')}</Text>}
      {entries.hasNextPage && (
        <Button variant="default" onClick={() => entries.fetchNextPage()} loading={entries.isFetchingNextPage}>
          {t('audit.more')}
        </Button>
      )}
    </Stack>
  );
}

/** Lists the fields that differ between before and after (or the after state of a creation). */
function ChangeSummary({ before, after }: { before: unknown; after: unknown }) {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  if (keys.length === 0) return <Muted>—</Muted>;
  return (
    <Text size="sm">
      {keys.map((k) => (
        <span key={k}>
          {k}: {before ? `${JSON.stringify(b[k]) ?? '—'} → ` : ''}
          {JSON.stringify(a[k]) ?? '—'}
          <br />
        </span>
      ))}
    </Text>
  );
}
