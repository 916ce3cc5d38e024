import { defineConfig } from '@playwright/test';
import { findChromium, INSTALL_HINT } from './scripts/chromium.mjs';

/** The browser tests run against a sub-path build, as on GitHub project pages. */
export const BASE_PATH = '/regularization-live/';
// PW_PORT / PW_OUT_DIR let two test runs share a machine without sharing a server.
const PORT = Number(process.env.PW_PORT ?? 4327);
const OUT_DIR = process.env.PW_OUT_DIR ?? './dist-test';

const executablePath: string | null = findChromium();
if (!executablePath) throw new Error(INSTALL_HINT);

export default defineConfig({
  testDir: 'tests/browser',
  timeout: 60_000,
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? 'list' : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}${BASE_PATH}`,
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
    },
  },
  webServer: {
    // A fresh sub-path build in its own folder, served by Astro's static preview server.
    command: `node scripts/build.mjs && npx astro preview --port ${PORT}`,
    env: { BASE_PATH, OUT_DIR, ASTRO_TELEMETRY_DISABLED: '1' },
    url: `http://127.0.0.1:${PORT}${BASE_PATH}`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'ignore',
  },
});
