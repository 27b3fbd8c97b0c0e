// The register of emergency measures (/rule-of-law/emergency-measures): the measures the user may
// read, by partner, filtered by partner, category and status (in the address); coordinators add and
// edit their partner's measures and submit them, reviewers return or approve, the Commission publishes.
import { Button, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Partner, User } from '../../platform/api';
import { SuccessAlert } from '../../platform/feedback';
import { QueryState } from '../../platform/QueryState';
import { DesignationNote } from '../reports/Notes';
import { DESIGNATED, labelOf } from '../reports/model';
import { useAddressParams } from '../reports/useAddressParams';
import { usePartners } from '../statistics/model';
import { MeasureActions } from './MeasureActions';
import { MeasureCard } from './MeasureCard';
import { MeasureForm } from './MeasureForm';
import { CATEGORIES, STATUSES, useMeasures, type Measure, type MeasureFilter } from './model';

export function EmergencyMeasuresPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const { params, set: setFilter } = useAddressParams();
  const filter = { partner: params.get('partner') ?? '', category: params.get('category') ?? '', status: params.get('status') ?? '' };
  const measures = useMeasures(filter);
  const partners = usePartners();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const all = useMemo(() => partners.data?.partners ?? [], [partners.data]);
  const name = (code: string) => labelOf(code, all.find((p) => p.code === code)?.name, 'name');
  const wb6 = all.filter((p) => p.group === 'WB6');
  // The partners the user enters measures for: a coordinator's own, every partner for an admin.
  const own = user.role === 'admin' ? wb6 : user.role === 'coordinator' ? all.filter((p) => p.code === user.partner) : [];
  const done = (m: Measure, message: string) => {
    setEditing(null);
    setSaved(t(message, { title: m.title }));
  };
  const list = measures.data?.measures ?? [];

  return (
    <Stack>
      <Title order={2}>{t('emergency.title')}</Title>
      <Text>{t('emergency.intro')}</Text>
      <Group align="flex-end" gap="md">
        <MeasureFilters filter={filter} wb6={wb6} name={name} onChange={setFilter} />
        {own.length > 0 && editing !== 'new' && (
          <Button
            onClick={() => {
              setSaved(null);
              setEditing('new');
            }}
          >
            {t('emergency.add')}
          </Button>
        )}
      </Group>
      {saved && <SuccessAlert onClose={() => setSaved(null)}>{saved}</SuccessAlert>}
      {editing === 'new' && (
        <MeasureForm measure={null} partners={own} onDone={(m) => done(m, 'emergency.form.created')} onCancel={() => setEditing(null)} />
      )}
      {!measures.data ? (
        <QueryState error={measures.error} loading={t('emergency.loading')} />
      ) : list.length === 0 ? (
        <Text c="gray.7">{t('emergency.empty')}</Text>
      ) : (
        <Stack gap="md" component="section" aria-label={t('emergency.listLabel')}>
          <Text size="sm" role="status">
            {t('emergency.count', { n: list.length })}
          </Text>
          {list.map((m) =>
            editing === m.id ? (
              <MeasureForm
                key={m.id}
                measure={m}
                partners={own}
                onDone={(s) => done(s, 'emergency.form.saved')}
                onCancel={() => setEditing(null)}
              />
            ) : (
              <MeasureCard
                key={m.id}
                measure={m}
                partnerName={name(m.partner)}
                actions={<MeasureActions measure={m} onEdit={() => setEditing(m.id)} />}
              />
            ),
          )}
        </Stack>
      )}
      <DesignationNote shown={list.some((m) => m.partner === DESIGNATED) || wb6.some((p) => p.code === DESIGNATED)} />
    </Stack>
  );
}

interface FiltersProps {
  filter: Required<MeasureFilter>;
  wb6: Partner[];
  name: (code: string) => string;
  onChange: (key: keyof MeasureFilter, value: string) => void;
}

/** The partner, category and status filters (each "all" when empty). */
function MeasureFilters({ filter, wb6, name, onChange }: FiltersProps) {
  const { t } = useTranslation();
  return (
    <>
      <NativeSelect
        label={t('emergency.filter.partner')}
        data={[{ value: '', label: t('emergency.filter.allPartners') }, ...wb6.map((p) => ({ value: p.code, label: name(p.code) }))]}
        value={filter.partner}
        onChange={(e) => onChange('partner', e.currentTarget.value)}
      />
      <NativeSelect
        label={t('emergency.filter.category')}
        data={[
          { value: '', label: t('emergency.filter.allCategories') },
          ...CATEGORIES.map((c) => ({ value: c, label: t(`emergency.category.${c}`) })),
        ]}
        value={filter.category}
        onChange={(e) => onChange('category', e.currentTarget.value)}
      />
      <NativeSelect
        label={t('emergency.filter.status')}
        data={[{ value: '', label: t('emergency.filter.allStatuses') }, ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
        value={filter.status}
        onChange={(e) => onChange('status', e.currentTarget.value)}
      />
    </>
  );
}
