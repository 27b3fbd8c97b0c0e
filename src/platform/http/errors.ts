// Renders every error as { error: { code, message, details } }, the message in the caller's
// language where its text is translated (platform/i18n/messages.ts); unknown errors become a 500
// without internals, logged with the request id.
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, ConflictError, word, type MessageText } from '../errors.js';
import { renderError, renderText } from '../i18n/messages.js';
import type { Locale } from '../locales.js';

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function fieldOf(issue: ValidationIssue, context: string | undefined): string {
  const path = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const missing = issue.params?.missingProperty ?? issue.params?.requiredProperties;
  const extra = issue.params?.additionalProperty;
  const leaf = typeof missing === 'string' ? missing : Array.isArray(missing) ? String(missing[0]) : typeof extra === 'string' ? extra : '';
  const name = [path, leaf].filter(Boolean).join('.');
  return name || context || 'body';
}

/** The schema validator's finding in words a person acts on ("needs at least 1 item" rather than "must NOT have fewer than 1 items"). */
function plainMessage(issue: ValidationIssue & { keyword?: string }): string {
  const p = issue.params ?? {};
  switch (issue.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a field of this request';
    case 'minItems':
      return `needs at least ${p.limit} item${p.limit === 1 ? '' : 's'}`;
    case 'maxItems':
      return `takes at most ${p.limit} items`;
    case 'minLength':
      return `needs at least ${p.limit} character${p.limit === 1 ? '' : 's'}`;
    case 'maxLength':
      return `is longer than ${p.limit} characters`;
    case 'minimum':
      return `must be at least ${p.limit}`;
    case 'maximum':
      return `must be at most ${p.limit}`;
    case 'type':
      return `must be ${/^[aeiou]/.test(String(p.type)) ? 'an' : 'a'} ${p.type}`;
    case 'pattern':
      return 'does not have the expected form';
    case 'format':
      return `must be a valid ${p.format}`;
    default:
      return issue.message ?? 'is invalid';
  }
}

/** The validator's finding as a text of messages.json (schema.<keyword>), for the languages other than English. */
function issueText(issue: ValidationIssue & { keyword?: string }): MessageText {
  const p = issue.params ?? {};
  const limit = typeof p.limit === 'number' ? p.limit : undefined;
  return {
    key: `schema.${issue.keyword ?? 'invalid'}`,
    params: { limit, count: limit, type: word(`schema.types.${String(p.type)}`, String(p.type)), format: String(p.format) },
  };
}

function issueMessage(issue: ValidationIssue & { keyword?: string }, locale: Locale): string {
  return (locale === 'en' ? null : renderText(issueText(issue), locale)) ?? plainMessage(issue);
}

/** A text of the error handler itself in the caller's language, else the English given. */
function own(locale: Locale, english: string, key: string, params?: MessageText['params']): string {
  return (locale === 'en' ? null : renderText({ key, params }, locale)) ?? english;
}

/**
 * Database errors that mean "another request got there first": a unique key taken between this
 * request's check and its insert, or (PostgreSQL) a serialisation failure or deadlock. The
 * transaction was rolled back, so nothing was half-written; the caller may simply retry.
 */
const CONCURRENT_WRITE = new Set(['23505', '40001', '40P01', 'SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_BUSY']);

function isConcurrentWrite(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && CONCURRENT_WRITE.has(code);
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (isConcurrentWrite(error)) {
      request.log.warn({ err: error }, 'concurrent write refused');
      error = new ConflictError(
        'Someone else changed the same data at the same moment; nothing of this request was stored. Reload and try again.',
        undefined,
        { key: 'errors.concurrent_write' },
      );
    }
    const locale = request.locale;
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      const { message, details } = renderError(error, locale);
      return reply
        .status(error.status)
        .headers(error.headers)
        .send({ error: { code: error.code, message, details: details ?? null } });
    }
    const fastifyError = error as FastifyError & { validation?: ValidationIssue[]; validationContext?: string };
    if (fastifyError.validation) {
      const issues = fastifyError.validation.map((v) => ({
        field: fieldOf(v, fastifyError.validationContext),
        message: issueMessage(v, locale),
      }));
      const first = issues[0]!;
      return reply.status(400).send({ error: { code: 'validation_failed', message: `${first.field}: ${first.message}`, details: issues } });
    }
    const status = fastifyError.statusCode;
    if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const limit = request.routeOptions.bodyLimit ?? 0;
      const mb = Math.round((limit / (1024 * 1024)) * 10) / 10;
      return reply.status(413).send({
        error: {
          code: 'body_too_large',
          message: own(locale, `The upload is larger than the limit of ${mb} MB; nothing was stored.`, 'errors.body_too_large', { mb }),
          details: { limitBytes: limit },
        },
      });
    }
    if (status && status >= 400 && status < 500) {
      const code = (fastifyError.code ?? 'bad_request').replace(/^FST_ERR_/, '').toLowerCase();
      return reply.status(status).send({ error: { code, message: fastifyError.message, details: null } });
    }
    request.log.error({ err: error, reqId: request.id }, 'unexpected error');
    return reply.status(500).send({
      error: {
        code: 'internal_error',
        message: own(
          locale,
          `Something went wrong on our side; the error was logged with request id ${request.id}.`,
          'errors.internal_error',
          { requestId: request.id },
        ),
        details: { requestId: request.id },
      },
    });
  });
}

export function registerNotFoundHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    reply
      .status(404)
      .send({ error: { code: 'not_found', message: noRoute(request.locale, request.method, request.url.split('?')[0]!), details: null } });
  });
}

function noRoute(locale: Locale, method: string, path: string): string {
  return own(locale, `No route ${method} ${path}.`, 'errors.no_route', { method, path });
}
