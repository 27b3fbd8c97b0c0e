// The indicator explorer's choices as its address holds them (?indicator=…&period=… and one
// parameter per breakdown), so that a link or a reload shows the same view.
import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Catalog } from './model';

/** The breakdowns of the given variables, in the catalogue's order. */
export function dimensionsOf(catalog: Catalog, variables: string[]) {
  const codes = new Set(variables.flatMap((v) => catalog.variables.find((x) => x.code === v)?.dimensions ?? []));
  return catalog.dimensions.filter((d) => codes.has(d.code));
}

export type IndicatorChoice = ReturnType<typeof useIndicatorChoice>;

/**
 * The chosen indicator (the address's, or the catalogue's first), its breakdowns, the breakdown
 * filters of the address it knows, the period asked for (null: the page picks one), and the setters.
 * Each setter replaces the history entry, so that Back leaves the page.
 */
export function useIndicatorChoice(catalog: Catalog | undefined) {
  const [params, setParams] = useSearchParams();
  const indicators = catalog?.indicators ?? [];
  const indicator = indicators.find((i) => i.code === params.get('indicator')) ?? indicators[0];
  const dims = catalog && indicator ? dimensionsOf(catalog, indicator.variables) : [];
  // Only the chosen indicator's breakdowns count, with codes it knows.
  const filters: Record<string, string> = Object.fromEntries(
    dims.flatMap((d) => {
      const value = params.get(d.code);
      return value && d.codes.some((c) => c.code === value) ? [[d.code, value]] : [];
    }),
  );
  const chosenPeriod = params.get('period');
  const update = useCallback(
    (change: (next: URLSearchParams) => void) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          change(next);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const chooseIndicator = (value: string | null) => {
    if (!value) return;
    const next = indicators.find((i) => i.code === value);
    const allowed = new Set(catalog && next ? dimensionsOf(catalog, next.variables).map((d) => d.code) : []);
    update((q) => {
      // The breakdowns of the indicator left behind, and its period, do not carry over.
      for (const d of catalog?.dimensions ?? []) if (!allowed.has(d.code)) q.delete(d.code);
      q.delete('period');
      q.set('indicator', value);
    });
  };
  const setFilter = (dim: string, value: string | null) => update((q) => (value ? q.set(dim, value) : q.delete(dim)));
  const setChosenPeriod = (value: string | null) => update((q) => (value ? q.set('period', value) : q.delete('period')));
  return { indicators, indicator, dims, filters, chosenPeriod, chooseIndicator, setFilter, setChosenPeriod };
}
