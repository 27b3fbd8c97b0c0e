// The audit trail for admin and commission: filter, page backwards, and verify the hash chain.
// Each entry reads as a sentence: when, who, what they did, to what, and the fields it changed.
import { Alert, Button, Code, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../platform/api';
import { ErrorAlert } from '../platform/feedback';
import { handleSubmit } from '../platform/forms';
import { Instant } from '../platform/Instant';
import { Muted } from '../platform/text';
import { compactJson, diffFields, type FieldChange } from './audit/diff';

interface NamedUser {
  name: string;
  email: string;
}

interface Entry {
  seq: number;
  at: string;
  actor: { type: string; id: string | null; label: string; name: string | null; email: string | null };
  action: string;
  entityType: string;
  entityId: string;
  entityUser: NamedUser | null;
  before: unknown;
  after: unknown;
}

interface Filter {
  action: string;
  actor: string;
  entityType: string;
}

/** Long e-mails, ids and values wrap instead of running off a narrow screen. */
const WRAP: CSSProperties = { overflowWrap: 'anywhere', wordBreak: 'break-word' };

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
        <Alert color={verify.data.ok ? 'green' : 'red'} role="status" style={WRAP}>
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
      {rows.length > 0 && (
        <Stack component="ol" gap="sm" p={0} m={0} aria-label={t('audit.entries')} style={{ listStyle: 'none' }}>
          {rows.map((e) => (
            <EntryItem key={e.seq} entry={e} />
          ))}
        </Stack>
      )}
      {rows.length === 0 && !entries.isPending && <Text>{t('audit.empty')}</Text>}
      {entries.hasNextPage && (
        <Button variant="default" onClick={() => entries.fetchNextPage()} loading={entries.isFetchingNextPage}>
          {t('audit.more')}
        </Button>
      )}
    </Stack>
  );
}

/** One entry: when and its number; who did what; to what; the fields it changed. */
function EntryItem({ entry: e }: { entry: Entry }) {
  const { t } = useTranslation();
  return (
    <Paper component="li" withBorder p="sm" style={WRAP}>
      <Stack gap={4}>
        <Group justify="space-between" gap="xs">
          <Muted>
            <Instant iso={e.at} />
          </Muted>
          <Muted>{t('audit.entry', { seq: e.seq })}</Muted>
        </Group>
        <Text>
          <Actor actor={e.actor} /> — <ActionText code={e.action} />
        </Text>
        <Target entry={e} />
        <Changes before={e.before} after={e.after} />
      </Stack>
    </Paper>
  );
}

/** The action in plain words, or its code when it has no text. */
function ActionText({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const key = `audit.actions.${code}`;
  const text: unknown = i18n.exists(key) ? t(key, { returnObjects: true }) : null;
  return typeof text === 'string' ? text : <Code>{code}</Code>;
}

/** Who acted: a user by name with their e-mail, the system, or the command line with its operator. */
function Actor({ actor }: { actor: Entry['actor'] }) {
  const { t } = useTranslation();
  if (actor.type === 'system')
    return (
      <Text span fw={600}>
        {t('audit.system')}
      </Text>
    );
  if (actor.type === 'cli') {
    const who = actor.label.startsWith('cli:') ? actor.label.slice(4) : actor.label;
    return (
      <>
        <Text span fw={600}>
          {t('audit.commandLine')}
        </Text>{' '}
        <Muted span>{t('audit.commandLineAs', { who })}</Muted>
      </>
    );
  }
  const via = actor.type === 'token' ? ` · ${t('audit.viaToken')}` : '';
  if (actor.name === null) {
    // An account no longer there: the label recorded with the entry.
    return (
      <Text span fw={600}>
        {actor.label}
      </Text>
    );
  }
  return (
    <>
      <Text span fw={600} title={actor.id ?? undefined}>
        {actor.name}
      </Text>{' '}
      <Muted span>
        {actor.email}
        {via}
      </Muted>
    </>
  );
}

/** What the entry is about: a user by name and e-mail, anything else by its kind, with its id in small text. */
function Target({ entry: e }: { entry: Entry }) {
  const { t } = useTranslation();
  const kind = t(`audit.entityTypes.${e.entityType}`, { defaultValue: e.entityType });
  if (e.entityUser) {
    if (e.actor.id === e.entityId) return null;
    return (
      <Text size="sm">
        {kind}:{' '}
        <Text span size="sm" fw={600} title={e.entityId}>
          {e.entityUser.name}
        </Text>{' '}
        <Muted span>{e.entityUser.email}</Muted>
      </Text>
    );
  }
  return (
    <Text size="sm">
      {kind}: <Muted span>{e.entityId}</Muted>
    </Text>
  );
}

/** The fields that differ, "field: old → new"; every field of a creation as "field: value". */
function Changes({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const changes = diffFields(before, after);
  if (changes.length === 0) return null;
  const creation = before === null || before === undefined;
  return (
    <Stack component="ul" gap={2} p={0} m={0} aria-label={t('audit.changes')} style={{ listStyle: 'none' }}>
      {changes.map((c) => (
        <Text component="li" size="sm" key={c.field}>
          {c.field && (
            <Text span size="sm" fw={600}>
              {c.field}
            </Text>
          )}
          {c.field && !creation && c.kind !== 'changed' && <Muted span> ({t(`audit.${c.kind}`)})</Muted>}
          {c.field && ': '}
          <ChangeText change={c} />
        </Text>
      ))}
    </Stack>
  );
}

function ChangeText({ change: c }: { change: FieldChange }) {
  if (c.kind === 'added') return <Value value={c.after} />;
  if (c.kind === 'removed') return <Value value={c.before} />;
  return (
    <>
      <Value value={c.before} /> → <Value value={c.after} />
    </>
  );
}

/** A value as text: strings as they are, nothing as "none", lists and objects as wrapping compact JSON. */
function Value({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) return <Muted span>{t('audit.none')}</Muted>;
  if (value === '') return <Muted span>{t('audit.blank')}</Muted>;
  if (typeof value === 'object') {
    return (
      <Code block style={{ ...WRAP, whiteSpace: 'pre-wrap' }}>
        {compactJson(value)}
      </Code>
    );
  }
  return <>{String(value)}</>;
}
