import { faker } from '@faker-js/faker';
import { createTestDatabase, type TestDatabase } from '@bodega/testing/databases';
import type { Browser, Page } from 'playwright-core';
import { buildWebApp, startBodega, type RunningBodega } from './support/bodega';
import { launchChromium, screenshot, watchPage } from './support/browser';

// The knowledge base in a real browser against `npm start` on a fresh database: staff add, watch,
// search, ask and delete documents; a visitor asks the shop's Help page. Steps build on each other.
const STEP_MS = 45_000;
const SEEN_MS = 15_000;

const run = Date.now().toString(36);
const manager = { name: faker.person.fullName(), email: `kb-${run}@bodega.test`, password: 'knowledge-2026!' };
/** A word only the INTERNAL document holds. */
const SECRET = `vexmor${faker.string.alpha({ length: 5, casing: 'lower' })}`;

const RETURNS = `# Returns

You can send back anything you bought within 30 days of delivery for a full refund. Items must be unused and in their original packaging.

## Refunds

We refund to the original payment method within 5 working days of receiving the parcel.

## Damaged items

<script>alert("xss")</script> If an item arrives damaged, send us a photo within 48 hours and we replace it for free.
`;

describe('the knowledge base and the Help page, in Chromium, against npm start', () => {
  let db: TestDatabase;
  let bodega: RunningBodega;
  let browser: Browser;
  let staff: Page;
  let visitor: Page;
  let pageErrors: string[][] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    buildWebApp();
    db = await createTestDatabase();
    bodega = await startBodega({ databaseUrl: db.url, redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
    browser = await launchChromium();
    const options = { viewport: { width: 1280, height: 1000 }, locale: 'en-US', timezoneId: 'UTC' };
    staff = await (await browser.newContext(options)).newPage();
    visitor = await (await browser.newContext(options)).newPage();
    for (const page of [staff, visitor]) {
      page.setDefaultTimeout(SEEN_MS);
      // A script that ran from a document would show as a dialog.
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
    }
    pageErrors = [watchPage(staff, 'manager'), watchPage(visitor, 'visitor')];
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await bodega?.stop();
    await db?.drop();
  }, 60_000);

  function step(name: string, body: () => Promise<void>, timeout = STEP_MS) {
    it(
      name,
      async () => {
        try {
          await body();
        } catch (error) {
          const slug = name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
          await Promise.all([
            screenshot(staff, `kb-failed-${slug}-manager`).catch(() => undefined),
            screenshot(visitor, `kb-failed-${slug}-visitor`).catch(() => undefined),
          ]);
          throw error;
        }
      },
      timeout,
    );
  }

  const row = (title: string) => staff.locator('table.documents tbody tr').filter({ has: staff.getByRole('link', { name: title, exact: true }) });

  step('lets the first account sign up as ADMIN and open the Knowledge base', async () => {
    await staff.goto(`${bodega.baseUrl}/sign-up`);
    await staff.getByLabel('Name').fill(manager.name);
    await staff.getByLabel('Email').fill(manager.email);
    await staff.getByLabel('Password').fill(manager.password);
    await staff.getByRole('button', { name: 'Sign up' }).click();
    await staff.waitForURL('**/products');
    await staff.getByRole('link', { name: 'Knowledge base' }).click();
    await staff.getByRole('heading', { name: 'Knowledge base', level: 1 }).waitFor();
  });

  step('uploads a Markdown file and watches it ingest to READY without reloading', async () => {
    await staff.getByLabel(/^File/).setInputFiles({ name: 'returns-policy.md', mimeType: 'text/markdown', buffer: Buffer.from(RETURNS) });
    await staff.getByLabel('Title').filter({ hasText: '' }).waitFor();
    expect(await staff.getByLabel('Title').inputValue()).toBe('returns policy');
    await staff.getByRole('button', { name: 'Add document' }).click();
    await staff.getByRole('status').filter({ hasText: 'is being ingested' }).waitFor();
    const returns = row('returns policy');
    await returns.getByTestId('document-status').filter({ hasText: 'READY' }).waitFor({ timeout: 30_000 });
    expect(Number(await returns.getByTestId('chunk-count').textContent())).toBeGreaterThanOrEqual(2);
    expect(await returns.textContent()).toContain('Public');
    await screenshot(staff, 'kb-01-ready');
  });

  step('adds pasted text as an INTERNAL document', async () => {
    await staff.getByLabel('Title').fill('Staff goodwill');
    await staff.getByLabel('Type').selectOption('text/plain');
    await staff.getByLabel('Who may read it').selectOption('INTERNAL');
    await staff.getByLabel(/^Content/).fill(`Staff may approve a goodwill refund of up to 40 EUR with the ${SECRET} override.`);
    await staff.getByRole('button', { name: 'Add document' }).click();
    const internal = row('Staff goodwill');
    await internal.getByTestId('document-status').filter({ hasText: 'READY' }).waitFor({ timeout: 30_000 });
    expect(await internal.textContent()).toContain('Internal');
  });

  step('searches and shows the ranked chunks with the searched words marked, markup as text', async () => {
    await staff.getByLabel('Search the documents').fill('damaged item photo');
    await staff.getByRole('button', { name: 'Search', exact: true }).click();
    const results = staff.getByRole('list', { name: 'Search results' });
    const first = results.locator(':scope > li').first();
    await first.locator('mark', { hasText: /damaged/i }).first().waitFor();
    expect(await first.getByRole('link').textContent()).toBe('returns policy');
    expect(await results.locator('script').count()).toBe(0);
    await screenshot(staff, 'kb-02-search');
  });

  step('asks and shows the answer with its quotes, each linking to its document', async () => {
    const ask = staff.locator('section.ask');
    await ask.getByLabel('Your question').fill(`How much goodwill refund may staff approve with the ${SECRET} override?`);
    await ask.getByRole('button', { name: 'Ask' }).click();
    await ask.getByTestId('answer-text').filter({ hasText: '40 EUR' }).waitFor();
    const source = ask.getByRole('link', { name: 'Staff goodwill' });
    await source.waitFor();
    await screenshot(staff, 'kb-03-ask');
    await source.click();
    await staff.getByRole('heading', { name: 'Staff goodwill', level: 1 }).waitFor();
    await staff.locator('.chunk.cited').filter({ hasText: SECRET }).waitFor();
    await staff.goBack();
  });

  step('answers a visitor on the Help page from PUBLIC documents only, with citations', async () => {
    await visitor.goto(`${bodega.baseUrl}/shop`);
    await visitor.getByRole('link', { name: 'Help' }).click();
    await visitor.getByRole('heading', { name: 'Help', level: 1 }).waitFor();
    await visitor.getByLabel('Your question').fill('How many days do I have to send something back?');
    await visitor.getByRole('button', { name: 'Ask' }).click();
    await visitor.getByTestId('answer-text').filter({ hasText: /30 days/ }).waitFor();
    await visitor.getByRole('link', { name: 'returns policy' }).first().waitFor();
    await screenshot(visitor, 'kb-04-help');

    await visitor.getByLabel('Your question').fill(`How much goodwill refund may staff approve with the ${SECRET} override?`);
    await visitor.getByRole('button', { name: 'Ask' }).click();
    // The new answer replaces the one about returns.
    await visitor.getByTestId('answer-text').filter({ hasNotText: '30 days' }).waitFor();
    expect(await visitor.getByRole('link', { name: 'Staff goodwill' }).count()).toBe(0);
    expect(await visitor.locator('main').textContent()).not.toContain('40 EUR');
  });

  step('deletes a document: it leaves the list and the search', async () => {
    await staff.getByRole('heading', { name: 'Knowledge base', level: 1 }).waitFor();
    await row('Staff goodwill').getByRole('button', { name: 'Delete Staff goodwill' }).click();
    await row('Staff goodwill').waitFor({ state: 'detached' });
    await staff.getByLabel('Search the documents').fill(`${SECRET} goodwill override`);
    await staff.getByRole('button', { name: 'Search', exact: true }).click();
    const results = staff.getByRole('list', { name: 'Search results' });
    await results.waitFor();
    // The vector leg still offers the nearest chunks left, none of them the deleted document's.
    expect(await results.getByRole('link', { name: 'Staff goodwill' }).count()).toBe(0);
    expect(await results.textContent()).not.toContain(SECRET);
  });

  it('ran no script from a document and threw no error in either page', () => {
    expect(dialogs).toEqual([]);
    expect(pageErrors.flat()).toEqual([]);
  });
});
