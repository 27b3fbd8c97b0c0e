// "About this indicator": the catalogue's metadata of an indicator (definition, method, producing
// body, periodicity, footnotes), as the head of every indicator answer carries it, folded under the
// indicator's title. Nothing is shown when the catalogue gives none.
import { Accordion, List, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The metadata fields of an indicator answer's head (null and [] when the catalogue gives none). */
export interface IndicatorMetadata {
  code: string;
  definition?: string | null;
  method?: string | null;
  source?: string | null;
  periodicity?: string | null;
  footnotes?: string[];
}

export function IndicatorAbout({ indicator }: { indicator: IndicatorMetadata }) {
  const { t } = useTranslation();
  const { definition, method, source, periodicity } = indicator;
  const footnotes = indicator.footnotes ?? [];
  const entries: [string, ReactNode][] = [];
  if (definition) entries.push([t('indicatorAbout.definition'), definition]);
  if (method) entries.push([t('indicatorAbout.method'), method]);
  if (source) entries.push([t('indicatorAbout.source'), source]);
  if (periodicity)
    entries.push([t('indicatorAbout.periodicity'), t(`indicatorAbout.periodicities.${periodicity}`, { defaultValue: periodicity })]);
  if (footnotes.length > 0)
    entries.push([
      t('indicatorAbout.footnotes'),
      <List size="sm" spacing={2}>
        {footnotes.map((note, i) => (
          <List.Item key={i}>{note}</List.Item>
        ))}
      </List>,
    ]);
  if (entries.length === 0) return null;
  return (
    <Accordion variant="contained" chevronPosition="left">
      <Accordion.Item value={`about-${indicator.code}`}>
        <Accordion.Control>{t('indicatorAbout.title')}</Accordion.Control>
        <Accordion.Panel>
          <TermList entries={entries} />
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}

/** Terms with their details as a description list (dl), each detail keeping the catalogue's line breaks. */
export function TermList({ entries }: { entries: [string, ReactNode][] }) {
  return (
    <Stack component="dl" gap="xs" m={0}>
      {entries.map(([term, detail]) => (
        <div key={term}>
          <Text component="dt" size="sm" fw={700}>
            {term}
          </Text>
          <Text component="dd" size="sm" m={0} className="pre-wrap">
            {detail}
          </Text>
        </div>
      ))}
    </Stack>
  );
}
