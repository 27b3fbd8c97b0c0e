// The form of one emergency measure (a partner's coordinators; admins choose the partner): what it
// limited (in words and by category), legal basis, who adopted it, start and end, review dates,
// sunset clause, parliamentary and judicial review with outcome and comment, sources, a comment.
// A refused save shows what is wrong beside each field the server names.
import { Button, Checkbox, Fieldset, Group, NativeSelect, Paper, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Partner } from '../../platform/api';
import { ErrorAlert } from '../../platform/feedback';
import { handleSubmit } from '../../platform/forms';
import { SectionTitle } from '../../platform/Section';
import { useFormState } from '../../platform/useFormState';
import { CATEGORIES, fieldErrors, OUTCOMES, refreshMeasures, type Measure } from './model';

type Form = ReturnType<typeof formOf>;

function formOf(measure: Measure | null, partner: string) {
  return {
    partner: measure?.partner ?? partner,
    title: measure?.title ?? '',
    limited: measure?.limited ?? '',
    category: measure?.category ?? 'movement',
    legalBasis: measure?.legalBasis ?? '',
    adoptedBy: measure?.adoptedBy ?? '',
    startDate: measure?.startDate ?? '',
    endDate: measure?.endDate ?? '',
    reviewDates: measure?.reviewDates ?? [],
    sunsetClause: measure?.sunsetClause ?? false,
    sunsetDate: measure?.sunsetDate ?? '',
    parliamentaryOutcome: measure?.parliamentaryReview.outcome ?? 'none',
    parliamentaryComment: measure?.parliamentaryReview.comment ?? '',
    judicialOutcome: measure?.judicialReview.outcome ?? 'none',
    judicialComment: measure?.judicialReview.comment ?? '',
    sources: (measure?.sources ?? []).join('\n'),
    comment: measure?.comment ?? '',
  };
}

interface Props {
  /** The measure to edit; null for a new one. */
  measure: Measure | null;
  /** The partners the user may enter measures for (one for a coordinator). */
  partners: Partner[];
  onDone: (saved: Measure) => void;
  onCancel: () => void;
}

/** The request body of a save: empty texts as null, blank review dates and source lines left out. */
function bodyOf(form: Form) {
  const optional = (v: string) => (v.trim() ? v.trim() : null);
  return {
    title: form.title,
    limited: form.limited,
    category: form.category,
    legalBasis: form.legalBasis,
    adoptedBy: form.adoptedBy,
    startDate: form.startDate,
    endDate: form.endDate || null,
    reviewDates: form.reviewDates.filter((d) => d !== ''),
    sunsetClause: form.sunsetClause,
    sunsetDate: form.sunsetClause ? form.sunsetDate || null : null,
    parliamentaryReview: { outcome: form.parliamentaryOutcome, comment: optional(form.parliamentaryComment) },
    judicialReview: { outcome: form.judicialOutcome, comment: optional(form.judicialComment) },
    sources: form.sources
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean),
    comment: optional(form.comment),
  };
}

/** What the field groups need: the values, their change handlers and the server's error per field. */
type FieldsProps = Pick<ReturnType<typeof useFormState<Form>>, 'form' | 'set' | 'setField'> & {
  err: (field: string) => string | undefined;
};

