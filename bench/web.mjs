// Benchmark: the first load of the public web app on a slow phone connection. The built server
// (`jha serve`, demo data on a fresh SQLite file, rate limits off) and Debian's Chromium through
// Playwright: a 390 px wide viewport, the cache disabled, and the network throttled through the
// DevTools protocol (1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip). For the public home page
// and the justice scoreboard it prints the bytes transferred (bodies as sent, compressed, with
// their headers; until the network is quiet and the scoreboard's charts are drawn), the JavaScript
// among them (and how much of it had arrived by the LCP), and the largest contentful paint (a
// PerformanceObserver installed before the page's own scripts), each the median of the runs; each
// page is checked to show its heading. Baseline of the same run: the LCP of a tiny static file of the same server
// (/favicon.svg) under the same throttling; the ratio page / baseline is less sensitive to a busy
// machine than the absolute figure, which is judged against the target LCP ≤ 2.5 s.
// Usage: node bench/web.mjs [--runs 3] [--list] [--keep]   (--list: every request of each page's last run)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { JHA, ROOT } from './common.mjs';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(flag('runs', 3));
const keep = args.includes('--keep');
const list = args.includes('--list');

const LCP_TARGET_S = 2.5;
const JS_TARGET_KB = 250;
/** Chromium's throttling: bytes per second and the added round trip. */
const NETWORK = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };
const VIEWPORT = { width: 390, height: 844 };
const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
};
/** `ready`: what shows once the page has loaded everything it loads by itself (the scoreboard: its charts). */
const PAGES = [
  { name: 'baseline', path: '/favicon.svg', heading: null, ready: null },
  { name: 'home', path: '/', heading: 'Justice and Home Affairs in the Western Balkans', ready: null },
  { name: 'scoreboard', path: '/justice', heading: 'Justice scoreboard', ready: '[data-chart] canvas' },
];

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** `jha serve` on a fresh database with the demo data; resolves once /readyz answers 200. */
async function startServer(dir, port) {
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite:${join(dir, 'jha.sqlite')}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    JHA_DEMO: 'true',
    LOG_LEVEL: 'warn',
    RATE_LIMIT: '0',
    RATE_LIMIT_ANONYMOUS: '0',
  };
  const child = spawn(process.execPath, [JHA, 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r(undefined), 500))]);
    if (code !== undefined) throw new Error(`the server stopped (${code}): ${stderr.trim()}`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { child, exited };
  }
  child.kill();
  throw new Error(`the server did not become ready in 120 s: ${stderr.trim()}`);
}

