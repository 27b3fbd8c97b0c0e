// The guided form of a case-import mapping: the description, the column of each case field, the
// date format, and the tables mapping national case types and instances to the catalogue's codes.
import { Button, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Muted } from '../../platform/text';
import { CASE_FIELDS, type CodeRow, type CodeTable, type FieldError, type MappingFormValues } from './mapping-form';

/** The catalogue codes each code table may map to, as select options. */
export type Options = Record<CodeTable, { value: string; label: string }[]>;

interface FieldsProps {
  form: MappingFormValues;
  onChange: (next: MappingFormValues) => void;
  options: Options;
  errors: Record<string, FieldError>;
}

export function GuidedFields({ form, onChange, options, errors }: FieldsProps) {
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
