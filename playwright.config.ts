import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// Debian's Chromium where present (no browser download is possible on our machines);
// CHROMIUM_PATH overrides; otherwise Playwright's own browser, where one is installed.
const chromiumPath = process.env.CHROMIUM_PATH ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const port = Number(process.env.E2E_PORT ?? 3390);
// Each run gets a fresh embedded database, seeded as a new user's first `npm start` would be.
const dataDir = (process.env.E2E_DATA_DIR ??= path.join(os.tmpdir(), `landport-e2e-${process.pid}`));

export const E2E_ADMIN = { email: 'admin@e2e.invalid', password: 'e2e-admin-password' };

export default defineConfig({
  testDir: 'e2e',
  globalTeardown: './e2e/global-teardown.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? 'list' : 'line',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
      ],
    },
  },
  webServer: {
    command: 'npm run build:app && tsx server/main.ts',
    url: `http://127.0.0.1:${port}/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: {
      PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn',
      // The first admin, made at start; the tests create the other accounts through the admin API.
      ADMIN_EMAIL: E2E_ADMIN.email, ADMIN_PASSWORD: E2E_ADMIN.password,
      // Embeds refresh every second and reuse computed data for a second: the live test waits little.
      EMBED_REFRESH_SECONDS: '1', EMBED_CACHE_SECONDS: '1', RESPONSE_CACHE_SECONDS: '1',
      // Every spec signs the one admin in to make its accounts; the limiter has its own API test.
      LOGIN_RATE_LIMIT: '200',
    },
  },
});
