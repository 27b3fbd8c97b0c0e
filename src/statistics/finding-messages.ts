// A submission's validation findings in the reader's language. Findings are stored with their
// English message (validation.ts); when read, a rule's message comes from the catalogue's
// translations (catalogs/i18n, validation_rules) and the platform's own checks (outliers, totals)
// from locales/<lang>/messages.json (findings.*), from the details stored with the finding.
import { renderText } from '../platform/i18n/messages.js';
import { translator } from '../platform/i18n/index.js';
import type { Locale } from '../platform/locales.js';
import type { Catalog } from './catalog.js';
import { catalogIn } from './catalog-i18n.js';

/** What of a stored finding its message is made from. */
export interface FindingText {
  kind: string;
  ruleCode: string;
  coords: Record<string, string>;
  message: string;
  details: unknown;
}

const NOT_CHECKED = ' (cannot be checked: a value is missing)';

/** The finding's message in the language; the stored English one for English, or when the language lacks a text. */
export function findingMessage(catalog: Catalog, finding: FindingText, locale: Locale): string {
  if (locale === 'en') return finding.message;
  const local = catalogIn(catalog, locale);
  const d = (finding.details ?? {}) as Record<string, unknown>;
  const variable = typeof d.variable === 'string' ? local.variables.get(d.variable) : undefined;
  const number = (value: unknown, decimals?: number) => (typeof value === 'number' ? translator(locale).number(value, decimals) : '');
  switch (finding.kind) {
    case 'rule': {
      const rule = local.rules.find((r) => r.code === finding.ruleCode);
      if (!rule) return finding.message;
      if (!finding.message.endsWith(NOT_CHECKED)) return rule.message;
      return renderText({ key: 'findings.not_checked', params: { message: rule.message } }, locale) ?? finding.message;
    }
    case 'outlier_change':
      if (!variable || variable.maxChange === null) return finding.message;
      return (
        renderText(
          {
            key: 'findings.outlier_change',
            params: { variable: variable.label, change: number(Number(d.change) * 100, 1), max: number(variable.maxChange * 100, 0) },
          },
          locale,
        ) ?? finding.message
      );
    case 'outlier_zscore':
      if (!variable || variable.maxZScore === null) return finding.message;
      return (
        renderText(
          {
            key: 'findings.outlier_zscore',
            params: { variable: variable.label, zScore: number(d.zScore, 1), max: number(variable.maxZScore) },
          },
          locale,
        ) ?? finding.message
      );
    case 'total_mismatch': {
      if (!variable) return finding.message;
      const where = Object.entries(finding.coords)
        .map(([dim, code]) => `${dim} ${code}`)
        .join(', ');
      return (
        renderText(
          {
            key: 'findings.total_mismatch',
            params: {
              variable: variable.label,
              where: where ? ` (${where})` : '',
              given: number(d.given),
              fromBreakdown: number(d.fromBreakdown),
            },
          },
          locale,
        ) ?? finding.message
      );
    }
    default:
      return finding.message;
  }
}
