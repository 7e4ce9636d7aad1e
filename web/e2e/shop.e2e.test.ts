import { createTestDatabase, type TestDatabase } from '@bodega/testing/databases';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { buildWebApp, startBodega, type RunningBodega } from './support/bodega';
import { accessibilityViolations } from './support/axe';
import { launchChromium, screenshot, watchPage } from './support/browser';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook';

// One story in a real browser against `npm start` on a fresh database: each step builds on the
// one before, so they share the browser and the server, and a failed step fails the rest.
const STEP_MS = 45_000;
const SEEN_MS = 15_000;

// Log-in attempts are rate-limited per email in Redis, which outlives the run: an email per run.
const run = Date.now().toString(36);
const manager = { name: 'Mara Manager', email: `mara-${run}@bodega.test`, password: 'warehouse-2026!' };
const customer = { name: 'Cam Customer', email: `cam-${run}@bodega.test`, password: 'groceries-2026!' };
const COFFEE = 'Arabica coffee beans';

/** Every screen the manager (the shop's ADMIN) can open, for the phone and accessibility sweeps. */
const STAFF_SCREENS = ['/products', '/alerts', '/orders', '/dashboard', '/knowledge', '/inbox', '/staff', '/account', '/shop', '/help', '/support'];

describe('the web app, in Chromium, against npm start', () => {
  let db: TestDatabase;
  let webhook: WebhookReceiver;
  let bodega: RunningBodega;
  let browser: Browser;
  let managerContext: BrowserContext;
  let customerContext: BrowserContext;
  let staff: Page;
  let shopper: Page;
  let pageErrors: string[][] = [];

  beforeAll(async () => {
    buildWebApp();
    [db, webhook] = await Promise.all([createTestDatabase(), startWebhookReceiver()]);
    bodega = await startBodega({
      databaseUrl: db.url,
      redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      env: { ALERT_WEBHOOK_URL: webhook.url, ALERT_WEBHOOK_SECRET: 'e2e-webhook-secret-0123456789abcdef' },
    });
    browser = await launchChromium();
    managerContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
    customerContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
    staff = await managerContext.newPage();
    shopper = await customerContext.newPage();
    pageErrors = [watchPage(staff, 'manager'), watchPage(shopper, 'customer')];
    staff.setDefaultTimeout(SEEN_MS);
    shopper.setDefaultTimeout(SEEN_MS);
  }, 120_000);

  /** A step of the story; when it fails, both browsers' screens are saved next to the others. */
  function step(name: string, run: () => Promise<void>, timeout = STEP_MS) {
    it(
      name,
      async () => {
        try {
          await run();
        } catch (error) {
          const slug = name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
          await Promise.all([
            staff && screenshot(staff, `failed-${slug}-manager`).catch(() => undefined),
            shopper && screenshot(shopper, `failed-${slug}-customer`).catch(() => undefined),
          ]);
          throw error;
        }
      },
      timeout,
    );
  }

  afterAll(async () => {
    await browser?.close();
    await bodega?.stop();
    await webhook?.close();
    await db?.drop();
  }, 60_000);

  step('lets the first account sign up as the ADMIN, log out and log back in', async () => {
    await staff.goto(`${bodega.baseUrl}/sign-up`);
    await screenshot(staff, '01-sign-up');
    await staff.getByLabel('Name').fill(manager.name);
    await staff.getByLabel('Email').fill(manager.email);
    await staff.getByLabel('Password').fill(manager.password);
    await staff.getByRole('button', { name: 'Sign up' }).click();
    await staff.waitForURL('**/products');
    await staff.getByText(`${manager.name} (admin)`).waitFor();

    await staff.getByRole('button', { name: 'Log out' }).click();
    await staff.waitForURL('**/log-in');
    await staff.getByLabel('Email').fill(manager.email);
    await staff.getByLabel('Password').fill('not-the-password-1');
    await staff.getByRole('button', { name: 'Log in' }).click();
    // The server's own message for a wrong password.
    await staff.getByRole('alert').filter({ hasText: /password/i }).waitFor();
    await screenshot(staff, '02-log-in-error');
    await staff.getByLabel('Password').fill(manager.password);
    await staff.getByRole('button', { name: 'Log in' }).click();
    await staff.waitForURL('**/products');
    await staff.getByRole('heading', { name: 'Products', level: 1 }).waitFor();
  });

  step('adds a product and shows the description and category the AI wrote, then saves an edit', async () => {
    const form = staff.locator('form.add-product');
    await form.getByLabel('Name', { exact: true }).fill(COFFEE);
    await form.getByLabel(/Keywords/).fill('coffee, arabica, whole bean, espresso');
    await form.getByLabel('Stock', { exact: true }).fill('12');
    await form.getByLabel('Price', { exact: true }).fill('14.90');
    await form.getByLabel('Low-stock threshold').fill('10');
    await form.getByRole('button', { name: 'Add product' }).click();

    const editor = staff.locator('form.product-editor');
    await editor.waitFor({ timeout: 30_000 });
    const description = editor.getByTestId('product-description');
    const category = editor.getByTestId('product-category');
    expect((await description.textContent())?.trim()).not.toMatch(/^(none)?$/);
    expect((await category.textContent())?.trim()).not.toMatch(/^(none)?$/);
    expect(await editor.getByTestId('enrichment').textContent()).toMatch(/AI/);
    await screenshot(staff, '03-product-added');

    await editor.getByLabel('Description', { exact: true }).fill('Whole arabica beans, roasted for espresso.');
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await editor.getByText('Saved.').waitFor();
    await description.filter({ hasText: 'roasted for espresso' }).waitFor();
  });

  step('sells with "Simulate sale" until the low-stock alert shows in the feed with its delivery', async () => {
    const row = productRow(staff, COFFEE);
    await stockOf(row, 12);
    for (const expected of [11, 10, 9]) {
      await row.getByRole('button', { name: /Simulate sale/ }).click();
      await stockOf(row, expected);
    }
    // 10 → 9 crosses the threshold of 10.
    await staff.getByTestId('alert-toast').filter({ hasText: COFFEE }).waitFor();
    await screenshot(staff, '04-products-low-stock');

    await staff.getByRole('link', { name: /^Alerts/ }).click();
    const alert = staff.getByTestId('alert').filter({ hasText: COFFEE });
    await alert.filter({ hasText: '9 left (threshold 10)' }).waitFor();
    await alert.getByTestId('delivery-status').filter({ hasText: 'delivered' }).waitFor({ timeout: 30_000 });
    expect(webhook.received.some((body) => JSON.stringify(body).includes(COFFEE))).toBe(true);
    await screenshot(staff, '05-alerts');
  });

  step('says clearly when a sale finds the product out of stock', async () => {
    await staff.getByRole('link', { name: 'Products' }).click();
    const form = staff.locator('form.add-product');
    await form.getByLabel('Name', { exact: true }).fill('Last bar of lavender soap');
    await form.getByLabel('Stock', { exact: true }).fill('1');
    await form.getByLabel('Price', { exact: true }).fill('3.50');
    await form.getByRole('button', { name: 'Add product' }).click();
    await staff.locator('form.product-editor').getByRole('heading', { name: 'Last bar of lavender soap' }).waitFor({ timeout: 30_000 });

    const row = productRow(staff, 'Last bar of lavender soap');
    await row.getByRole('button', { name: /Simulate sale/ }).click();
    await stockOf(row, 0);
    await row.getByRole('button', { name: /Simulate sale/ }).click();
    await row.getByRole('alert').filter({ hasText: 'Out of stock' }).waitFor();
    await stockOf(row, 0);
    await screenshot(staff, '06-products-out-of-stock');
  });

  step("shows the manager the stock a customer's order takes, without reloading", async () => {
    const row = productRow(staff, COFFEE);
    await stockOf(row, 9);
    await staff.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    await shopper.goto(`${bodega.baseUrl}/sign-up`);
    await shopper.getByLabel('Name').fill(customer.name);
    await shopper.getByLabel('Email').fill(customer.email);
    await shopper.getByLabel('Password').fill(customer.password);
    await shopper.getByRole('button', { name: 'Sign up' }).click();
    await shopper.waitForURL('**/shop');
    await shopper.getByText(`${customer.name} (customer)`).waitFor();

    await shopper.getByRole('button', { name: `Add to cart: ${COFFEE}` }).click();
    await shopper.getByLabel(`Quantity of ${COFFEE}`).fill('2');
    await screenshot(shopper, '07-shop-cart');
    await shopper.getByRole('button', { name: 'Place order' }).click();
    await shopper.getByRole('status').filter({ hasText: /Order #\d+ placed/ }).waitFor();
    await shopper.locator('li.order').first().getByTestId('order-status').filter({ hasText: 'PLACED' }).waitFor();
    await screenshot(shopper, '08-shop-order-placed');

    await stockOf(row, 7);
    expect(await staff.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await screenshot(staff, '09-products-after-order');
  });

  step('lets the manager move the order along while the customer watches its status, and cancel it', async () => {
    await staff.getByRole('link', { name: 'Orders' }).click();
    const staffOrder = staff.locator('li.order').filter({ hasText: customer.email });
    await staffOrder.getByRole('button', { name: 'Mark paid' }).click();
    await staffOrder.getByTestId('order-status').filter({ hasText: 'PAID' }).waitFor();
    const myOrder = shopper.locator('li.order').first();
    await myOrder.getByTestId('order-status').filter({ hasText: 'PAID' }).waitFor();
    await screenshot(staff, '10-orders');

    await myOrder.getByRole('button', { name: 'Cancel order' }).click();
    await myOrder.getByTestId('order-status').filter({ hasText: 'CANCELLED' }).waitFor();
    await staffOrder.getByTestId('order-status').filter({ hasText: 'CANCELLED' }).waitFor();
    await screenshot(shopper, '11-my-orders-cancelled');
  });

  step('charts sales per minute and the lowest stock on the dashboard', async () => {
    // A cancelled order is no sale: the customer orders once more.
    await shopper.getByRole('button', { name: `Add to cart: ${COFFEE}` }).click();
    await shopper.getByRole('button', { name: 'Place order' }).click();
    await shopper.getByRole('status').filter({ hasText: /Order #\d+ placed/ }).waitFor();
    await staff.getByRole('link', { name: 'Dashboard' }).click();
    await staff.getByRole('heading', { name: 'Sales per minute' }).waitFor();
    await staff.locator('#stock-chart-caption').filter({ hasText: 'Last bar of lavender soap 0/10' }).waitFor();
    await staff.locator('.recharts-surface').first().waitFor();
    // The order placed a moment ago is in the server's aggregates, so a reload shows what live showed.
    const caption = staff.locator('#sales-chart-caption').filter({ hasText: /[1-9]\d* orders placed/ });
    await caption.waitFor();
    const live = await caption.textContent();
    await staff.getByTestId('kpi').filter({ hasText: 'Average order value' }).waitFor();
    await screenshot(staff, '12-dashboard');
    // What a reload shows: the same page opened afresh.
    const reloaded = await managerContext.newPage();
    await reloaded.goto(`${bodega.baseUrl}/dashboard`);
    await reloaded.locator('#sales-chart-caption').filter({ hasText: live ?? '' }).waitFor();
    expect(await reloaded.title()).toBe('Dashboard · Bodega');
    await reloaded.close();
    expect(pageErrors.flat()).toEqual([]);
  });

  step("opens a product's page: its stock history from the ledger, a stock adjustment, the AI's confidence", async () => {
    await staff.getByRole('link', { name: 'Products' }).click();
    await productRow(staff, COFFEE).getByRole('link', { name: `Details of ${COFFEE}` }).click();
    await staff.getByRole('heading', { level: 1, name: COFFEE }).waitFor();
    expect(await staff.title()).toBe('Product · Bodega');
    const history = staff.getByTestId('stock-history');
    await history.locator('tbody tr').filter({ hasText: 'Created with' }).waitFor();
    await history.locator('tbody tr').filter({ hasText: 'Sale' }).first().waitFor();
    await history.locator('tbody tr').filter({ hasText: 'Order cancelled' }).waitFor();
    await staff.getByLabel('Reason').selectOption('RECEIVED');
    await staff.getByLabel('Change in units').fill('5');
    await staff.getByLabel(/Note/).fill('Pallet from the roaster');
    await staff.getByRole('button', { name: 'Record change' }).click();
    await history.locator('tbody tr').first().filter({ hasText: 'Pallet from the roaster' }).filter({ hasText: '+5' }).waitFor();
    await screenshot(staff, '13-product-detail');
  });

  step("opens an order's page with its items, total and status timeline", async () => {
    await staff.getByRole('link', { name: 'Orders' }).click();
    const cancelled = staff.locator('li.order').filter({ hasText: 'CANCELLED' }).first();
    await cancelled.getByRole('link', { name: /^Order #\d+$/ }).click();
    await staff.getByRole('heading', { level: 1, name: /^Order #\d+$/ }).waitFor();
    const timeline = staff.getByTestId('status-history');
    for (const status of ['PLACED', 'PAID', 'CANCELLED']) await timeline.locator('li').filter({ hasText: status }).waitFor();
    expect(await staff.title()).toBe('Order · Bodega');
    await screenshot(staff, '14-order-detail');
    expect(pageErrors.flat()).toEqual([]);
  });

  step('fits every screen on a 390 px phone: no sideways scroll', async () => {
    const phone = await managerContext.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    const productId = await staff.evaluate(() => document.querySelector('a[href^="/products/"]')?.getAttribute('href'));
    const orderId = await staff.evaluate(() => document.querySelector('a[href^="/orders/"]')?.getAttribute('href'));
    const screens = [...STAFF_SCREENS, ...[productId, orderId].filter((path): path is string => Boolean(path))];
    const wide: string[] = [];
    for (const path of screens) {
      await phone.goto(`${bodega.baseUrl}${path}`);
      await phone.locator('main h1').first().waitFor();
      await phone.waitForLoadState('networkidle').catch(() => undefined);
      const width = await phone.evaluate(() => document.documentElement.scrollWidth);
      if (width > 390) {
        const culprits = await phone.evaluate(() =>
          [...document.querySelectorAll('main *, header *')]
            .filter((el) => el.getBoundingClientRect().right > 392 && el.children.length < 3)
            .slice(0, 4)
            .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
        );
        wide.push(`${path}: ${width} px (${culprits.join(', ')})`);
      }
      await screenshot(phone, `phone${path.replace(/\//g, '-')}`);
    }
    await phone.close();
    const shop = await customerContext.newPage();
    await shop.setViewportSize({ width: 390, height: 844 });
    await shop.goto(`${bodega.baseUrl}/shop`);
    await shop.locator('main h1').first().waitFor();
    if ((await shop.evaluate(() => document.documentElement.scrollWidth)) > 390) wide.push('/shop (customer)');
    await shop.getByRole('link', { name: /^Cart/ }).waitFor();
    await screenshot(shop, 'phone-shop-customer');
    await shop.close();
    expect(wide).toEqual([]);
  });

  step('has no automated accessibility violations (axe-core, WCAG 2.1 A/AA) on any screen', async () => {
    const page = await managerContext.newPage();
    const productId = await staff.evaluate(() => document.querySelector('a[href^="/products/"]')?.getAttribute('href'));
    const orderId = await staff.evaluate(() => document.querySelector('a[href^="/orders/"]')?.getAttribute('href'));
    const found: string[] = [];
    for (const path of [...STAFF_SCREENS, productId, orderId].filter(Boolean) as string[]) {
      await page.goto(`${bodega.baseUrl}${path}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle').catch(() => undefined);
      for (const violation of await accessibilityViolations(page)) found.push(`${path} ${violation}`);
    }
    await page.close();
    const guest = await browser.newPage();
    for (const path of ['/shop', '/help', '/log-in', '/sign-up']) {
      await guest.goto(`${bodega.baseUrl}${path}`);
      await guest.locator('main h1, main h2').first().waitFor();
      for (const violation of await accessibilityViolations(guest)) found.push(`${path} (guest) ${violation}`);
    }
    await guest.close();
    expect(found).toEqual([]);
  }, 90_000);
});

function productRow(page: Page, name: string): Locator {
  return page.locator('table.products tbody tr').filter({ has: page.getByRole('button', { name: `Edit ${name}`, exact: true }) });
}

/** Waits until the row shows this stock (it changes live, from the stock feed). */
async function stockOf(row: Locator, stock: number): Promise<void> {
  await row.getByTestId('stock').filter({ hasText: new RegExp(`^${stock}$`) }).waitFor();
}
