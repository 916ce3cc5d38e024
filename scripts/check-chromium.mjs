// Fails loudly (never skips) when the browser tests have no browser to run in.
import { findChromium, INSTALL_HINT } from './chromium.mjs';

const path = findChromium();
if (!path) {
  console.error(`\n✗ ${INSTALL_HINT}\n`);
  process.exit(1);
}
console.log(`Browser tests will use ${path}`);
