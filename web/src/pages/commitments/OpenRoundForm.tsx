// "Open a reporting round" (Commission, admins): title, reporting period and due date. The server
// creates one draft report per committed partner; the new round's page opens.
import { Alert, Button, Group, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../platform/api';
import { useFormState } from '../../platform/useFormState';
import { pages, refreshCommitments, type Round } from './model';

export function OpenRoundForm({ plan }: { plan: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { form, set } = useFormState({ title: '', periodStart: '', periodEnd: '', dueDate: '' });
  const open = useMutation({
    mutationFn: () => api<Round>('POST', `/plans/${encodeURIComponent(plan)}/rounds`, { ...form, title: form.title.trim() }),
    onSuccess: async (round) => {
      await refreshCommitments(client);
      navigate(pages.round(round.id));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    open.mutate();
  };

  return (
    <Stack component="form" onSubmit={submit} aria-labelledby="open-round-title" gap="sm" mt="md" maw={720}>
      <Title order={4} size="h5" id="open-round-title">
        {t('commitments.openRound.title')}
      </Title>
      <TextInput
        label={t('commitments.openRound.name')}
        description={t('commitments.openRound.nameHelp')}
        required
        maxLength={200}
        value={form.title}
        onChange={set('title')}
      />
      <Group grow align="flex-start">
        <TextInput
          type="date"
          label={t('commitments.openRound.periodStart')}
          required
          value={form.periodStart}
          onChange={set('periodStart')}
        />
        <TextInput type="date" label={t('commitments.openRound.periodEnd')} required value={form.periodEnd} onChange={set('periodEnd')} />
        <TextInput type="date" label={t('commitments.openRound.dueDate')} required value={form.dueDate} onChange={set('dueDate')} />
      </Group>
      {open.error && (
        <Alert color="red" role="alert">
          {open.error.message}
        </Alert>
      )}
      <Group>
        <Button type="submit" loading={open.isPending}>
          {t('commitments.openRound.submit')}
        </Button>
      </Group>
    </Stack>
  );
}
