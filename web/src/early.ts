// API requests that the entry (main.ts) sends before the app has loaded, so that their round trip
// overlaps the app's download; the app's first request for the same path takes the answer instead
// of asking again (api.ts). Part of the entry's small chunk: it imports nothing.
const pending = new Map<string, Promise<Response>>();

/** Sends GET /api/v1{path} now, for the app to take. */
export function requestEarly(path: string): void {
  const request = fetch(`/api/v1${path}`, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  // A failed request is asked again by the app, which shows the failure.
  request.catch(() => {});
  pending.set(path, request);
}

/** The answer of an early GET of `path`, once: later requests go to the server. */
export function takeEarly(path: string): Promise<Response> | undefined {
  const request = pending.get(path);
  pending.delete(path);
  return request;
}
