// Error messages in the reader's language: an error that names its text (errors.ts, `text`) is
// rendered from locales/<lang>/messages.json when the language has that text, and keeps its
// English message otherwise. English answers are always the message as the code wrote it, so
// what English-speaking clients read never depends on the files.
import { AppError, ProblemsError, type ErrorDetails, type MessageText } from '../errors.js';
import type { Locale } from '../locales.js';
import { translator, type TextParams, type Translator } from './index.js';

const NS = 'messages:';

/** The parameters with their translated words (a status, an entity) in the language, English where it lacks them. */
function paramsIn(t: Translator, params: MessageText['params']): TextParams {
  const out: TextParams = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    if (value !== null && typeof value === 'object') out[name] = t.has(NS + value.key) ? t.t(NS + value.key) : value.english;
    else out[name] = value;
  }
  return out;
}

/** The text in the language, or null when the language does not have it (then the English message is meant). */
export function renderText(text: MessageText | undefined, locale: Locale): string | null {
  if (!text) return null;
  const t = translator(locale);
  const params = paramsIn(t, text.params);
  return t.has(NS + text.key, params) ? t.t(NS + text.key, params) : null;
}

/** The message and details of an error answer in the reader's language; `code` never changes. */
export function renderError(error: AppError, locale: Locale): { message: string; details: ErrorDetails } {
  if (locale === 'en') return { message: error.message, details: error.details };
  if (error instanceof ProblemsError) return renderProblems(error, locale);
  return { message: renderText(error.text, locale) ?? error.message, details: error.details };
}

/** Each problem's message in the language, then the summary with the first problems in it. */
function renderProblems(error: ProblemsError, locale: Locale): { message: string; details: ErrorDetails } {
  const t = translator(locale);
  const problems = (error.details as Record<string, unknown>[]).map((problem, i) => ({
    ...problem,
    message: renderText(error.problemTexts[i], locale) ?? String(problem.message),
  }));
  const lines = problems
    .slice(0, error.line.shown)
    .map((problem) => t.t(NS + error.line.key, { ...paramsIn(t, error.line.params), ...scalars(problem) }));
  const summary = error.text && {
    key: error.text.key,
    params: { ...error.text.params, problems: lines.join('; '), more: problems.length > error.line.shown ? '; …' : '' },
  };
  return { message: renderText(summary, locale) ?? error.message, details: problems };
}

function scalars(problem: Record<string, unknown>): TextParams {
  const out: TextParams = {};
  for (const [name, value] of Object.entries(problem)) if (typeof value === 'string' || typeof value === 'number') out[name] = value;
  return out;
}
