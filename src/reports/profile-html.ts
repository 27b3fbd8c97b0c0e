// The partner profile as a self-contained printable page (A4, styles inline, no script): served as
// HTML and printed to PDF from the same text, in the language asked for. Every text is escaped.
import { escapeHtml } from '../platform/html.js';
import { translator, type Translator } from '../platform/i18n/index.js';
import { FORMAT_LOCALES, type Locale } from '../platform/locales.js';
import { REGION_SIZE } from '../statistics/catalog.js';
import type { FigureRow, FiguresBlock, PartnerProfile } from './profile.schema.js';

const STYLE = `
body { font: 10.5pt/1.45 "DejaVu Sans", "Noto Sans", system-ui, sans-serif; color: #1b1b1b; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; } h2 { border-bottom: 2px solid #034ea2; padding-bottom: .2rem; margin-top: 1.6rem; font-size: 1.2rem; }
.meta, .source { color: #4a4a4a; font-size: 9pt; } table { width: 100%; border-collapse: collapse; margin: .4rem 0 .6rem; }
th, td { text-align: left; vertical-align: top; border: 1px solid #bbb; padding: .25rem .4rem; } th { background: #eef3fa; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; } .better { color: #1b5e20; } .worse { color: #8e1c1c; }
.none { color: #4a4a4a; font-style: italic; } footer { margin-top: 2rem; font-size: 8.5pt; color: #4a4a4a; }
@page { size: A4; margin: 15mm; } @media print { body { margin: 0; max-width: none; } }
`;

/** A figure as the language writes numbers (at most two decimals); percentages with their sign. */
function number(locale: Locale, value: number | null, unit: string): string {
  if (value === null) return '—';
  const text = new Intl.NumberFormat(FORMAT_LOCALES[locale], { maximumFractionDigits: 2 }).format(value);
  return unit === '%' ? `${text} %` : text;
}

/** The median cell: the median and whom it covers, or why there is none (the statistics' reason, in the language). */
function medianCell(tr: Translator, r: FigureRow): string {
  const e = escapeHtml;
  if (r.median !== null)
    return `${e(number(tr.locale, r.median, r.unit))} <span class="meta">(${e(tr.t('documents:profile.coverage', { members: r.members, count: REGION_SIZE }))})</span>`;
  const reason = r.medianReason
    ? tr.t('documents:profile.no_median_coverage', { members: r.members, count: REGION_SIZE, required: r.required })
    : tr.t('documents:profile.no_median');
  return `<span class="none">${e(reason)}</span>`;
}

function figures(tr: Translator, block: FiguresBlock, partnerName: string): string {
  const e = escapeHtml;
  const l = tr.locale;
  const th = (key: string) => `<th scope="col">${e(tr.t(`documents:profile.${key}`))}</th>`;
  const row = (r: FigureRow) =>
    `<tr><th scope="row">${e(r.label)}${r.unit && r.unit !== '%' ? ` <span class="meta">(${e(r.unit)})</span>` : ''}</th>` +
    `<td>${e(r.period)}</td><td class="num">${e(number(l, r.value, r.unit))}${r.revised ? ` <span class="meta">${e(tr.t('documents:profile.revised'))}</span>` : ''}</td>` +
    `<td class="num">${medianCell(tr, r)}</td>` +
    `<td class="${r.position ?? ''}">${r.position ? e(tr.t(`documents:profile.position.${r.position}`)) : '—'}</td></tr>`;
  const body = block.rows.length
    ? `<table><thead><tr>${th('indicator')}${th('period')}<th scope="col">${e(partnerName)}</th>${th('median')}${th('position_heading')}</tr></thead><tbody>` +
      block.rows.map(row).join('') +
      '</tbody></table>'
    : `<p class="none">${e(tr.t('documents:profile.no_figures'))}</p>`;
  const source = [
    block.sources.length ? e(tr.t('documents:profile.source', { sources: block.sources.join('; ') })) : '',
    e(
      block.releasedAt
        ? tr.t('documents:profile.last_release', { date: tr.date(block.releasedAt) })
        : tr.t('documents:profile.not_released'),
    ),
  ]
    .filter(Boolean)
    .join(' ');
  const title = tr.t(`documents:profile.domain.${block.domain}`, { defaultValue: block.title });
  return `<section><h2>${e(title)}</h2>${body}<p class="source">${source}</p></section>`;
}

function counts(tr: Translator, title: string, part: PartnerProfile['commitments']['plans']): string {
  const e = escapeHtml;
  if (part.total === 0) return `<section><h2>${e(title)}</h2><p class="none">${e(tr.t('documents:profile.none_recorded'))}</p></section>`;
  const label = (k: string) =>
    k === 'none' ? tr.t('documents:profile.not_reported') : tr.t(`documents:progress.${k}`, { defaultValue: k.replace(/_/g, ' ') });
  const list = (c: Record<string, number>) =>
    Object.entries(c)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, n]) => `<li>${e(label(k))}: ${e(tr.number(n))}</li>`)
      .join('');
  const summary = tr.t('documents:profile.commitments_summary', { count: part.total, plans: part.plans.join('; '), overdue: part.overdue });
  return (
    `<section><h2>${e(title)}</h2><p>${e(summary)}</p>` +
    `<table><thead><tr><th scope="col">${e(tr.t('documents:profile.latest_status'))}</th><th scope="col">${e(tr.t('documents:profile.latest_assessment'))}</th></tr></thead>` +
    `<tbody><tr><td><ul>${list(part.byStatus)}</ul></td><td><ul>${list(part.byAssessment)}</ul></td></tr></tbody></table>` +
    `<p class="source">${e(tr.t('documents:profile.commitments_source'))}</p></section>`
  );
}

/**
 * The page in the language asked for (its fixed texts, numbers and dates; the catalogue's labels and
 * the partner's name as the catalogue gives them); `nonce` is the CSP nonce of the inline style when
 * served as HTML ('' when printed).
 */
export function renderProfile(profile: PartnerProfile, nonce: string, locale: Locale = 'en'): string {
  const e = escapeHtml;
  const tr = translator(locale);
  const name = profile.partner.footnote ? `${profile.partner.name}*` : profile.partner.name;
  const footnote = profile.partner.footnote ? `<p>* ${e(tr.t('documents:kosovo_designation'))}</p>` : '';
  return `<!doctype html>
<html lang="${e(locale)}"><head><meta charset="utf-8"><title>${e(tr.t('documents:profile.title', { partner: profile.partner.name }))}</title>
<style nonce="${e(nonce)}">${STYLE}</style></head>
<body><main>
<h1>${e(name)}</h1>
<p class="meta">${e(tr.t('documents:profile.intro', { date: tr.date(profile.generatedAt) }))}</p>
${profile.figures.map((b) => figures(tr, b, profile.partner.name)).join('\n')}
${counts(tr, tr.t('documents:profile.plans'), profile.commitments.plans)}
${counts(tr, tr.t('documents:profile.recommendations'), profile.commitments.recommendations)}
</main>
<footer>${footnote}<p>${e(tr.t('documents:profile.medians_note'))}</p></footer>
</body></html>`;
}
