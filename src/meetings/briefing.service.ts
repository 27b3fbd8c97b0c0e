// The briefing book of a delegation, generated on demand, as of its meeting: for each agenda item
// the values of its linked indicators as published by the meeting's start (now, for a meeting still
// to come) for the periods that had ended by then (the partner's own trend and the regional median),
// and the status of the partner's commitments in the linked plans as it stood then. Apart from those,
// for a meeting that has begun, the partner's latest figure published since ("since then"). Also as a
// printable document.
import type { Db } from '../platform/db/database.js';
import { ForbiddenError, ValidationError } from '../platform/errors.js';
import { partnerCommitments } from '../commitments/views.service.js';
import type { Catalog } from '../statistics/catalog.js';
import { indicatorValues, type IndicatorAnswer } from '../statistics/indicators.service.js';
import { comparePeriods, endedBefore, lastEndedBefore } from '../statistics/periods.js';
import type { Viewer } from '../platform/viewer.js';
import { escapeHtml } from '../platform/html.js';
import { translator, type Translator } from '../platform/i18n/index.js';
import { FORMAT_LOCALES, type Locale } from '../platform/locales.js';
import type { BriefingBook, BriefingIndicator } from './briefing.schema.js';
import { briefingAsOf, clock, isOrganiser, meetingDate, PRINT_STYLE } from './meetings.js';
import { getMeeting } from './meetings.service.js';

type Point = NonNullable<BriefingIndicator['latest']>;

/** The partner's own values with a figure, oldest first. */
function ownPoints(answer: IndicatorAnswer, partner: string): Point[] {
  return answer.values
    .filter((v) => v.partner === partner && v.orgUnit === null && v.value !== null)
    .sort((a, b) => comparePeriods(a.period, b.period))
    .map((v) => ({ period: v.period, value: v.value }));
}

/** The newest figure when it is news against the book's latest: a later period, or the same period revised. */
function newerThan(newest: Point | undefined, latest: Point | undefined): Point | null {
  if (!newest) return null;
  if (!latest) return newest;
  const order = comparePeriods(newest.period, latest.period);
  return order > 0 || (order === 0 && newest.value !== latest.value) ? newest : null;
}

/** The briefing book as of the meeting (`now` decides whether it has begun). */
export async function briefingBook(
  db: Db,
  catalog: Catalog,
  viewer: Viewer,
  meetingId: string,
  partner: string | null,
  now = new Date(),
): Promise<BriefingBook> {
  const meeting = await getMeeting(db, viewer, meetingId);
  if (!meeting.can.participate) throw new ForbiddenError("Briefing books are for the meeting's participants.");
  if (partner) {
    if (!meeting.delegations.some((d) => d.partner === partner))
      throw new ValidationError(`partner: ${partner} has no delegation at this meeting.`, { field: 'partner' });
    if (!isOrganiser(viewer) && !(viewer.kind === 'user' && viewer.partner === partner))
      throw new ForbiddenError(`The briefing book of ${partner} is for ${partner}'s delegation and the organisers.`);
  }
  const { asOf, asOfDate, past } = briefingAsOf(meeting.start, meeting.timeZone, now);
  // Deadlines judged on the meeting's day; statuses and assessments as reported by its start.
  const commitments = partner ? await partnerCommitments(db, viewer, partner, asOfDate, asOf) : [];
  const cache = new Map<string, BriefingIndicator>();
  const indicator = async (code: string): Promise<BriefingIndicator> => {
    const hit = cache.get(code);
    if (hit) return hit;
    const types = new Set((catalog.indicators.get(code)?.datasets ?? []).map((d) => catalog.datasets.get(d)?.periodType));
    const [type] = types;
    const to = types.size === 1 && type ? lastEndedBefore(type, asOfDate) : undefined;
    const answer = await indicatorValues(db, catalog, viewer, { code, asOf, publishedOnly: true, ...(to ? { to } : {}) });
    // Only periods that had ended by the meeting's day, whatever the answer holds.
    const own = partner ? ownPoints(answer, partner).filter((p) => endedBefore(p.period, asOfDate)) : [];
    const region = answer.region
      .filter((r) => (r.value !== null || r.median !== null) && endedBefore(r.period, asOfDate))
      .sort((a, b) => comparePeriods(a.period, b.period))
      .at(-1);
    // For a meeting that has begun: what is published now, kept apart from the book's figures.
    const published = past && partner ? ownPoints(await indicatorValues(db, catalog, viewer, { code, publishedOnly: true }), partner) : [];
    const out: BriefingIndicator = {
      code,
      label: answer.indicator.label,
      unit: answer.indicator.unit,
      trend: own.slice(-5),
      latest: own.at(-1) ?? null,
      region: region ? { period: region.period, value: region.value, median: region.median } : null,
      sinceThen: newerThan(published.at(-1), own.at(-1)),
    };
    cache.set(code, out);
    return out;
  };
  const items: BriefingBook['items'] = [];
  for (const session of meeting.sessions) {
    for (const item of session.items) {
      items.push({
        session: session.title,
        item,
        indicators: await Promise.all(item.topics.indicators.map(indicator)),
        commitments: commitments
          .filter((c) => item.topics.plans.includes(c.plan))
          .map((c) => ({
            plan: c.plan,
            planTitle: c.planTitle,
            action: c.action,
            title: c.actionTitle,
            deadline: c.deadline,
            status: c.latest.status,
            assessment: c.latest.assessment,
            overdue: c.overdue,
          })),
        documents: meeting.documents.filter((d) => d.itemId === item.id).map((d) => ({ id: d.id, title: d.title })),
      });
    }
  }
  const { id, title, start, end, timeZone, format, host } = meeting;
  return { meeting: { id, title, start, end, timeZone, format, host }, partner, asOf, asOfDate, past, items };
}

