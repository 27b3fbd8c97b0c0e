// The comparison grid of a dataset's coded answers (pure): which variables are its items, which
// partners its columns, which periods have answers, and each partner's answer to each item of a
// period, from the values the viewer may read (GET /exports/values?format=json: releases for the
// public; working data only where the viewer's role allows, with its status).
import type { Partner } from '../../platform/api';
import type { FigureStatus } from '../statistics/figures';
import { answerLabel, answersOf, type Catalog, type CodeList, type Dataset, type Variable } from '../statistics/model';

/** One value of the JSON export (the fields the grid reads). */
export interface ExportedValue {
  partner: string;
  org_unit: string | null;
  period: string;
  variable: string;
  coords: Record<string, string>;
  value: number | string | null;
  comment: string | null;
  evidence?: string[];
  status?: FigureStatus;
}

/** One item of the grid: a coded variable and its answers. */
export interface AnswerItem {
  variable: Variable;
  answers: CodeList;
}

/** A partner's answer to one item: its code and label, comment, evidence, and the status it has (published or not yet). */
export interface GivenAnswer {
  code: string;
  label: string;
  comment: string | null;
  evidence: string[];
  status: FigureStatus;
}

export const answersPath = (dataset: string) => `/data/datasets/${encodeURIComponent(dataset)}/answers`;

/** What the grid reads: every value of the dataset the viewer may read, as the JSON export gives them. */
export const answersQuery = (dataset: string) => `/exports/values?dataset=${encodeURIComponent(dataset)}&format=json`;

/** The dataset's coded variables, in the dataset's order (its checklist). */
export function answerItems(catalog: Catalog, dataset: Dataset): AnswerItem[] {
  return dataset.variables
    .map((code) => catalog.variables.find((v) => v.code === code))
    .filter((v) => v !== undefined)
    .flatMap((variable) => {
      const answers = answersOf(variable);
      return answers ? [{ variable, answers }] : [];
    });
}

/** Whether a dataset collects any coded answer (so that it has a comparison grid). */
export function hasAnswers(catalog: Catalog, dataset: Dataset): boolean {
  return answerItems(catalog, dataset).length > 0;
}

/** The partners a dataset collects from (codes or groups of the partner catalogue), in the order given. */
export function partnersOf(dataset: Dataset & { partners?: string[] }, partners: readonly Partner[]): Partner[] {
  const scope = dataset.partners ?? ['WB6'];
  return partners.filter((p) => scope.includes(p.code) || scope.includes(p.group));
}

/** The partner-level answers to the items (org units' values and breakdowns are not the grid's). */
function itemValues(values: readonly ExportedValue[], items: readonly AnswerItem[]): ExportedValue[] {
  const codes = new Set(items.map((i) => i.variable.code));
  return values.filter((v) => codes.has(v.variable) && !v.org_unit && Object.keys(v.coords).length === 0 && v.value !== null);
}

/** The periods with at least one answer, newest first. */
export function answerPeriods(values: readonly ExportedValue[], items: readonly AnswerItem[]): string[] {
  return [...new Set(itemValues(values, items).map((v) => v.period))].sort((a, b) => b.localeCompare(a));
}

/** The answers of a period by item and partner (`answers.get(item)?.get(partner)`). */
export function answerGrid(
  values: readonly ExportedValue[],
  items: readonly AnswerItem[],
  period: string,
): Map<string, Map<string, GivenAnswer>> {
  const lists = new Map(items.map((i) => [i.variable.code, i.answers]));
  const grid = new Map<string, Map<string, GivenAnswer>>();
  for (const v of itemValues(values, items)) {
    if (v.period !== period) continue;
    const code = String(v.value);
    const row = grid.get(v.variable) ?? new Map<string, GivenAnswer>();
    row.set(v.partner, {
      code,
      label: answerLabel(lists.get(v.variable)!, code),
      comment: v.comment,
      evidence: v.evidence ?? [],
      status: v.status ?? 'published',
    });
    grid.set(v.variable, row);
  }
  return grid;
}

/** Whether a partner has published any answer of the period (the others are marked "not published"). */
export function hasPublished(grid: Map<string, Map<string, GivenAnswer>>, partner: string): boolean {
  return [...grid.values()].some((row) => row.get(partner)?.status === 'published');
}
