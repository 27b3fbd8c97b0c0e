// How the pages mark what a figure rests on: a figure not yet published gets its status beside it
// ("draft") in tables, hatching (bars, map areas) or a triangle (points of a line) in charts, and
// its status in the chart's tooltip; a figure of a release that revised an earlier one is marked
// "revised"; a partner total left out because only some org units reported reads "partial: N org
// units reported" in place of a number. Published figures stay unmarked.
import { Badge, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Muted } from '../../platform/text';
import { isUnpublished, type FigureFacts } from './figures';
import { FigureStatusBadge } from './StatusBadge';

/** What the marks of one figure need: its facts and the release it comes from. */
export type Marked = FigureFacts & { release?: number | null };

/** "revised", explained on hover or focus. */
export function RevisedBadge({ release }: { release?: number | null }) {
  const { t } = useTranslation();
  const hint = release ? t('figures.revisedHint', { release }) : t('figures.revisedHintNoRelease');
  return (
    <Tooltip label={hint} withArrow multiline maw={280}>
      <Badge variant="outline" color="gray" size="xs" ml={4} tt="none" tabIndex={0} className="badge-inline">
        {t('figures.revised')}
        <VisuallyHidden>: {hint}</VisuallyHidden>
      </Badge>
    </Tooltip>
  );
}

/** The marks beside a figure: its status when unpublished, "revised" when it revises an earlier release. */
export function FigureMarks({ status, revised, release }: Marked) {
  return (
    <>
      <FigureStatusBadge status={status} />
      {revised && <RevisedBadge release={release} />}
    </>
  );
}

/** "partial: 3 org units reported", in place of a partner total that is not given. */
export function PartialUnits({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <Text span size="xs" c="dimmed">
      {t('figures.partial', { count })}
    </Text>
  );
}

/** A figure in a table cell with its marks; the partial note in place of the number when only some org units reported. */
export function FigureValue({ text, ...facts }: { text: ReactNode } & Partial<Marked>) {
  const partial = facts.partialUnits ?? null;
  return (
    <>
      {partial !== null ? <PartialUnits count={partial} /> : text}
      <FigureMarks status={facts.status ?? null} revised={facts.revised} release={facts.release} />
    </>
  );
}

/**
 * What a chart's tooltip adds after a figure: ' (draft)', ' (draft, revised)', ' (revised)',
 * ' (partial: 3 org units reported)', or nothing for a published figure.
 */
export function useFigureSuffix(): (facts: Partial<Marked> | null | undefined) => string {
  const { t } = useTranslation();
  return useCallback(
    (facts) => {
      if (!facts) return '';
      const marks = [
        ...(facts.partialUnits !== null && facts.partialUnits !== undefined ? [t('figures.partial', { count: facts.partialUnits })] : []),
        ...(isUnpublished(facts.status) ? [t(`status.${facts.status}`)] : []),
        ...(facts.revised ? [t('figures.revised')] : []),
      ];
      return marks.length ? ` (${marks.join(', ')})` : '';
    },
    [t],
  );
}

/** The hatching of a bar or a map area whose figure is not yet published (ECharts decal). */
export function hatching(color = 'rgba(255, 255, 255, 0.7)') {
  return { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [3, 3], rotation: -Math.PI / 4, color };
}

/** A bar's data item: hatched when its figure is not yet published, the plain value otherwise. */
export function barItem<V>(value: V, facts: Partial<Marked> | null | undefined): V | { value: V; itemStyle: { decal: object } } {
  return isUnpublished(facts?.status) ? { value, itemStyle: { decal: hatching() } } : value;
}

/** The symbol of a point of a line whose figure is not yet published. */
export const UNPUBLISHED_SYMBOL = 'triangle';

/** A line's data item: a larger triangle when its figure is not yet published, the plain value otherwise. */
export function pointItem(value: number | null, facts: Partial<Marked> | null | undefined) {
  return value !== null && isUnpublished(facts?.status) ? { value, symbol: UNPUBLISHED_SYMBOL, symbolSize: 11 } : value;
}

/** The note under a chart with figures not yet published: what the hatching or the triangles mean. */
export function UnpublishedNote({ shown, kind }: { shown: boolean; kind: 'hatched' | 'triangles' }) {
  const { t } = useTranslation();
  if (!shown) return null;
  return <Muted size="xs">{t(`figures.${kind}`)}</Muted>;
}
