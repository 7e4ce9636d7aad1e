import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './bodega';

/** Where each screen's screenshot goes; CI keeps the folder as an artifact. */
export const SCREENSHOTS = join(ROOT, 'web', 'e2e', 'screenshots');

/** Chromium talks to Google's services on its own unless told not to; the page only needs localhost. */
export const OFFLINE_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--disable-quic',
  '--no-first-run',
  '--no-pings',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH points elsewhere. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    // Root in a container has no user namespaces for Chromium's sandbox. The rest keep Chromium's
    // own traffic (component updates, sync, safe browsing, DNS prefetch) on the machine.
    args: ['--no-sandbox', '--disable-dev-shm-usage', ...OFFLINE_FLAGS],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Uncaught errors in the page: the app must show every failure, never throw one away. */
export function watchPage(page: Page, label: string): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`${label}: ${error.message}${error.message === 'Object' ? ` ${String(error.stack).slice(0, 400)}` : ''}`));
  return problems;
}
