// The one error hierarchy of JHA Hub: every error a person may see has a stable `code`, an HTTP
// status and a message they can act on. The HTTP layer renders them as { error: { code, message, details } }.

export type ErrorDetails = Record<string, unknown> | unknown[] | undefined;

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: ErrorDetails;
  readonly headers: Record<string, string>;

  constructor(code: string, status: number, message: string, details?: ErrorDetails, headers: Record<string, string> = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.details = details;
    this.headers = headers;
  }
}

/** Input that breaks a rule; `details.field` (or a list of { field, message }) names what is wrong. */
export class ValidationError extends AppError {
  constructor(message: string, details?: ErrorDetails) {
    super('validation_failed', 400, message, details);
  }
}

/**
 * An upload larger than what may be read of it (rows, cells, the unpacked size of a workbook), refused
 * before the work is done; `details` name the limit ({ limit, max }).
 */
export class PayloadTooLargeError extends AppError {
  constructor(message: string, details?: ErrorDetails) {
    super('payload_too_large', 413, message, details);
  }
}

/** An upload in a media type the route does not read; the message names the types it takes. */
export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string) {
    super('unsupported_media_type', 415, message, { field: 'content-type' });
  }
}

export class AuthenticationRequiredError extends AppError {
  constructor(message = 'Sign in to continue.') {
    super('authentication_required', 401, message);
  }
}

export class InvalidCredentialsError extends AppError {
  constructor() {
    super('invalid_credentials', 401, 'The e-mail address or the password is wrong.');
  }
}

/** A wrong, reused or expired second-factor code (TOTP or recovery code), or no sign-in waiting for one. */
export class InvalidCodeError extends AppError {
  constructor(message = 'The code is wrong or has expired; enter the current code of your authenticator app.') {
    super('invalid_code', 401, message);
  }
}

/** An invitation link that is unknown, used, revoked or past its date. */
export class InvitationUnusableError extends AppError {
  constructor(message = 'This invitation link is not valid any more (used, withdrawn or expired); ask your administrator for a new one.') {
    super('invitation_unusable', 410, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Your role does not allow this.') {
    super('forbidden', 403, message);
  }
}

export class CsrfError extends AppError {
  constructor() {
    super('csrf_token_invalid', 403, 'The request is missing a valid X-CSRF-Token header; reload the page and try again.');
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id: string) {
    super('not_found', 404, `${entity} ${id} does not exist.`, { entity, id });
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: ErrorDetails) {
    super('conflict', 409, message, details);
  }
}

export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number, message: string) {
    super('rate_limited', 429, message, { retryAfterSeconds }, { 'retry-after': String(retryAfterSeconds) });
  }
}

/** A wrong setting: start-up stops and names the variable. */
export class ConfigError extends AppError {
  constructor(variable: string, message: string) {
    super('config_invalid', 500, `${variable}: ${message}`, { variable });
  }
}
