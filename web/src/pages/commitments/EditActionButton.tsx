// "Edit" beside a recommendation or follow-up action (Commission, admins; plans of kind
// recommendations or meeting conclusions): its wording, description, deadline and linked indicators.
import { Button, Modal, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../platform/api';
import { ErrorAlert } from '../../platform/feedback';
import { DialogButtons, handleSubmit, LongTextField } from '../../platform/forms';
import { useFormState } from '../../platform/useFormState';
import { DeadlineField, IndicatorsField, WordingField } from './ActionFields';
import { refreshCommitments, type PlanAction } from './model';

function formOf(action: PlanAction) {
  return { title: action.title, description: action.description ?? '', deadline: action.deadline ?? '', indicators: action.indicators };
}

export function EditActionButton({ plan, action }: { plan: string; action: PlanAction }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [opened, { open, close }] = useDisclosure(false);
  const { form, setForm, set, setField } = useFormState(() => formOf(action));
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
  return (
    <>
      <Button size="compact-xs" variant="subtle" onClick={start} aria-label={t('commitments.editAction.open', { code: action.code })}>
        {t('commitments.editAction.button')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('commitments.editAction.title', { code: action.code })} size="lg">
        <Stack component="form" onSubmit={handleSubmit(() => save.mutate())} gap="sm">
          <WordingField label={t('commitments.addRecommendation.wording')} value={form.title} onChange={set('title')} />
          <LongTextField label={t('commitments.addRecommendation.description')} value={form.description} onChange={set('description')} />
          <DeadlineField label={t('commitments.addRecommendation.deadline')} value={form.deadline} onChange={set('deadline')} />
          <IndicatorsField
            label={t('commitments.addRecommendation.indicators')}
            value={form.indicators}
            onChange={(value) => setField('indicators', value)}
          />
          <ErrorAlert error={save.error} />
          <DialogButtons
            cancel={t('commitments.editAction.cancel')}
            onCancel={close}
            loading={save.isPending}
            disabled={form.title.trim() === ''}
          >
            {t('commitments.editAction.save')}
          </DialogButtons>
        </Stack>
      </Modal>
    </>
  );
}
