// The year, case-category and "Published only" choice shared by the justice pages, and the line
// that explains the CEPEJ indicators (clearance rate, disposition time, the region as a ratio of sums).
import { Alert, Group, List, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PublishedOnlySwitch, type PublishedOnlyChoice } from '../../platform/PublishedOnly';
import { useCatalog } from '../statistics/model';
import { categoryOptions, type useJusticeFilters } from './model';

type ChosenFilters = ReturnType<typeof useJusticeFilters>;

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

/** The filters bound to the choice kept in the address: year, case category and "Published only". */
export function AddressFilters({ filters, periods, year }: { filters: ChosenFilters; periods: string[]; year: string | undefined }) {
  return (
    <JusticeFilters
      periods={periods}
      year={year}
      onYear={filters.setYear}
      category={filters.category}
      onCategory={filters.setCategory}
      figures={filters.figures}
    />
  );
}

/** Said when the partner has no figures at all (of those the "Published only" choice reads). */
export function NoPartnerData({ filters, partnerName }: { filters: ChosenFilters; partnerName: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="gray">
      {t(filters.figures.publishedOnly ? 'justice.noPartnerData' : 'justice.noPartnerDataAll', { partner: partnerName })}
    </Alert>
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
