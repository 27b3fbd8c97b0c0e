// The caller's language on every request (`request.locale`): `?lang=`, then the signed-in user's
// choice, then Accept-Language, else English (platform/i18n, requestLocale). Read when asked for,
// so that an answer given before the caller is known (a refusal of the access check) still follows
// the address and the browser, and one given after it follows the user's profile.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requestLocale } from '../i18n/request-locale.js';
import type { Locale } from '../locales.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The language the answer is written in (messages, catalogue labels). */
    locale: Locale;
  }
}

export function registerLocale(app: FastifyInstance): void {
  app.decorateRequest('locale', {
    getter(this: FastifyRequest) {
      return requestLocale(this);
    },
  });
}
