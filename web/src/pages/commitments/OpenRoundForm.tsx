// "Open a reporting round" (Commission, admins): title, reporting period and due date. The server
// creates one draft report per committed partner; the new round's page opens.
import { Group, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../platform/api';
import { ErrorAlert } from '../../platform/feedback';
import { handleSubmit, SubmitButton } from '../../platform/forms';
import { FormSection } from '../../platform/Section';
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

  return (
    <FormSection
      id="open-round-title"
      title={t('commitments.openRound.title')}
      onSubmit={handleSubmit(() => open.mutate())}
      gap="sm"
      mt="md"
      maw={720}
    >
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
      <ErrorAlert error={open.error} />
      <SubmitButton loading={open.isPending}>{t('commitments.openRound.submit')}</SubmitButton>
    </FormSection>
  );
}
