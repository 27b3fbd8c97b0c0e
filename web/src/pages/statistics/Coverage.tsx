// The coverage of regional figures in words: a regional value labelled with the partners it stands
// on ('Western Balkans (5 of 6 partners)'), and in place of a missing one how many partners reported
// ('2 of 6 partners reported — no regional value'). Used by the indicator, justice and migration pages.
import { Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Muted } from '../../platform/text';
import { hasRegionValue, REGION_SIZE, type RegionEntry } from './coverage';

/** The texts of a regional figure's coverage, for `members` of the six partners. */
export function useCoverageTexts() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      /** 'Western Balkans (5 of 6 partners)' */
      covered: (members: number) => t('indicators.regionCovered', { members, size: REGION_SIZE }),
      /** '5 of 6 partners' */
      partners: (members: number) => t('indicators.coveredPartners', { members, size: REGION_SIZE }),
      /** '2 of 6 partners reported — no regional value' */
      missing: (members: number) => t('indicators.noRegionValue', { members, size: REGION_SIZE }),
    }),
    [t],
  );
}

/** Why a table cell or a figure has no regional value, in small grey text. */
export function NoRegionValue({ members }: { members: number }) {
  const { missing } = useCoverageTexts();
  return (
    <Text span display="block" size="xs" c="dimmed">
      {missing(members)}
    </Text>
  );
}

/**
 * The note above a chart of one period: the partners the regional value and median stand on, or
 * that there is none and how many partners it would need.
 */
export function RegionNote({ entry }: { entry: RegionEntry | undefined }) {
  const { t } = useTranslation();
  const { missing } = useCoverageTexts();
  if (!entry) return null;
  if (hasRegionValue(entry)) return <Muted>{t('indicators.regionNote', { members: entry.members, size: REGION_SIZE })}</Muted>;
  return (
    <Stack gap={0}>
      <Muted>{missing(entry.members)}</Muted>
      <Muted>{t('indicators.regionNeeds', { required: entry.required, size: REGION_SIZE })}</Muted>
    </Stack>
  );
}
