// The partner profile as a self-contained printable page (A4, styles inline, no script): served as
// HTML and printed to PDF from the same text. Every text is escaped.
import { escapeHtml } from '../platform/html.js';
import type { FiguresBlock, PartnerProfile } from './profile.schema.js';

const STYLE = `
body { font: 10.5pt/1.45 "DejaVu Sans", "Noto Sans", system-ui, sans-serif; color: #1b1b1b; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; } h2 { border-bottom: 2px solid #034ea2; padding-bottom: .2rem; margin-top: 1.6rem; font-size: 1.2rem; }
.meta, .source { color: #4a4a4a; font-size: 9pt; } table { width: 100%; border-collapse: collapse; margin: .4rem 0 .6rem; }
th, td { text-align: left; vertical-align: top; border: 1px solid #bbb; padding: .25rem .4rem; } th { background: #eef3fa; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; } .better { color: #1b5e20; } .worse { color: #8e1c1c; }
.none { color: #4a4a4a; font-style: italic; } footer { margin-top: 2rem; font-size: 8.5pt; color: #4a4a4a; }
@page { size: A4; margin: 15mm; } @media print { body { margin: 0; max-width: none; } }
`;

const POSITION: Record<string, string> = { better: 'better than the median', worse: 'worse than the median', at_median: 'at the median' };

function number(value: number | null, unit: string): string {
  if (value === null) return '—';
  const text = value.toLocaleString('en-GB', { maximumFractionDigits: 2 });
  return unit === '%' ? `${text} %` : text;
}

function figures(block: FiguresBlock, partnerName: string): string {
  const e = escapeHtml;
  const body = block.rows.length
    ? `<table><thead><tr><th scope="col">Indicator</th><th scope="col">Period</th><th scope="col">${e(partnerName)}</th>` +
      `<th scope="col">Regional median</th><th scope="col">Position</th></tr></thead><tbody>` +
      block.rows
        .map(
          (r) =>
            `<tr><th scope="row">${e(r.label)}${r.unit && r.unit !== '%' ? ` <span class="meta">(${e(r.unit)})</span>` : ''}</th>` +
            `<td>${e(r.period)}</td><td class="num">${e(number(r.value, r.unit))}${r.revised ? ' <span class="meta">(revised)</span>' : ''}</td>` +
            `<td class="num">${r.median === null ? `<span class="none">${e(r.medianReason ?? 'no median')}</span>` : `${e(number(r.median, r.unit))} <span class="meta">(${r.members} of 6 partners)</span>`}</td>` +
            `<td class="${r.position ?? ''}">${r.position ? e(POSITION[r.position]!) : '—'}</td></tr>`,
        )
        .join('') +
      '</tbody></table>'
    : '<p class="none">No published figures yet.</p>';
  const source = [
    block.sources.length ? `Source: ${block.sources.map(e).join('; ')}.` : '',
    block.releasedAt ? `Last release: ${e(block.releasedAt.slice(0, 10))}.` : 'Not released yet.',
  ]
    .filter(Boolean)
    .join(' ');
  return `<section><h2>${e(block.title)}</h2>${body}<p class="source">${source}</p></section>`;
}

function counts(title: string, part: PartnerProfile['commitments']['plans']): string {
  const e = escapeHtml;
  if (part.total === 0) return `<section><h2>${e(title)}</h2><p class="none">None recorded.</p></section>`;
  const list = (c: Record<string, number>) =>
    Object.entries(c)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, n]) => `<li>${e(k === 'none' ? 'not reported' : k.replace(/_/g, ' '))}: ${n}</li>`)
      .join('');
  return (
    `<section><h2>${e(title)}</h2><p>${part.total} commitments in ${part.plans.map(e).join('; ')}; ${part.overdue} past their deadline.</p>` +
    `<table><thead><tr><th scope="col">Latest reported status</th><th scope="col">Latest assessment</th></tr></thead>` +
    `<tbody><tr><td><ul>${list(part.byStatus)}</ul></td><td><ul>${list(part.byAssessment)}</ul></td></tr></tbody></table>` +
    `<p class="source">Source: progress reports and the Commission’s assessments published in JHA Hub.</p></section>`
  );
}

/** The page; `nonce` is the CSP nonce of the inline style when served as HTML ('' when printed). */
export function renderProfile(profile: PartnerProfile, nonce: string): string {
  const e = escapeHtml;
  const name = profile.partner.footnote ? `${profile.partner.name}*` : profile.partner.name;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(profile.partner.name)} — partner profile — JHA Hub</title>
<style nonce="${e(nonce)}">${STYLE}</style></head>
<body><main>
<h1>${e(name)}</h1>
<p class="meta">Partner profile of the EU–Western Balkans cooperation on Justice and Home Affairs, published figures as of ${e(profile.generatedAt.slice(0, 10))}.</p>
${profile.figures.map((b) => figures(b, profile.partner.name)).join('\n')}
${counts('Action plans and roadmaps', profile.commitments.plans)}
${counts('Rule of law recommendations', profile.commitments.recommendations)}
</main>
<footer>${profile.partner.footnote ? `<p>* ${e(profile.partner.footnote)}</p>` : ''}<p>Medians are over the Western Balkan partners that published figures for the period; none is shown below the indicator’s coverage.</p></footer>
</body></html>`;
}
