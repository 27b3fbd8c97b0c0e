// The reader's language of one request, for the texts a route writes (documents, the bell). One
// place, so that it can give way to a request hook that computes the same once per request.
import type { FastifyRequest } from 'fastify';
import type { Locale } from '../locales.js';
import { chooseLocale } from './index.js';

/** `?lang=`, then the web app page's language, the signed-in user's, Accept-Language, else English; an unknown one is passed over. */
export function requestLocale(request: FastifyRequest): Locale {
  return chooseLocale({
    query: request.query,
    pageLanguage: request.headers['x-language'],
    userLanguage: request.principal?.user.language,
    acceptLanguage: request.headers['accept-language'],
  });
}
