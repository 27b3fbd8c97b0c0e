// PDFs printed from the same HTML the printable pages serve, by headless Chromium (playwright-core,
// the system's chromium): one browser per process, started on the first document and shared, a
// small pool of pages (documents beyond it wait their turn), a time limit per document. Tagged
// (accessible) PDFs with an outline from the headings. Without Chromium the answer is a 503
// naming what is missing, never a crash.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { AppError } from '../errors.js';

/** Where the browser is: CHROMIUM_PATH, else Debian's package. */
export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'];
/** Documents printed at once; more wait. */
const POOL_SIZE = 2;
/** The longest a document may take, waiting included. */
export const PDF_TIME_LIMIT_MS = 30_000;

export class PdfUnavailableError extends AppError {
  constructor(message: string) {
    super('pdf_unavailable', 503, message, undefined, { 'retry-after': '60' });
  }
}

let browser: Promise<Browser> | null = null;
let busy = 0;
const waiting: (() => void)[] = [];

function launch(): Promise<Browser> {
  if (!existsSync(chromiumPath())) {
    return Promise.reject(
      new PdfUnavailableError(
        `PDFs need Chromium, which is not installed here (${chromiumPath()}); the HTML version of this document works.`,
      ),
    );
  }
  const started = chromium.launch({ executablePath: chromiumPath(), args: ARGS, headless: true }).then((b) => {
    // A browser that dies is started again for the next document.
    b.on('disconnected', () => {
      if (browser === started) browser = null;
    });
    return b;
  });
  started.catch(() => {
    if (browser === started) browser = null;
  });
  return started;
}

async function slot(): Promise<void> {
  if (busy < POOL_SIZE) {
    busy += 1;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
  busy += 1;
}

function release(): void {
  busy -= 1;
  waiting.shift()?.();
}

function withTimeLimit<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new PdfUnavailableError(`Printing ${what} took longer than ${PDF_TIME_LIMIT_MS / 1000} s; try again later.`)),
      PDF_TIME_LIMIT_MS,
    );
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/** Prints a self-contained HTML document (no network: styles inline) to an A4 PDF. */
export async function printPdf(html: string, what: string): Promise<Buffer> {
  return withTimeLimit(
    (async () => {
      await slot();
      try {
        browser ??= launch();
        let page;
        try {
          page = await (await browser).newPage();
        } catch (err) {
          if (err instanceof PdfUnavailableError) throw err;
          throw new PdfUnavailableError(`The PDF printer could not start; the HTML version of ${what} works.`);
        }
        try {
          // Documents are self-contained: nothing is fetched from anywhere.
          await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
          await page.setContent(html, { waitUntil: 'load' });
          return await page.pdf({ format: 'A4', printBackground: true, tagged: true, outline: true, preferCSSPageSize: true });
        } finally {
          await page.close().catch(() => {});
        }
      } finally {
        release();
      }
    })(),
    what,
  );
}

/** Closes the shared browser (the server's shutdown). */
export async function closePdfPrinter(): Promise<void> {
  const running = browser;
  browser = null;
  if (running) await (await running.catch(() => null))?.close();
}
