// "Edit" beside a recommendation or follow-up action (Commission, admins; plans of kind
// recommendations or meeting conclusions): its wording, description, deadline and linked indicators.
import { Alert, Button, Group, Modal, MultiSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../platform/api';
import { useFormState } from '../../platform/useFormState';
import { useIndicatorList } from '../statistics/model';
import { refreshCommitments, type PlanAction } from './model';

function formOf(action: PlanAction) {
  return { title: action.title, description: action.description ?? '', deadline: action.deadline ?? '', indicators: action.indicators };
}

export function EditActionButton({ plan, action }: { plan: string; action: PlanAction }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [opened, { open, close }] = useDisclosure(false);
  const { form, setForm, set, setField } = useFormState(() => formOf(action));
  const indicators = useIndicatorList({ enabled: opened });
  const save = useMutation({
    mutationFn: () =>
      api<void>('PATCH', `/plans/${encodeURIComponent(plan)}/actions/${encodeURIComponent(action.code)}`, {
        title: form.title.trim(),
        description: form.description.trim() || null,
        deadline: form.deadline || null,
        indicators: form.indicators,
      }),
    onSuccess: async () => {
      await refreshCommitments(client);
      close();
    },
  });
  const start = () => {
    setForm(formOf(action));
    save.reset();
    open();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <>
      <Button size="compact-xs" variant="subtle" onClick={start} aria-label={t('commitments.editAction.open', { code: action.code })}>
        {t('commitments.editAction.button')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('commitments.editAction.title', { code: action.code })} size="lg">
        <Stack component="form" onSubmit={submit} gap="sm">
          <Textarea
            label={t('commitments.addRecommendation.wording')}
            required
            autosize
            minRows={2}
            maxLength={500}
            value={form.title}
            onChange={set('title')}
          />
          <Textarea
            label={t('commitments.addRecommendation.description')}
            autosize
            minRows={2}
            maxLength={5000}
            value={form.description}
            onChange={set('description')}
          />
          <TextInput
            type="date"
            label={t('commitments.addRecommendation.deadline')}
            w={220}
            value={form.deadline}
            onChange={set('deadline')}
          />
          <MultiSelect
            label={t('commitments.addRecommendation.indicators')}
            searchable
            clearable
            value={form.indicators}
            data={(indicators.data?.indicators ?? []).map((i) => ({ value: i.code, label: i.label }))}
            onChange={(value) => setField('indicators', value)}
          />
          {save.error && (
            <Alert color="red" role="alert">
              {save.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('commitments.editAction.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={form.title.trim() === ''}>
              {t('commitments.editAction.save')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
