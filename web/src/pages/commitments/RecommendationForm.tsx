// "Add recommendation" (Commission, admins; plans of kind recommendations or meeting conclusions):
// the pillar (objective), the official wording, a description, a deadline, the responsible partners
// (the plan's own partner preselected) and optionally the catalogue indicators that measure it.
import { Alert, Button, Checkbox, Group, MultiSelect, NativeSelect, Paper, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../platform/api';
import { useFormState } from '../../platform/useFormState';
import { useIndicatorList, usePartners } from '../statistics/model';
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
  const indicators = useIndicatorList();
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
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  const indicatorOptions = (indicators.data?.indicators ?? []).map((i) => ({ value: i.code, label: i.label }));

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="add-recommendation-title">
      <Stack component="form" onSubmit={submit} gap="sm" maw={720}>
        <Title order={3} size="h4" id="add-recommendation-title">
          {t('commitments.addRecommendation.title')}
        </Title>
        <NativeSelect
          label={t('commitments.addRecommendation.objective')}
          required
          value={form.objective}
          data={plan.objectives.map((o) => ({ value: o.code, label: o.title }))}
          onChange={set('objective')}
        />
        <Textarea
          label={t('commitments.addRecommendation.wording')}
          description={t('commitments.addRecommendation.wordingHelp')}
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
        <Checkbox.Group
          label={t('commitments.addRecommendation.partners')}
          required
          value={form.partners}
          onChange={(value) => setField('partners', value)}
        >
          <Group gap="md" mt={4}>
            {wb6.map((p) => (
              <Checkbox key={p.code} value={p.code} label={p.name} />
            ))}
          </Group>
        </Checkbox.Group>
        <MultiSelect
          label={t('commitments.addRecommendation.indicators')}
          data={indicatorOptions}
          value={form.indicators}
          searchable
          clearable
          onChange={(value) => setField('indicators', value)}
          disabled={indicatorOptions.length === 0}
        />
        {add.error && (
          <Alert color="red" role="alert">
            {add.error.message}
          </Alert>
        )}
        {added && (
          <Alert color="green" role="status">
            {t('commitments.addRecommendation.added', { code: added })}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={add.isPending} disabled={form.partners.length === 0 || form.title.trim() === ''}>
            {t('commitments.addRecommendation.submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