/** One first load in a fresh browser context: bytes by resource type, LCP, and whether the heading shows. */
async function load(browser, url, { heading, ready }) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__lcp = null;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          const text = (entry.element?.textContent ?? '').trim().slice(0, 40);
          window.__lcp = { time: entry.startTime, element: `${entry.element?.tagName.toLowerCase() ?? '?'} "${text}" (${entry.size} px²)` };
        }
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    const requests = new Map();
    const received = new Map();
    let started = null;
    cdp.on('Network.requestWillBeSent', (e) => {
      started ??= e.timestamp;
      requests.set(e.requestId, { url: e.request.url, sent: e.timestamp - started });
    });
    cdp.on('Network.responseReceived', (e) => {
      const r = requests.get(e.requestId);
      if (r) Object.assign(r, { type: e.type, encoding: e.response.headers['content-encoding'] ?? '' });
    });
    cdp.on('Network.loadingFinished', (e) => {
      received.set(e.requestId, e.encodedDataLength);
      const r = requests.get(e.requestId);
      if (r) r.done = e.timestamp - started;
    });
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    // Pages load their data and their chunks after `load`; wait for the network to stay quiet.
    await page.waitForLoadState('networkidle', { timeout: 120_000 });
    let shown = true;
    if (ready) {
      shown = await page
        .locator(ready)
        .first()
        .waitFor({ state: 'attached', timeout: 60_000 })
        .then(
          () => true,
          () => false,
        );
      await page.waitForLoadState('networkidle', { timeout: 120_000 });
    }
    if (heading) shown &&= await page.getByRole('heading', { name: heading, exact: true }).isVisible();
    // The LCP entry is final once the page has been quiet; a last frame so that it is delivered.
    await page.waitForTimeout(300);
    const lcp = await page.evaluate(() => window.__lcp);
    let bytes = 0;
    let js = 0;
    let jsBeforeLcp = 0;
    for (const [id, n] of received) {
      bytes += n;
      const r = requests.get(id);
      if (r?.type !== 'Script') continue;
      js += n;
      // Request times count from the document's request, the LCP from the navigation: close enough.
      if (lcp && r.done !== undefined && r.done * 1000 <= lcp.time) jsBeforeLcp += n;
    }
    const log = [...received].map(([id, n]) => ({ ...requests.get(id), bytes: n })).sort((a, b) => a.sent - b.sent);
    return {
      bytes,
      js,
      jsBeforeLcp,
      lcp: lcp === null ? null : lcp.time / 1000,
      element: lcp?.element,
      requests: received.size,
      shown,
      log,
    };
  } finally {
    await context.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const kB = (n) => `${(n / 1000).toFixed(0)} kB`;

if (!existsSync(join(ROOT, 'dist', 'web', 'index.html'))) {
  console.log('the web app is not built: run `npm run build`');
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'jha-bench-web-'));
let failed = false;
let server;
let browser;
try {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let start = Date.now();
  server = await startServer(dir, port);
  console.log(`web: jha serve with demo data on ${base} (ready in ${((Date.now() - start) / 1000).toFixed(0)} s)`);
  console.log(
    `Chromium, ${VIEWPORT.width}×${VIEWPORT.height} px, cache disabled, ${(NETWORK.downloadThroughput * 8e-6).toFixed(1)} Mbit/s down, ` +
      `${(NETWORK.uploadThroughput * 8e-3).toFixed(0)} kbit/s up, ${NETWORK.latency} ms round trip; median of ${runs} runs`,
  );
  browser = await chromium.launch(CHROMIUM);
  const samples = new Map(PAGES.map((p) => [p.name, []]));
  for (let run = 0; run < runs; run++) {
    // The pages in turn, so that a burst of load on the machine spreads over all of them.
    for (const p of PAGES) samples.get(p.name).push(await load(browser, base + p.path, p));
  }
  const results = new Map();
  for (const p of PAGES) {
    const s = samples.get(p.name);
    if (s.some((r) => !r.shown)) {
      failed = true;
      console.log(`CHECK FAILED ${p.name} (${p.path}): the heading "${p.heading}"${p.ready ? ` or ${p.ready}` : ''} is not shown`);
    }
    if (s.some((r) => r.lcp === null)) {
      failed = true;
      console.log(`CHECK FAILED ${p.name} (${p.path}): no largest-contentful-paint entry`);
    }
    results.set(p.name, {
      bytes: median(s.map((r) => r.bytes)),
      js: median(s.map((r) => r.js)),
      jsBeforeLcp: median(s.map((r) => r.jsBeforeLcp)),
      lcp: median(s.map((r) => r.lcp ?? Infinity)),
      requests: Math.round(median(s.map((r) => r.requests))),
      lcps: s.map((r) => (r.lcp ?? Infinity).toFixed(2)),
    });
  }
  const baseline = results.get('baseline');
  console.log(
    `baseline: GET ${PAGES[0].path}, ${kB(baseline.bytes)} transferred, LCP ${baseline.lcp.toFixed(2)} s (runs: ${baseline.lcps.join(', ')})`,
  );
  let worst = 0;
  for (const p of PAGES.slice(1)) {
    const r = results.get(p.name);
    const ratio = r.lcp / baseline.lcp;
    worst = Math.max(worst, r.lcp);
    console.log(
      `${p.name}: ${kB(r.bytes)} transferred, ${kB(r.js)} JS (target ≤ ${JS_TARGET_KB} kB; ${kB(r.jsBeforeLcp)} before the LCP), LCP ${r.lcp.toFixed(2)} s ` +
        `(target ≤ ${LCP_TARGET_S} s) — GET ${p.path}, ${r.requests} requests, LCP runs: ${r.lcps.join(', ')} s`,
    );
    console.log(`  ratio LCP ${p.name} / baseline: ${ratio.toFixed(1)}`);
    if (list) console.log(`    LCP element: ${samples.get(p.name).at(-1).element}`);
    if (list)
      for (const q of samples.get(p.name).at(-1).log)
        console.log(
          `    ${q.sent.toFixed(2)}–${(q.done ?? NaN).toFixed(2)} s ${String(q.bytes).padStart(7)} B ${(q.type ?? '').padEnd(10)} ${q.encoding.padEnd(4)} ${new URL(q.url).pathname}`,
        );
  }
  const verdict = (name, ok) => `${name} ${ok ? 'met' : 'NOT met'}`;
  const pages = PAGES.slice(1).map((p) => ({ name: p.name, ...results.get(p.name) }));
  console.log(
    `web: worst LCP ${worst.toFixed(2)} s; LCP ≤ ${LCP_TARGET_S} s: ${pages.map((r) => verdict(r.name, r.lcp <= LCP_TARGET_S)).join(', ')}; ` +
      `JS ≤ ${JS_TARGET_KB} kB: ${pages.map((r) => verdict(r.name, r.js <= JS_TARGET_KB * 1000)).join(', ')}`,
  );
} catch (err) {
  failed = true;
  console.log(err instanceof Error ? err.message : String(err));
} finally {
  await browser?.close();
  if (server) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  if (keep) console.error(`kept the database in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
if (failed) process.exit(1);
