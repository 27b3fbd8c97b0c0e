// Unit and integration tests (src/**/*.test.ts, web/src/**/*.test.ts). Database tests run on SQLite and PostgreSQL.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Server code, and the web app's pure modules (no DOM: pages are covered by the browser tests).
    include: ['src/**/*.test.ts', 'web/src/**/*.test.ts'],
    globalSetup: ['src/testing/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
  },
});
