// The fields of an action the Commission writes into a plan, shared by the forms that add or edit
// one (a recommendation, a meeting's follow-up action): its wording, deadline, the responsible
// partners and the catalogue indicators that measure it (its description is a LongTextField).
import { Checkbox, Group, MultiSelect, Textarea, TextInput } from '@mantine/core';
import type { Partner } from '../../platform/api';
import { useIndicatorList } from '../statistics/model';

type TextChange = (e: { currentTarget: { value: string } }) => void;

interface TextFieldProps {
  label: string;
  value: string;
  onChange: TextChange;
}

/** The action's wording (required, up to 500 characters). */
export function WordingField({ label, description, value, onChange }: TextFieldProps & { description?: string }) {
  return (
    <Textarea label={label} description={description} required autosize minRows={2} maxLength={500} value={value} onChange={onChange} />
  );
}

export function DeadlineField({ label, value, onChange }: TextFieldProps) {
  return <TextInput type="date" label={label} w={220} value={value} onChange={onChange} />;
}

/** The responsible partners, one checkbox each (at least one is required). */
export function PartnersField({
  label,
  partners,
  value,
  onChange,
}: {
  label: string;
  partners: Partner[];
  value: string[];
  onChange: (value: string[]) => void;
}) {
  return (
    <Checkbox.Group label={label} required value={value} onChange={onChange}>
      <Group gap="md" mt={4}>
        {partners.map((p) => (
          <Checkbox key={p.code} value={p.code} label={p.name} />
        ))}
      </Group>
    </Checkbox.Group>
  );
}

/** The catalogue indicators linked to it; `disableEmpty` disables the field while there are none to choose. */
export function IndicatorsField({
  label,
  value,
  onChange,
  disableEmpty = false,
}: {
  label: string;
  value: string[];
  onChange: (value: string[]) => void;
  disableEmpty?: boolean;
}) {
  const indicators = useIndicatorList();
  const options = (indicators.data?.indicators ?? []).map((i) => ({ value: i.code, label: i.label }));
  return (
    <MultiSelect
      label={label}
      searchable
      clearable
      value={value}
      data={options}
      onChange={onChange}
      disabled={disableEmpty ? options.length === 0 : undefined}
    />
  );
}
