// A domain page's content, taken from the catalogue alone (so that a new catalogue file gives a
// page without new code): the domain's datasets and indicators, its name and description when the
// catalogue gives them, the recent periods of an indicator's regional figures, and the plan actions
// linked to the domain's indicators. Pure functions.
import type { Plan, PlanAction } from '../commitments/model';
import type { RegionEntry } from '../statistics/coverage';
import type { Catalog, Dataset, IndicatorDef } from '../statistics/model';

/** A domain as the catalogue API may describe it (its files' `label` and `description`). */
export interface CatalogDomain {
  code: string;
  label?: string | null;
  description?: string | null;
}

/** The catalogue, with the domains when the API lists them. */
export type CatalogWithDomains = Catalog & { domains?: CatalogDomain[] };

export interface DomainContent {
  code: string;
  /** The catalogue's name of the domain; null when it gives none. */
  label: string | null;
  /** The catalogue's description of the domain; null when it gives none. */
  description: string | null;
  datasets: Dataset[];
  indicators: IndicatorDef[];
}

/** Every domain of the catalogue, in the order its datasets, indicators and variables first name them. */
export function domainCodes(catalog: CatalogWithDomains): string[] {
  return [
    ...new Set([
      ...(catalog.domains ?? []).map((d) => d.code),
      ...catalog.datasets.map((d) => d.domain),
      ...catalog.indicators.map((i) => i.domain),
      ...catalog.variables.map((v) => v.domain),
    ]),
  ];
}

/** The domain's datasets and indicators in the catalogue's order; null when the catalogue has no such domain. */
export function domainContent(catalog: CatalogWithDomains, code: string): DomainContent | null {
  if (!domainCodes(catalog).includes(code)) return null;
  const described = catalog.domains?.find((d) => d.code === code);
  return {
    code,
    label: described?.label || null,
    description: described?.description || null,
    datasets: catalog.datasets.filter((d) => d.domain === code),
    indicators: catalog.indicators.filter((i) => i.domain === code),
  };
}

/** The region's entries of the last `count` periods that have one, newest first. */
export function recentRegion(periods: readonly string[], region: readonly RegionEntry[], count: number): RegionEntry[] {
  const known = new Set(periods);
  return region
    .filter((r) => known.has(r.period))
    .sort((a, b) => b.period.localeCompare(a.period))
    .slice(0, count);
}

/** A plan action linked to some of the domain's indicators. */
export interface LinkedAction {
  plan: { code: string; title: string };
  objective: string;
  action: PlanAction;
  /** The domain's indicators among the action's, in the action's order. */
  indicators: string[];
}

/** The actions of the plans whose `indicators` include one of `indicators`, plan by plan in the given order. */
export function linkedActions(plans: readonly Plan[], indicators: ReadonlySet<string>): LinkedAction[] {
  return plans.flatMap((plan) =>
    plan.objectives.flatMap((objective) =>
      objective.actions
        .map((action) => ({ action, linked: action.indicators.filter((i) => indicators.has(i)) }))
        .filter(({ linked }) => linked.length > 0)
        .map(({ action, linked }) => ({
          plan: { code: plan.code, title: plan.title },
          objective: objective.code,
          action,
          indicators: linked,
        })),
    ),
  );
}