export function MeasureForm({ measure, partners, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { form, set, setField } = useFormState(() => formOf(measure, partners[0]?.code ?? ''));
  const save = useMutation({
    mutationFn: () => {
      const body = bodyOf(form);
      return measure
        ? api<Measure>('PUT', `/emergency-measures/${measure.id}`, { version: measure.version, ...body })
        : api<Measure>('POST', '/emergency-measures', { partner: form.partner, ...body });
    },
    onSuccess: async (saved) => {
      await refreshMeasures(client);
      onDone(saved);
    },
  });
  const errors = fieldErrors(save.error);
  const fields: FieldsProps = { form, set, setField, err: (field: string) => errors[field] };
  const titleId = measure ? `measure-form-${measure.id}` : 'measure-form-new';

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <form onSubmit={handleSubmit(() => save.mutate())} noValidate>
        <Stack gap="sm" maw={760}>
          <SectionTitle id={titleId}>
            {measure ? t('emergency.form.editTitle', { title: measure.title }) : t('emergency.form.newTitle')}
          </SectionTitle>
          {!measure && partners.length > 1 && (
            <NativeSelect
              label={t('emergency.form.partner')}
              required
              data={partners.map((p) => ({ value: p.code, label: p.name }))}
              value={form.partner}
              onChange={set('partner')}
              error={fields.err('partner')}
            />
          )}
          <WhatFields {...fields} />
          <DateFields {...fields} />
          {(['parliamentary', 'judicial'] as const).map((kind) => (
            <ReviewFieldset key={kind} kind={kind} {...fields} />
          ))}
          <NotesFields {...fields} errors={errors} />
          <ErrorAlert error={save.error} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {measure ? t('emergency.form.save') : t('emergency.form.create')}
            </Button>
            <Button variant="default" onClick={onCancel}>
              {t('emergency.form.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** What the measure limited, by what right and by whom. */
function WhatFields({ form, set, err }: FieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t('emergency.form.title')}
        required
        maxLength={300}
        value={form.title}
        onChange={set('title')}
        error={err('title')}
      />
      <Textarea
        label={t('emergency.form.limited')}
        description={t('emergency.form.limitedHelp')}
        required
        autosize
        minRows={2}
        maxLength={2000}
        value={form.limited}
        onChange={set('limited')}
        error={err('limited')}
      />
      <NativeSelect
        label={t('emergency.form.category')}
        required
        data={CATEGORIES.map((value) => ({ value, label: t(`emergency.category.${value}`) }))}
        value={form.category}
        onChange={set('category')}
        error={err('category')}
      />
      <TextInput
        label={t('emergency.form.legalBasis')}
        required
        maxLength={1000}
        value={form.legalBasis}
        onChange={set('legalBasis')}
        error={err('legalBasis')}
      />
      <TextInput
        label={t('emergency.form.adoptedBy')}
        required
        maxLength={300}
        value={form.adoptedBy}
        onChange={set('adoptedBy')}
        error={err('adoptedBy')}
      />
    </>
  );
}

/** Start and end, the review dates and the sunset clause. */
function DateFields(fields: FieldsProps) {
  const { t } = useTranslation();
  const { form, set, setField, err } = fields;
  return (
    <>
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <TextInput
          type="date"
          label={t('emergency.form.startDate')}
          required
          value={form.startDate}
          onChange={set('startDate')}
          error={err('startDate')}
        />
        <TextInput
          type="date"
          label={t('emergency.form.endDate')}
          description={t('emergency.form.endDateHelp')}
          value={form.endDate}
          onChange={set('endDate')}
          error={err('endDate')}
        />
      </SimpleGrid>
      <ReviewDates {...fields} />
      <Checkbox
        label={t('emergency.form.sunsetClause')}
        checked={form.sunsetClause}
        onChange={(e) => setField('sunsetClause', e.currentTarget.checked)}
      />
      {form.sunsetClause && (
        <TextInput
          type="date"
          label={t('emergency.form.sunsetDate')}
          required
          value={form.sunsetDate}
          onChange={set('sunsetDate')}
          error={err('sunsetDate')}
        />
      )}
    </>
  );
}

/** The review dates, any number of them, each with its remove button. */
function ReviewDates({ form, setField, err }: FieldsProps) {
  const { t } = useTranslation();
  const setDates = (dates: string[]) => setField('reviewDates', dates);
  return (
    <Fieldset legend={t('emergency.form.reviewDates')} variant="unstyled">
      <Stack gap="xs">
        {form.reviewDates.map((d, i) => (
          <Group key={i} align="flex-end" gap="xs" wrap="nowrap">
            <TextInput
              type="date"
              label={t('emergency.form.reviewDate', { n: i + 1 })}
              value={d}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setDates(form.reviewDates.map((x, j) => (j === i ? value : x)));
              }}
              error={err(`reviewDates.${i}`)}
            />
            <Button
              variant="default"
              onClick={() => setDates(form.reviewDates.filter((_, j) => j !== i))}
              aria-label={t('emergency.form.removeReviewDate', { n: i + 1 })}
            >
              {t('emergency.form.remove')}
            </Button>
          </Group>
        ))}
        <Button variant="light" w="fit-content" onClick={() => setDates([...form.reviewDates, ''])}>
          {t('emergency.form.addReviewDate')}
        </Button>
      </Stack>
    </Fieldset>
  );
}

/** The outcome and comment of the parliamentary or the judicial review. */
function ReviewFieldset({ kind, form, set, err }: FieldsProps & { kind: 'parliamentary' | 'judicial' }) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t(`emergency.form.${kind}Review`)}>
      <Stack gap="xs">
        <NativeSelect
          label={t('emergency.form.outcome')}
          data={OUTCOMES.map((value) => ({ value, label: t(`emergency.outcome.${value}`) }))}
          value={form[`${kind}Outcome`]}
          onChange={set(`${kind}Outcome`)}
          error={err(`${kind}Review.outcome`)}
        />
        <TextInput
          label={t('emergency.form.reviewComment')}
          maxLength={2000}
          value={form[`${kind}Comment`]}
          onChange={set(`${kind}Comment`)}
          error={err(`${kind}Review.comment`)}
        />
      </Stack>
    </Fieldset>
  );
}

/** The sources, one a line, and a comment. */
function NotesFields({ form, set, err, errors }: FieldsProps & { errors: Record<string, string> }) {
  const { t } = useTranslation();
  // A source's error names its line (sources.2 is the third line).
  const sourceError = Object.entries(errors)
    .filter(([f]) => f === 'sources' || f.startsWith('sources.'))
    .map(([f, m]) => (f === 'sources' ? m : t('emergency.form.sourceLine', { line: Number(f.split('.')[1]) + 1, message: m })))[0];
  return (
    <>
      <Textarea
        label={t('emergency.form.sources')}
        description={t('emergency.form.sourcesHelp')}
        autosize
        minRows={2}
        value={form.sources}
        onChange={set('sources')}
        error={sourceError}
      />
      <Textarea
        label={t('emergency.form.comment')}
        autosize
        minRows={2}
        maxLength={2000}
        value={form.comment}
        onChange={set('comment')}
        error={err('comment')}
      />
    </>
  );
}
