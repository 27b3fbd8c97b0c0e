// The selectors of an indicator page, each a parameter of the address: the period, one code per
// breakdown (or the total), the date the figures are read as of, names/codes/both, and for
// signed-in users "Published only".
import { Button, Group, Input, SegmentedControl, Select, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PublishedOnlySwitch, type PublishedOnlyChoice } from '../../platform/PublishedOnly';
import type { Dimension } from '../statistics/model';
import { LABEL_MODES, labelOf, today, type IndicatorView, type LabelMode } from './model';

interface Props {
  view: IndicatorView;
  periods: string[];
  period: string | undefined;
  dimensions: Dimension[];
  figures: PublishedOnlyChoice;
  /** Sets one parameter of the address (null removes it). */
  set: (name: string, value: string | null) => void;
}

export function ViewControls({ view, periods, period, dimensions, figures, set }: Props) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" gap="md">
      <Select
        label={t('indicators.period')}
        data={[...periods].reverse()}
        value={period ?? null}
        onChange={(v) => set('period', v)}
        allowDeselect={false}
        disabled={periods.length === 0}
        placeholder={t('indicators.noPeriods')}
        w={140}
      />
      {dimensions.map((d) => (
        <Select
          key={d.code}
          label={d.label}
          data={d.codes.map((c) => ({ value: c.code, label: labelOf(c.code, c.label, view.labels) }))}
          value={view.breakdown[d.code] ?? null}
          onChange={(v) => set(d.code, v)}
          placeholder={t('indicators.allTotal')}
          clearable
          searchable={d.codes.length > 10}
          miw={220}
        />
      ))}
      <TextInput
        type="date"
        label={t('portal.asOf.label')}
        value={view.asOf ?? ''}
        max={today()}
        onChange={(e) => set('asOf', e.currentTarget.value || null)}
        w={170}
      />
      {view.asOf && (
        <Button variant="subtle" onClick={() => set('asOf', null)}>
          {t('portal.asOf.latest')}
        </Button>
      )}
      <Stack gap={0}>
        <Input.Label labelElement="div" id="labels-switch">
          {t('portal.labels.title')}
        </Input.Label>
        <SegmentedControl
          aria-labelledby="labels-switch"
          value={view.labels}
          onChange={(v) => set('labels', v === 'name' ? null : (v as LabelMode))}
          data={LABEL_MODES.map((m) => ({ value: m, label: t(`portal.labels.${m}`) }))}
        />
      </Stack>
      <PublishedOnlySwitch state={figures} />
    </Group>
  );
}
