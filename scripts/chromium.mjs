/**
 * Where the browser tests find Chromium. Playwright's own browser download cannot run on these
 * machines, so the tests drive a system Chromium: CHROMIUM_PATH if set, else the usual install paths.
 */
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** @returns {string | null} */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export const INSTALL_HINT =
  'No Chromium found for the browser tests. Install one with `sudo apt-get install -y chromium` ' +
  '(Debian/Ubuntu), or point CHROMIUM_PATH at a Chromium or Chrome binary. ' +
  (process.env.CHROMIUM_PATH ? `CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which does not exist.` : '');
