// The partner's column mapping for case imports: which columns of the national export hold the case
// id, court, case type, instance and dates, the date format, and how national case types and
// instances map to the catalogue's codes. A guided form by default; "Edit as YAML" shows the text the
// server keeps, for experts. Both save the same YAML (mapping-form.ts converts); the server checks
// it and names the wrong line.
import { formatDateTime } from '../../platform/format';
import {
  Button,
  Fieldset,
  Group,
  Input,
  NativeSelect,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
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
  CASE_FIELDS,
  checkMappingForm,
  emptyMappingForm,
  readMappingYaml,
  sameMapping,
  toMappingYaml,
  type AllowedCodes,
  type CodeRow,
  type CodeTable,
  type FieldError,
  type FormProblem,
  type MappingFormValues,
} from './mapping-form';
import type { Mapping } from './model';

type Mode = 'form' | 'yaml';
type Options = Record<CodeTable, { value: string; label: string }[]>;

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

function MappingForm({ mapping, options }: { mapping: Mapping; options: Options }) {
  const { t } = useTranslation();
  const client = useQueryClient();
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
  const payload = mode === 'yaml' ? text : toMappingYaml(form);
  const save = useMutation({
    mutationFn: () => api<Mapping>('PUT', `/justice/mappings/${encodeURIComponent(mapping.partner)}`, { yaml: payload }),
    onMutate: () => setSaved(false),
    onSuccess: (next) => {
      setSaved(true);
      setTried(false);
      client.setQueryData(['justice-mapping', mapping.partner], next);
    },
  });
  const changed = mode === 'yaml' ? text !== stored : storedForm === null || !sameMapping(form, storedForm);
  const errors = mode === 'form' && tried ? checkMappingForm(form) : {};
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
    save.reset();
  };
  const fillExample = () => {
    const example = t('mapping.placeholder');
    const result = read(example);
    if (mode === 'form' && result.ok) edit(result.values);
    else setText(example);
  };
  const empty = mode === 'yaml' ? text === '' : sameMapping(form, emptyMappingForm());
  const submit = handleSubmit(() => {
    if (mode === 'form' && Object.keys(checkMappingForm(form)).length > 0) {
      setTried(true);
      return;
    }
    save.mutate();
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Muted>{mapping.yaml === null ? t('mapping.none') : t('mapping.updated', { when: formatDateTime(mapping.updatedAt) })}</Muted>
        <Stack gap={4}>
          <Input.Label labelElement="div" id="mapping-editor-mode">
            {t('mapping.editor')}
          </Input.Label>
          <SegmentedControl
            aria-labelledby="mapping-editor-mode"
            value={mode}
            onChange={(v) => switchTo(v as Mode)}
            data={[
              { value: 'form', label: t('mapping.guided') },
              { value: 'yaml', label: t('mapping.asYaml') },
            ]}
            w="fit-content"
          />
        </Stack>
        {misfit && (
          <ErrorAlert
            error={new Error(t('mapping.cannotGuideText', { problem: problemText(t, misfit) }))}
            title={t('mapping.cannotGuide')}
          />
        )}
        {mode === 'yaml' ? (
          <Textarea
            label={t('mapping.yaml')}
            description={t('mapping.yamlHelp')}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setSaved(false);
            }}
            autosize
            minRows={8}
            maxRows={24}
            spellCheck={false}
            classNames={{ input: 'mono' }}
            placeholder={t('mapping.placeholder')}
            error={save.error ? true : undefined}
          />
        ) : (
          <GuidedFields form={form} onChange={edit} options={options} errors={errors} />
        )}
        {Object.keys(errors).length > 0 && <ErrorAlert error={new Error(t('mapping.fixFields'))} />}
        <ErrorAlert error={save.error} title={t('mapping.rejected')} className="pre-wrap" />
        {saved && !changed && <SuccessAlert>{t('mapping.saved')}</SuccessAlert>}
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!changed}>
            {t('mapping.save')}
          </Button>
          {empty && (
            <Button variant="default" onClick={fillExample}>
              {t('mapping.useExample')}
            </Button>
          )}
          {changed && (
            <Button variant="default" onClick={discard}>
              {t('mapping.discard')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

type T = ReturnType<typeof useTranslation>['t'];

function problemText(t: T, p: FormProblem): string {
  const at = p.line ? t('mapping.atLine', { line: p.line }) : '';
  const sentence = t(`mapping.problems.${p.code}`, { at, path: p.path ?? '', detail: p.detail ?? '' });
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

interface FieldsProps {
  form: MappingFormValues;
  onChange: (next: MappingFormValues) => void;
  options: Options;
  errors: Record<string, FieldError>;
}

function GuidedFields({ form, onChange, options, errors }: FieldsProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <TextInput
        label={t('mapping.description')}
        description={t('mapping.descriptionHelp')}
        value={form.description}
        maxLength={500}
        onChange={(e) => onChange({ ...form, description: e.currentTarget.value })}
      />
      <Fieldset legend={t('mapping.columnsTitle')}>
        <Text size="sm" mb="sm">
          {t('mapping.columnsHelp')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {CASE_FIELDS.map((field) => (
            <TextInput
              key={field}
              label={t(`mapping.column.${field}`)}
              description={t(`mapping.columnHelp.${field}`)}
              placeholder={field}
              value={form.columns[field]}
              maxLength={200}
              spellCheck={false}
              onChange={(e) => onChange({ ...form, columns: { ...form.columns, [field]: e.currentTarget.value } })}
            />
          ))}
        </SimpleGrid>
      </Fieldset>
      <TextInput
        label={t('mapping.dateFormat')}
        description={t('mapping.dateFormatHelp')}
        placeholder="%Y-%m-%d"
        value={form.dateFormat}
        maxLength={40}
        spellCheck={false}
        maw={480}
        onChange={(e) => onChange({ ...form, dateFormat: e.currentTarget.value })}
      />
      <CodeRows
        table="caseTypes"
        rows={form.caseTypes}
        onChange={(rows) => onChange({ ...form, caseTypes: rows })}
        options={options}
        errors={errors}
      />
      <CodeRows
        table="instances"
        rows={form.instances}
        onChange={(rows) => onChange({ ...form, instances: rows })}
        options={options}
        errors={errors}
      />
    </Stack>
  );
}

/** The i18n keys of each code table. */
const TABLE_TEXTS = {
  caseTypes: {
    title: 'caseTypesTitle',
    help: 'caseTypesHelp',
    national: 'caseTypeNational',
    code: 'caseTypeCode',
    add: 'addCaseType',
    remove: 'removeCaseType',
  },
  instances: {
    title: 'instancesTitle',
    help: 'instancesHelp',
    national: 'instanceNational',
    code: 'instanceCode',
    add: 'addInstance',
    remove: 'removeInstance',
  },
} as const;

interface RowsProps {
  table: CodeTable;
  rows: CodeRow[];
  onChange: (rows: CodeRow[]) => void;
  options: Options;
  errors: Record<string, FieldError>;
}

/** A code table as rows of a national code and a catalogue code, with Add and Remove buttons. */
function CodeRows({ table, rows, onChange, options, errors }: RowsProps) {
  const { t } = useTranslation();
  const k = TABLE_TEXTS[table];
  const set = (i: number, change: Partial<CodeRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const message = (i: number, part: 'national' | 'code') => {
    const error = errors[`${table}.${i}.${part}`];
    if (!error) return undefined;
    if (error === 'duplicate') return t('mapping.duplicate');
    return part === 'national' ? t('mapping.requiredNational') : t('mapping.requiredCode');
  };
  return (
    <Fieldset legend={t(`mapping.${k.title}`)}>
      <Stack gap="sm">
        <Text size="sm">{t(`mapping.${k.help}`)}</Text>
        {rows.length === 0 && <Muted>{t('mapping.noRows')}</Muted>}
        {rows.map((row, i) => (
          // Rows have no identity of their own; their fields are controlled, so the index is enough.
          <Group key={i} align="flex-end" gap="xs" wrap="wrap">
            <TextInput
              label={t(`mapping.${k.national}`, { number: i + 1 })}
              value={row.national}
              maxLength={200}
              spellCheck={false}
              w={220}
              required
              error={message(i, 'national')}
              onChange={(e) => set(i, { national: e.currentTarget.value })}
            />
            <NativeSelect
              label={t(`mapping.${k.code}`, { number: i + 1 })}
              value={row.code}
              w={320}
              required
              error={message(i, 'code')}
              data={[{ value: '', label: t('mapping.chooseCode') }, ...options[table]]}
              onChange={(e) => set(i, { code: e.currentTarget.value })}
            />
            <Button
              variant="subtle"
              color="red"
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
              aria-label={t(`mapping.${k.remove}`, { name: row.national.trim() || t('mapping.rowNumber', { number: i + 1 }) })}
            >
              {t('mapping.remove')}
            </Button>
          </Group>
        ))}
        <Group>
          <Button variant="default" onClick={() => onChange([...rows, { national: '', code: '' }])}>
            {t(`mapping.${k.add}`)}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
