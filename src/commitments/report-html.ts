// The printable progress report of a round: a self-contained HTML page with print styles (A4,
// one partner per page), built from the same rows as the CSV export. Every text is escaped.
import { escapeHtml } from '../platform/html.js';
import { ASSESSMENT_LABELS, STATUS_LABELS, type Assessment, type ProgressStatus } from './progress.js';
import type { ReportSummary, RoundView } from './progress.schema.js';
import type { RoundRow } from './rounds.service.js';

const STYLE = `
body { font: 11pt/1.4 system-ui, sans-serif; color: #1b1b1b; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { border-bottom: 2px solid #034ea2; padding-bottom: .2rem; margin-top: 2rem; }
.meta { color: #555; } table { width: 100%; border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; border: 1px solid #ccc; padding: .3rem .4rem; font-size: 10pt; }
th { background: #eef3fa; } .level { font-weight: 600; white-space: nowrap; } .none { color: #888; font-style: italic; }
.l0 { background: #fbe3e3; } .l1 { background: #fdeede; } .l2 { background: #fdf6d8; } .l3 { background: #e6f4e4; } .l4 { background: #cfead0; }
@page { size: A4; margin: 15mm; }
@media print { body { margin: 0; max-width: none; } section.partner { break-before: page; } section.partner:first-of-type { break-before: auto; } a { color: inherit; text-decoration: none; } .noprint { display: none; } }
`;

const REPORT_STATUS: Record<ReportSummary['status'], string> = {
  draft: 'Not reported',
  returned: 'Not reported',
  submitted: 'Awaiting assessment',
  assessed: 'Assessed',
  not_published: 'Not published',
};

export function renderRoundReport(round: RoundView, rows: RoundRow[], nonce: string, generatedAt = new Date()): string {
  const e = escapeHtml;
  const partners = round.reports.map((r) => r.partner);
  const sections = partners
    .map((partner) => {
      const mine = rows.filter((r) => r.partner === partner);
      const summary = round.reports.find((r) => r.partner === partner)!;
      const body =
        mine.length === 0
          ? `<p class="none">${e(REPORT_STATUS[summary.status])}: the content of this report is not visible to you.</p>`
          : `<table><thead><tr><th>Action</th><th>Deadline</th><th>Status and narrative</th><th>Evidence</th><th>Assessment</th></tr></thead><tbody>${mine
              .map((r) => {
                const score = r.assessment ? Object.keys(ASSESSMENT_LABELS).indexOf(r.assessment) : -1;
                return (
                  `<tr><td><strong>${e(r.action)}</strong> ${e(r.action_title)}</td><td>${e(r.deadline)}</td>` +
                  `<td>${r.status ? `<span class="level">${e(STATUS_LABELS[r.status as ProgressStatus] ?? r.status)}</span><br>` : '<span class="none">no status</span><br>'}${e(r.narrative)}</td>` +
                  `<td>${e(r.evidence)}</td>` +
                  `<td class="${score >= 0 ? `l${score}` : ''}">${r.assessment ? `<span class="level">${e(ASSESSMENT_LABELS[r.assessment as Assessment] ?? r.assessment)}</span><br>${e(r.assessment_comment)}` : '<span class="none">not assessed</span>'}</td></tr>`
                );
              })
              .join('')}</tbody></table>`;
      return `<section class="partner"><h2>${e(partner)} <small class="meta">${e(REPORT_STATUS[summary.status])}</small></h2>${body}</section>`;
    })
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${e(round.title)} – ${e(round.planTitle)}</title><style nonce="${e(nonce)}">${STYLE}</style></head><body>
<h1>${e(round.title)}</h1>
<p class="meta">${e(round.planTitle)} · reporting period ${e(round.periodStart)} to ${e(round.periodEnd)} · due ${e(round.dueDate)} · ${round.status === 'published' ? `published ${e((round.publishedAt ?? '').slice(0, 10))}` : 'not yet published'}</p>
<p class="meta">Generated ${e(generatedAt.toISOString().slice(0, 16).replace('T', ' '))} UTC by JHA Hub.</p>
${sections}
</body></html>`;
}
