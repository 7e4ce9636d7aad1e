import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './bodega';

/** Where each screen's screenshot goes; CI keeps the folder as an artifact. */
export const SCREENSHOTS = join(ROOT, 'web', 'e2e', 'screenshots');

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH points elsewhere. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    // Root in a container has no user namespaces for Chromium's sandbox.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Uncaught errors in the page: the app must show every failure, never throw one away. */
export function watchPage(page: Page, label: string): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`${label}: ${error.message}`));
  return problems;
}
