// The texts of a notification in a reader's language. A notification is stored with keys of the
// `notifications` namespace and their parameters, and rendered when it is read (the bell) or
// e-mailed, in the language of the one reading it: a user who changes language sees their older
// notifications in the new one too, and one notification to many users needs no copy per
// language. The English rendering is stored beside (title, body) for whatever reads the rows.
import { translator, type TextParams } from '../i18n/index.js';
import { FORMAT_LOCALES, type Locale } from '../locales.js';

/** A figure written as the reader's language writes numbers, with its unit ('1,234.5 persons', '12,5 %'). */
export interface FigureParam {
  figure: number;
  unit: string;
  /** At most this many decimals; 1 unless given. */
  decimals?: number;
}

export type NotificationParams = Record<string, string | number | FigureParam | null>;

/** Keys under `notifications:` for the title and, unless the body is the writer's own text, the body. */
export interface NotificationTexts {
  title: string;
  body?: string;
  params?: NotificationParams;
}

function figure(locale: Locale, { figure: value, unit, decimals }: FigureParam): string {
  const text = new Intl.NumberFormat(FORMAT_LOCALES[locale], { maximumFractionDigits: decimals ?? 1 }).format(value);
  return `${text}${unit === '%' ? ' %' : unit ? ` ${unit}` : ''}`;
}

function renderParams(locale: Locale, params: NotificationParams | undefined): TextParams {
  const out: TextParams = {};
  for (const [name, value] of Object.entries(params ?? {}))
    out[name] = value !== null && typeof value === 'object' ? figure(locale, value) : value;
  return out;
}

/**
 * The title and body in the language; without keys (a notification written as plain text) the
 * stored ones. A key no longer known shows the stored English rather than the key.
 */
export function renderNotificationTexts(
  stored: { title: string; body: string; texts_json: string | null },
  locale: Locale,
): { title: string; body: string } {
  if (!stored.texts_json) return { title: stored.title, body: stored.body };
  const texts = JSON.parse(stored.texts_json) as NotificationTexts;
  const tr = translator(locale);
  const params = renderParams(locale, texts.params);
  return {
    title: tr.t(`notifications:${texts.title}`, { ...params, defaultValue: stored.title }),
    body: texts.body ? tr.t(`notifications:${texts.body}`, { ...params, defaultValue: stored.body }) : stored.body,
  };
}