/** A figure as the language writes numbers (at most two decimals), with its unit; a dash for none. */
function fmt(locale: Locale, value: number | null, unit: string): string {
  if (value === null) return '–';
  const text = new Intl.NumberFormat(FORMAT_LOCALES[locale], { maximumFractionDigits: 2 }).format(value);
  return `${text}${unit === '%' ? ' %' : unit ? ` ${unit}` : ''}`;
}

/** "105 % (2021)", escaped; a dash for none. */
function point(locale: Locale, p: Point | null, unit: string): string {
  return p ? `${escapeHtml(fmt(locale, p.value, unit))} (${escapeHtml(p.period)})` : '–';
}

/** The table of an item's indicators: the partner's latest, trend and the region, and what came since. */
function indicatorTable(tr: Translator, book: BriefingBook, indicators: BriefingIndicator[], partnerName: string | null): string {
  const e = escapeHtml;
  const l = tr.locale;
  if (!indicators.length) return '';
  const head =
    `<tr><th>${e(tr.t('documents:briefing.indicator'))}</th><th>${e(tr.t('documents:briefing.latest', { partner: partnerName ?? tr.t('documents:briefing.partner') }))}</th>` +
    `<th>${e(tr.t('documents:briefing.trend'))}</th><th>${e(tr.t('documents:briefing.region'))}</th>` +
    (book.past ? `<th class="since-then">${e(tr.t('documents:briefing.since_then'))}</th>` : '') +
    '</tr>';
  const row = (i: BriefingIndicator) =>
    `<tr><td>${e(i.label)}</td><td>${point(l, i.latest, i.unit)}</td><td>${e(i.trend.map((t) => `${t.period}: ${fmt(l, t.value, i.unit)}`).join(' · ') || '–')}</td>` +
    `<td>${i.region ? e(tr.t('documents:briefing.region_value', { value: fmt(l, i.region.value, i.unit), median: fmt(l, i.region.median, i.unit), period: i.region.period })) : '–'}</td>` +
    (book.past ? `<td class="since-then">${point(l, i.sinceThen, i.unit)}</td>` : '') +
    '</tr>';
  return `<table><thead>${head}</thead><tbody>${indicators.map(row).join('')}</tbody></table>`;
}

/** The table of an item's commitments: deadline (overdue as of the book), status and assessment. */
function commitmentTable(tr: Translator, commitments: BriefingBook['items'][number]['commitments']): string {
  const e = escapeHtml;
  if (!commitments.length) return '';
  const head = ['commitment', 'deadline', 'status', 'assessment'].map((k) => `<th>${e(tr.t(`documents:briefing.${k}`))}</th>`).join('');
  const row = (c: (typeof commitments)[number]) =>
    `<tr><td>${e(c.action)} ${e(c.title)}</td><td>${e(c.deadline ?? '')}${c.overdue ? ` ${e(tr.t('documents:briefing.overdue'))}` : ''}</td>` +
    `<td>${e(c.status ?? tr.t('documents:briefing.not_reported'))}</td><td>${e(c.assessment ?? '–')}</td></tr>`;
  return `<table><thead><tr>${head}</tr></thead><tbody>${commitments.map(row).join('')}</tbody></table>`;
}

/** The printable book in the language asked for; what the organisers and the catalogue wrote stays as written. */
export function briefingHtml(book: BriefingBook, partnerName: string | null, nonce: string, locale: Locale = 'en'): string {
  const e = escapeHtml;
  const tr = translator(locale);
  const m = book.meeting;
  const title = tr.t(partnerName ? 'documents:briefing.title_partner' : 'documents:briefing.title', {
    title: m.title,
    partner: partnerName,
  });
  const heading = tr.t(partnerName ? 'documents:briefing.heading_partner' : 'documents:briefing.heading', { partner: partnerName });
  const host = m.host ? ` · ${e(tr.t('documents:meeting.organised_by', { host: m.host }))}` : '';
  const asOf =
    tr.t('documents:briefing.as_of', { date: meetingDate(tr, book.asOf, m.timeZone) }) +
    (book.past ? ` ${tr.t('documents:briefing.later_apart')}` : '');
  const who = (item: BriefingBook['items'][number]['item']) =>
    item.lead
      ? `<p class="who">${e(tr.t('documents:agenda.lead', { name: item.lead }))}${item.presenters.length ? ` · ${e(tr.t('documents:briefing.presenting', { names: item.presenters.join(', ') }))}` : ''}</p>`
      : '';
  return `<!doctype html><html lang="${e(locale)}"><head><meta charset="utf-8"><title>${e(title)}</title><style nonce="${e(nonce)}">${PRINT_STYLE}</style></head><body>
<h1>${e(heading)}</h1>
<p class="meta">${e(m.title)} · ${e(meetingDate(tr, m.start, m.timeZone))}, ${e(clock(m.start, m.timeZone))}–${e(clock(m.end, m.timeZone))} (${e(m.timeZone)})${host}</p>
<p class="as-of">${e(asOf)}</p>
${book.items
  .map(
    ({
      session,
      item,
      indicators,
      commitments,
      documents,
    }) => `<section class="item"><h2>${e(item.title)} <span class="meta">${e(session)}</span></h2>
${who(item)}${item.description ? `<p>${e(item.description)}</p>` : ''}
${indicatorTable(tr, book, indicators, partnerName)}
${commitmentTable(tr, commitments)}
${documents.length ? `<p class="meta">${e(tr.t('documents:briefing.documents', { titles: documents.map((d) => d.title).join('; ') }))}</p>` : ''}</section>`,
  )
  .join('\n')}
</body></html>`;
}
