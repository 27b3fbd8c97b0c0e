// "Add recommendation" (Commission, admins; plans of kind recommendations or meeting conclusions):
// the pillar (objective), the official wording, a description, a deadline, the responsible partners
// (the plan's own partner preselected) and optionally the catalogue indicators that measure it.
import { NativeSelect, Paper, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../platform/api';
import { ErrorAlert, SuccessAlert } from '../../platform/feedback';
import { handleSubmit, LongTextField, SubmitButton } from '../../platform/forms';
import { SectionTitle } from '../../platform/Section';
import { useFormState } from '../../platform/useFormState';
import { usePartners } from '../statistics/model';
import { DeadlineField, IndicatorsField, PartnersField, WordingField } from './ActionFields';
import { partnerOfPlan, refreshCommitments, type Plan } from './model';

function emptyForm(plan: Plan) {
  const own = partnerOfPlan(plan.code);
  return {
    objective: plan.objectives[0]?.code ?? '',
    title: '',
    description: '',
    deadline: '',
    partners: own ? [own] : [],
    indicators: [] as string[],
  };
}

export function RecommendationForm({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const partners = usePartners();
  const { form, setForm, set, setField } = useFormState(() => emptyForm(plan));
  const [added, setAdded] = useState<string | null>(null);
  const wb6 = (partners.data?.partners ?? []).filter((p) => p.group === 'WB6');
  const add = useMutation({
    mutationFn: () =>
      api<{ code: string }>('POST', `/plans/${encodeURIComponent(plan.code)}/actions`, {
        objective: form.objective,
        title: form.title.trim(),
        partners: form.partners,
        ...(form.description.trim() ? { description: form.description.trim() } : {}),
        ...(form.deadline ? { deadline: form.deadline } : {}),
        ...(form.indicators.length ? { indicators: form.indicators } : {}),
      }),
    onMutate: () => setAdded(null),
    onSuccess: async ({ code }) => {
      setAdded(code);
      setForm((f) => ({ ...emptyForm(plan), objective: f.objective, partners: f.partners }));
      await refreshCommitments(client);
    },
  });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="add-recommendation-title">
      <Stack component="form" onSubmit={handleSubmit(() => add.mutate())} gap="sm" maw={720}>
        <SectionTitle id="add-recommendation-title">{t('commitments.addRecommendation.title')}</SectionTitle>
        <NativeSelect
          label={t('commitments.addRecommendation.objective')}
          required
          value={form.objective}
          data={plan.objectives.map((o) => ({ value: o.code, label: o.title }))}
          onChange={set('objective')}
        />
        <WordingField
          label={t('commitments.addRecommendation.wording')}
          description={t('commitments.addRecommendation.wordingHelp')}
          value={form.title}
          onChange={set('title')}
        />
        <LongTextField label={t('commitments.addRecommendation.description')} value={form.description} onChange={set('description')} />
        <DeadlineField label={t('commitments.addRecommendation.deadline')} value={form.deadline} onChange={set('deadline')} />
        <PartnersField
          label={t('commitments.addRecommendation.partners')}
          partners={wb6}
          value={form.partners}
          onChange={(value) => setField('partners', value)}
        />
        <IndicatorsField
          label={t('commitments.addRecommendation.indicators')}
          value={form.indicators}
          onChange={(value) => setField('indicators', value)}
          disableEmpty
        />
        <ErrorAlert error={add.error} />
        {added && <SuccessAlert>{t('commitments.addRecommendation.added', { code: added })}</SuccessAlert>}
        <SubmitButton loading={add.isPending} disabled={form.partners.length === 0 || form.title.trim() === ''}>
          {t('commitments.addRecommendation.submit')}
        </SubmitButton>
      </Stack>
    </Paper>
  );
}
