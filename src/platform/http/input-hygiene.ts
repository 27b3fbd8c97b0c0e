// Input hygiene in one place, before any route sees a request: JSON nested deeper than a bound is
// refused before it is parsed (a deep array would exhaust the stack), and no text in a JSON body,
// the query or the path may hold NUL or other control characters (tab, line feed and carriage
// return excepted) — PostgreSQL cannot store NUL and SQLite would keep it silently, so both refuse
// it alike, dry runs included. Each refusal is a 400 naming the field. Files are checked by their
// parsers; uploadedText() gives those that read a file whole its text, checked the same way.
import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../errors.js';

/** Deeper JSON than this is no request any route takes. */
export const MAX_JSON_DEPTH = 64;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** The depth of a JSON text's nesting, counted without parsing (brackets inside strings do not count). */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i += 1; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth += 1;
      if (depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === 125 || c === 93) depth -= 1;
  }
  return max;
}

/**
 * The first key that appears twice in one object of a JSON text, with its line (1-based), or null.
 * The text must be valid JSON (JSON.parse took it); keys are compared unescaped ("d\u0061ta" is "data").
 */
export function duplicateJsonKey(text: string): { key: string; line: number } | null {
  // One frame per open object (the keys seen, and whether the next text is a key) or array (null).
  const frames: ({ keys: Set<string>; expectKey: boolean } | null)[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 10) line += 1;
    else if (c === 123) frames.push({ keys: new Set(), expectKey: true });
    else if (c === 91) frames.push(null);
    else if (c === 125 || c === 93) frames.pop();
    else if (c === 44 || c === 58) {
      const top = frames[frames.length - 1];
      if (top) top.expectKey = c === 44;
    } else if (c === 34) {
      const start = i;
      let escaped = false;
      for (i += 1; i < text.length && text.charCodeAt(i) !== 34; i += 1)
        if (text.charCodeAt(i) === 92) {
          escaped = true;
          i += 1; // the escaped character
        }
      const top = frames[frames.length - 1];
      if (!top?.expectKey) continue;
      const key = escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : text.slice(start + 1, i);
      if (top.keys.has(key)) return { key, line };
      top.keys.add(key);
    }
  }
  return null;
}

/**
 * The text of an uploaded file that is read whole (an org-unit CSV): UTF-8, a leading BOM dropped,
 * without NUL or other control characters (tab, line feed and carriage return excepted). Refused
 * with a 400 naming the line otherwise, before any parser or database sees it.
 */
export function uploadedText(bytes: Buffer, what = 'The CSV file'): string {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    // Only on the way to the refusal: the first line that does not decode (no UTF-8 sequence holds a line feed).
    let line = 1;
    for (let start = 0; start < bytes.length; line += 1) {
      let end = bytes.indexOf(10, start);
      if (end < 0) end = bytes.length;
      try {
        decoder.decode(bytes.subarray(start, end));
      } catch {
        break;
      }
      start = end + 1;
    }
    throw new ValidationError(`${what} is not valid UTF-8 at line ${line}; save it as UTF-8 (in Excel: "CSV UTF-8").`, { line });
  }
  const control = CONTROL.exec(text);
  if (control) {
    const line = text.slice(0, control.index).split('\n').length;
    const message = `${what} holds a control character (such as NUL) at line ${line}; such characters are not accepted in text.`;
    throw new ValidationError(message, { line });
  }
  return text;
}

/**
 * The longest text any field of a JSON body, query or path may hold (some 25 pages); routes set
 * tighter limits in their schemas. Files are read by their parsers, with limits of their own.
 */
export const MAX_TEXT_LENGTH = 100_000;

export type TextProblem = { field: string; problem: 'control' | 'length' };

/** The first text holding a control character or longer than MAX_TEXT_LENGTH, or null. */
export function textProblemAt(value: unknown, path: string, seen = 0): TextProblem | null {
  if (typeof value === 'string') {
    if (CONTROL.test(value)) return { field: path, problem: 'control' };
    return value.length > MAX_TEXT_LENGTH ? { field: path, problem: 'length' } : null;
  }
  if (value === null || typeof value !== 'object' || seen > MAX_JSON_DEPTH) return null;
  // Only what a JSON body parses to: a streamed upload (an IncomingMessage) is no text to walk.
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const hit = textProblemAt(value[i], `${path}[${i}]`, seen + 1);
      if (hit) return hit;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    const key = path ? `${path}.${k.replace(CONTROL, '?').slice(0, 100)}` : k.replace(CONTROL, '?').slice(0, 100);
    if (CONTROL.test(k)) return { field: key, problem: 'control' };
    if (k.length > MAX_TEXT_LENGTH) return { field: key, problem: 'length' };
    const hit = textProblemAt(v, key, seen + 1);
    if (hit) return hit;
  }
  return null;
}

export function registerInputHygiene(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      done(new ValidationError(`body: JSON nested deeper than ${MAX_JSON_DEPTH} levels is not accepted.`, { field: 'body' }), undefined);
      return;
    }
    parseJson(request, text, done);
  });
  app.addHook('preValidation', async (request) => {
    for (const [where, value] of [
      ['params', request.params],
      ['query', request.query],
      ['body', request.body],
    ] as const) {
      if (where === 'body' && (Buffer.isBuffer(value) || typeof value === 'string')) continue; // files are checked by their parsers
      const hit = textProblemAt(value, '');
      if (hit === null) continue;
      const field = hit.field || where;
      throw new ValidationError(
        hit.problem === 'control'
          ? `${field}: control characters (such as NUL) are not accepted in text.`
          : `${field}: is longer than ${MAX_TEXT_LENGTH} characters.`,
        { field },
      );
    }
  });
}
