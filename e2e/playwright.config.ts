// End-to-end tests: the real server (compiled, demo data, a fresh SQLite file) driven through
// Debian's Chromium.
import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = Number(process.env.E2E_PORT ?? 8181);
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'jha-e2e-'));
process.env.E2E_DATA_DIR = dataDir; // workers re-read this file: keep one database for the run

export default defineConfig({
  testDir: '.',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
    trace: 'off',
  },
  webServer: {
    command: 'node bin/jha.js serve',
    cwd: join(import.meta.dirname, '..'),
    url: `http://127.0.0.1:${port}/readyz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      DATABASE_URL: `sqlite:${join(dataDir, 'jha.sqlite')}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      JHA_DEMO: 'true',
      LOG_LEVEL: 'warn',
      // Every browser of the run is one anonymous address; the default limit is for one visitor.
      RATE_LIMIT_ANONYMOUS: '3000',
    },
  },
});
