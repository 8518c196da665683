import { existsSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';

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

/**
 * An init script (`context.addInitScript({ content })`) that records every Content Security Policy
 * violation of a page in `window.__violations`, before the page's own scripts run. It comes in
 * through the DevTools protocol, which CSP does not govern, so the page keeps its policy.
 */
export const WATCH_CSP_VIOLATIONS = `
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));
`;

/** Collects a page's console errors, CSP messages and uncaught errors into the returned list. */
export function pageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text()))
      problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  return problems;
}
