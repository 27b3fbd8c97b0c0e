// The year, case-category and "Published only" choice shared by the justice pages, and the line
// that explains the CEPEJ indicators (clearance rate, disposition time, the region as a ratio of sums).
import { Group, List, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PublishedOnlySwitch, type PublishedOnlyChoice } from '../../platform/PublishedOnly';
import { useCatalog } from '../statistics/model';
import { categoryOptions } from './model';

interface Props {
  periods: string[];
  year: string | undefined;
  onYear: (year: string | null) => void;
  category?: string;
  onCategory?: (category: string | null) => void;
  /** "Published only", shown to signed-in users. */
  figures?: PublishedOnlyChoice;
}

export function JusticeFilters({ periods, year, onYear, category, onCategory, figures }: Props) {
  const { t } = useTranslation();
  const catalog = useCatalog();
  return (
    <Group align="flex-end" gap="md">
      <Select
        label={t('justice.year')}
        data={[...periods].reverse()}
        value={year ?? null}
        onChange={onYear}
        allowDeselect={false}
        disabled={periods.length === 0}
        placeholder={t('indicators.noPeriods')}
        w={140}
      />
      {onCategory && (
        <Select
          label={t('justice.category')}
          data={categoryOptions(catalog.data, t('justice.allCategories'))}
          value={category ?? null}
          onChange={onCategory}
          allowDeselect={false}
          miw={280}
        />
      )}
      {figures && <PublishedOnlySwitch state={figures} />}
    </Group>
  );
}

/** The indicators explained: clearance rate, disposition time, then the old cases (courts) or the region. */
export function MethodNote({ courts = false }: { courts?: boolean }) {
  const { t } = useTranslation();
  return (
    <List size="sm" spacing={2}>
      {['cr', 'dt', courts ? 'old' : 'region'].map((term) => (
        <List.Item key={term}>
          <Text span fw={700} size="sm">
            {t(`justice.${term}Short`)}
          </Text>{' '}
          {t(`justice.${term}Explained`)}
        </List.Item>
      ))}
    </List>
  );
}
