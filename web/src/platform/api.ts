// The web app's only door to the API: JSON in and out (files up as they are, generated texts in as
// text), the CSRF token on every change, the page's language on every request (the server writes
// its messages and the catalogue's labels in it), and the server's { error: { code, message } }
// turned into an ApiError a page can show.
import i18n from 'i18next';
import { takeEarly } from '../early';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return send<T>(method, path, headers, body === undefined ? undefined : JSON.stringify(body));
}

/** Reads a text the server generates (text/plain, e.g. an announcement); errors as with `api`. */
export async function apiText(path: string): Promise<string> {
  const response = await fetch(`/api/v1${path}`, {
    headers: { accept: 'text/plain, application/json', ...languageHeader() },
    credentials: 'same-origin',
  });
  if (!response.ok) await fail(response);
  return response.text();
}

/** Sends a file as it is (CSV, JSON, XLSX) with the given Content-Type; answers like `api`. */
export async function upload<T>(path: string, file: Blob, contentType: string): Promise<T> {
  return send<T>('POST', path, { accept: 'application/json', 'content-type': contentType }, file);
}

/** The Content-Type of a file to upload, by its name's extension in `types` (extension → type); null for another extension. */
export function contentTypeOf(file: File, types: Record<string, string>): string | null {
  return types[file.name.toLowerCase().split('.').pop() ?? ''] ?? null;
}

/** The language the page is read in, for the server's texts (its messages, the catalogue's labels). */
function languageHeader(): Record<string, string> {
  return i18n.language ? { 'x-language': i18n.language, 'accept-language': i18n.language } : {};
}

async function send<T>(method: string, path: string, headers: Record<string, string>, body: BodyInit | undefined): Promise<T> {
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  Object.assign(headers, languageHeader());
  const early = method === 'GET' ? takeEarly(path) : undefined;
  const response =
    (await early?.catch(() => null)) ?? (await fetch(`/api/v1${path}`, { method, headers, body, credentials: 'same-origin' }));
  if (response.status === 204) return undefined as T;
  if (!response.ok) await fail(response);
  return (await response.json().catch(() => null)) as T;
}

/** Turns an error answer ({ error: { code, message, details } }) into an ApiError. */
async function fail(response: Response): Promise<never> {
  const data = await response.json().catch(() => null);
  const error = data?.error ?? {};
  throw new ApiError(
    response.status,
    error.code ?? 'http_error',
    error.message ?? `The server answered ${response.status}.`,
    error.details,
  );
}

export type Role = 'admin' | 'commission' | 'reviewer' | 'coordinator';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  partner: string | null;
  /** Reviewers: the domains they review; null for every domain. */
  domains?: string[] | null;
  disabled: boolean;
  /** The language of the web app the user chose; null: the browser's. */
  language?: string | null;
  /** The user list (admins): a second factor is set up. */
  secondFactor?: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Partner {
  code: string;
  name: string;
  group: string;
}
