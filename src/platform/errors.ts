// The one error hierarchy of JHA Hub: every error a person may see has a stable `code`, an HTTP
// status and a message they can act on. The HTTP layer renders them as { error: { code, message, details } },
// the message in the reader's language when the error names its text (`text`, a key of
// locales/<lang>/messages.json) and the language has it; the English message otherwise.

export type ErrorDetails = Record<string, unknown> | unknown[] | undefined;

/** A parameter of a message: a value, or a word that is itself translated (a status, an entity), with its English form. */
export type MessageParam = string | number | null | undefined | { key: string; english: string };

/** A message's stable key in locales/<lang>/messages.json and its parameters. */
export interface MessageText {
  key: string;
  params?: Record<string, MessageParam>;
}

/** A word that is translated inside a message (`messages:<key>`), English when the language lacks it. */
export function word(key: string, english: string): MessageParam {
  return { key, english };
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: ErrorDetails;
  readonly headers: Record<string, string>;
  /** The message's key and parameters, to render it in the reader's language; without it the message is English. */
  text: MessageText | undefined;

  constructor(code: string, status: number, message: string, details?: ErrorDetails, headers: Record<string, string> = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.details = details;
    this.headers = headers;
  }

  /** Names the message's text (its English form stays `message`). */
  withText(key: string, params?: MessageText['params']): this {
    this.text = { key, params };
    return this;
  }
}

/** Input that breaks a rule; `details.field` (or a list of { field, message }) names what is wrong. */
export class ValidationError extends AppError {
  constructor(message: string, details?: ErrorDetails, text?: MessageText) {
    super('validation_failed', 400, message, details);
    this.text = text;
  }
}

/** One problem of a list (a row of a file, a value of a request): where, its English message and its text. */
export interface Problem {
  message: string;
  text?: MessageText;
}

/**
 * Input refused for a list of problems. `details` is the list as the client reads it (each problem
 * without its `text`); each problem's message is rendered in the reader's language, and so is the
 * summary, whose text gets `problems`: the first `shown` problems as `line` renders them, joined by '; '.
 */
export class ProblemsError extends ValidationError {
  readonly problemTexts: (MessageText | undefined)[];

  constructor(
    message: string,
    problems: readonly Problem[],
    text: MessageText,
    readonly line: { key: string; shown: number; params?: MessageText['params'] },
  ) {
    super(
      message,
      problems.map(({ text: _text, ...problem }) => problem),
      text,
    );
    this.problemTexts = problems.map((p) => p.text);
  }
}

/**
 * An upload larger than what may be read of it (rows, cells, the unpacked size of a workbook), refused
 * before the work is done; `details` name the limit ({ limit, max }).
 */
export class PayloadTooLargeError extends AppError {
  constructor(message: string, details?: ErrorDetails, text?: MessageText) {
    super('payload_too_large', 413, message, details);
    this.text = text;
  }
}

/** An upload in a media type the route does not read; the message names the types it takes. */
export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string, text?: MessageText) {
    super('unsupported_media_type', 415, message, { field: 'content-type' });
    this.text = text;
  }
}

export class AuthenticationRequiredError extends AppError {
  constructor(message?: string, text?: MessageText) {
    super('authentication_required', 401, message ?? 'Sign in to continue.');
    this.text = message === undefined ? { key: 'errors.authentication_required' } : text;
  }
}

export class InvalidCredentialsError extends AppError {
  constructor() {
    super('invalid_credentials', 401, 'The e-mail address or the password is wrong.');
    this.text = { key: 'errors.invalid_credentials' };
  }
}

/** A wrong, reused or expired second-factor code (TOTP or recovery code), or no sign-in waiting for one. */
export class InvalidCodeError extends AppError {
  constructor(message?: string) {
    super('invalid_code', 401, message ?? 'The code is wrong or has expired; enter the current code of your authenticator app.');
    if (message === undefined) this.text = { key: 'errors.invalid_code' };
  }
}

/** An invitation link that is unknown, used, revoked or past its date. */
export class InvitationUnusableError extends AppError {
  constructor(message?: string) {
    super(
      'invitation_unusable',
      410,
      message ?? 'This invitation link is not valid any more (used, withdrawn or expired); ask your administrator for a new one.',
    );
    if (message === undefined) this.text = { key: 'errors.invitation_unusable' };
  }
}

export class ForbiddenError extends AppError {
  constructor(message?: string, text?: MessageText) {
    super('forbidden', 403, message ?? 'Your role does not allow this.');
    this.text = message === undefined ? { key: 'errors.forbidden' } : text;
  }
}

export class CsrfError extends AppError {
  constructor() {
    super('csrf_token_invalid', 403, 'The request is missing a valid X-CSRF-Token header; reload the page and try again.');
    this.text = { key: 'errors.csrf_token_invalid', params: { header: 'X-CSRF-Token' } };
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id: string) {
    super('not_found', 404, `${entity} ${id} does not exist.`, { entity, id });
    this.text = { key: 'errors.not_found', params: { entity: word(`entities.${entity}`, entity), id } };
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: ErrorDetails, text?: MessageText) {
    super('conflict', 409, message, details);
    this.text = text;
  }
}

export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number, message: string, text?: MessageText) {
    super('rate_limited', 429, message, { retryAfterSeconds }, { 'retry-after': String(retryAfterSeconds) });
    this.text = text;
  }
}

/** A wrong setting: start-up stops and names the variable. */
export class ConfigError extends AppError {
  constructor(variable: string, message: string) {
    super('config_invalid', 500, `${variable}: ${message}`, { variable });
  }
}
