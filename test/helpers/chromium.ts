import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Debian's chromium, driven by playwright-core (which never downloads a browser of its own). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether the browser tests run: wherever the browser is installed, and always in CI, which installs
 * it, so that a missing browser fails there instead of being skipped.
 */
export const browserTestsRun = existsSync(CHROMIUM) || process.env.CI !== undefined;
if (!browserTestsRun) {
  console.warn(`Browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium). CI runs them.`);
}

/** Starts a headless chromium that stays off the network unless a page asks. */
export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
