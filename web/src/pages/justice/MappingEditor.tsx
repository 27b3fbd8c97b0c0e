// The partner's column mapping for case imports: which columns of the national export hold the case
// id, court, case type, instance and dates, the date format, and how national case types and
// instances map to the catalogue's codes. A guided form by default; "Edit as YAML" shows the text the
// server keeps, for experts. Both save the same YAML (mapping-form.ts converts); the server checks
// it and names the wrong line.
import { formatDateTime } from '../../platform/format';
import { Button, Group, Input, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../platform/api';
import { ErrorAlert, SuccessAlert } from '../../platform/feedback';
import { handleSubmit } from '../../platform/forms';
import { Section } from '../../platform/Section';
import { Muted } from '../../platform/text';
import { useCatalog, type Catalog } from '../statistics/model';
import {
  checkMappingForm,
  emptyMappingForm,
  readMappingYaml,
  sameMapping,
  toMappingYaml,
  type AllowedCodes,
  type FormProblem,
  type MappingFormValues,
} from './mapping-form';
import { GuidedFields, type Options } from './MappingFields';
import type { Mapping } from './model';

type Mode = 'form' | 'yaml';

export function MappingEditor({ partner }: { partner: string }) {
  const { t } = useTranslation();
  const mapping = useQuery({
    queryKey: ['justice-mapping', partner],
    queryFn: () => api<Mapping>('GET', `/justice/mappings/${encodeURIComponent(partner)}`),
  });
  // The codes the tables may map to are the catalogue's, as the server checks them.
  const catalog = useCatalog();
  const options = useMemo(() => catalog.data && optionsOf(catalog.data), [catalog.data]);
  return (
    <Section id="mapping-title" title={t('mapping.title', { partner })} gap="sm">
      <Text size="sm">{t('mapping.intro')}</Text>
      <ErrorAlert error={mapping.error ?? catalog.error} />
      {mapping.data && options && <MappingForm key={partner} mapping={mapping.data} options={options} />}
    </Section>
  );
}

function optionsOf(catalog: Catalog): Options {
  const codes = (dimension: string) =>
    (catalog.dimensions.find((d) => d.code === dimension)?.codes ?? []).map((c) => ({ value: c.code, label: `${c.label} (${c.code})` }));
  return { caseTypes: codes('case_category'), instances: codes('instance') };
}

/**
 * The mapping being edited, in both shapes: the YAML text and the guided form, which one is shown,
 * why the form cannot hold the text (when it cannot), and whether the fields were checked and saved.
 */
function useMappingDraft(mapping: Mapping, options: Options) {
  const { t } = useTranslation();
  const stored = mapping.yaml ?? '';
  const allowed: AllowedCodes = useMemo(
    () => ({ caseTypes: options.caseTypes.map((o) => o.value), instances: options.instances.map((o) => o.value) }),
    [options],
  );
  const read = (text: string) => readMappingYaml(text, allowed);
  // The saved mapping in the form's shape; null when the form cannot hold it (then YAML it is).
  const storedRead = useMemo(() => readMappingYaml(stored, allowed), [stored, allowed]);
  const storedForm = storedRead.ok ? storedRead.values : null;
  const [mode, setMode] = useState<Mode>(storedForm ? 'form' : 'yaml');
  const [text, setText] = useState(stored);
  const [form, setForm] = useState<MappingFormValues>(storedForm ?? emptyMappingForm());
  const [misfit, setMisfit] = useState<FormProblem | null>(storedRead.ok ? null : storedRead.problem);
  const [tried, setTried] = useState(false);
  const [saved, setSaved] = useState(false);
  const edit = (next: MappingFormValues) => {
    setForm(next);
    setSaved(false);
  };
  const switchTo = (next: Mode) => {
    if (next === mode) return;
    if (next === 'yaml') {
      // Keep the text as written (its comments, its order) when the form did not change its meaning.
      const current = read(text);
      if (!(current.ok && sameMapping(current.values, form))) setText(toMappingYaml(form));
      setMisfit(null);
      setMode('yaml');
      return;
    }
    const result = read(text);
    if (!result.ok) {
      setMisfit(result.problem);
      return;
    }
    setForm(result.values);
    setMisfit(null);
    setMode('form');
  };
  const discard = () => {
    setText(stored);
    setForm(storedForm ?? emptyMappingForm());
    setMode(storedForm ? 'form' : 'yaml');
    setMisfit(storedRead.ok ? null : storedRead.problem);
    setTried(false);
  };
  const fillExample = () => {
    const example = t('mapping.placeholder');
    const result = read(example);
    if (mode === 'form' && result.ok) edit(result.values);
    else setText(example);
  };
  const editText = (next: string) => {
    setText(next);
    setSaved(false);
  };
  return {
    mode,
    text,
    form,
    misfit,
    saved,
    setSaved,
    setTried,
    payload: mode === 'yaml' ? text : toMappingYaml(form),
    changed: mode === 'yaml' ? text !== stored : storedForm === null || !sameMapping(form, storedForm),
    empty: mode === 'yaml' ? text === '' : sameMapping(form, emptyMappingForm()),
    errors: mode === 'form' && tried ? checkMappingForm(form) : {},
    edit,
    editText,
    switchTo,
    discard,
    fillExample,
  };
}

function MappingForm({ mapping, options }: { mapping: Mapping; options: Options }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const draft = useMappingDraft(mapping, options);
  const { mode, errors } = draft;
  const save = useMutation({
    mutationFn: () => api<Mapping>('PUT', `/justice/mappings/${encodeURIComponent(mapping.partner)}`, { yaml: draft.payload }),
    onMutate: () => draft.setSaved(false),
    onSuccess: (next) => {
      draft.setSaved(true);
      draft.setTried(false);
      client.setQueryData(['justice-mapping', mapping.partner], next);
    },
  });
  const submit = handleSubmit(() => {
    if (mode === 'form' && Object.keys(checkMappingForm(draft.form)).length > 0) {
      draft.setTried(true);
      return;
    }
    save.mutate();
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Muted>{mapping.yaml === null ? t('mapping.none') : t('mapping.updated', { when: formatDateTime(mapping.updatedAt) })}</Muted>
        <ModeSwitch mode={mode} onChange={draft.switchTo} />
        {draft.misfit && (
          <ErrorAlert
            error={new Error(t('mapping.cannotGuideText', { problem: problemText(t, draft.misfit) }))}
            title={t('mapping.cannotGuide')}
          />
        )}
        {mode === 'yaml' ? (
          <Textarea
            label={t('mapping.yaml')}
            description={t('mapping.yamlHelp')}
            value={draft.text}
            onChange={(e) => draft.editText(e.currentTarget.value)}
            autosize
            minRows={8}
            maxRows={24}
            spellCheck={false}
            classNames={{ input: 'mono' }}
            placeholder={t('mapping.placeholder')}
            error={save.error ? true : undefined}
          />
        ) : (
          <GuidedFields form={draft.form} onChange={draft.edit} options={options} errors={errors} />
        )}
        {Object.keys(errors).length > 0 && <ErrorAlert error={new Error(t('mapping.fixFields'))} />}
        <ErrorAlert error={save.error} title={t('mapping.rejected')} className="pre-wrap" />
        {draft.saved && !draft.changed && <SuccessAlert>{t('mapping.saved')}</SuccessAlert>}
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!draft.changed}>
            {t('mapping.save')}
          </Button>
          {draft.empty && (
            <Button variant="default" onClick={draft.fillExample}>
              {t('mapping.useExample')}
            </Button>
          )}
          {draft.changed && (
            <Button
              variant="default"
              onClick={() => {
                draft.discard();
                save.reset();
              }}
            >
              {t('mapping.discard')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** The choice between the guided form and the YAML text. */
function ModeSwitch({ mode, onChange }: { mode: Mode; onChange: (next: Mode) => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Input.Label labelElement="div" id="mapping-editor-mode">
        {t('mapping.editor')}
      </Input.Label>
      <SegmentedControl
        aria-labelledby="mapping-editor-mode"
        value={mode}
        onChange={(v) => onChange(v as Mode)}
        data={[
          { value: 'form', label: t('mapping.guided') },
          { value: 'yaml', label: t('mapping.asYaml') },
        ]}
        w="fit-content"
      />
    </Stack>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

function problemText(t: T, p: FormProblem): string {
  const at = p.line ? t('mapping.atLine', { line: p.line }) : '';
  const sentence = t(`mapping.problems.${p.code}`, { at, path: p.path ?? '', detail: p.detail ?? '' });
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
