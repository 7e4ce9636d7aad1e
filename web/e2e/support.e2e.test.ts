import { createTestDatabase, type TestDatabase } from '@bodega/testing/databases';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildWebApp, startBodega, type RunningBodega } from './support/bodega';
import { launchChromium, screenshot, watchPage } from './support/browser';

// A customer's support conversation in Chromium against `npm start`: live replies, and a connection
// dropped and restored mid-conversation that neither loses nor repeats a message.
const run = Date.now().toString(36);
const customer = { name: 'Sam Support', email: `sam-${run}@bodega.test`, password: 'parcel-late-2026!' };

async function graphql<T>(url: string, query: string, variables: Record<string, unknown>, authorization?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data || body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

describe('the Support page, in Chromium, against npm start', () => {
  let db: TestDatabase;
  let bodega: RunningBodega;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let agent: string;
  let conversationId: string;
  let agentCredentials: { email: string; password: string };

  beforeAll(async () => {
    buildWebApp();
    db = await createTestDatabase();
    bodega = await startBodega({ databaseUrl: db.url, redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
    // The first account is the ADMIN: it answers as the agent, over the API.
    const admin = await graphql<{ signUp: { accessToken: string } }>(
      `${bodega.baseUrl}/graphql`,
      'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }',
      { input: { email: `agent-${run}@bodega.test`, password: 'support-desk-2026!', name: 'Ada Agent' } },
    );
    agent = `Bearer ${admin.signUp.accessToken}`;
    agentCredentials = { email: `agent-${run}@bodega.test`, password: 'support-desk-2026!' };
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
    // A handle on the page's websockets, to drop them and hold reconnects back as a network outage would
    // (emulated offline mode leaves loopback sockets open).
    await context.addInitScript(() => {
      const Native = window.WebSocket;
      const state = window as unknown as { __sockets: WebSocket[]; __outage: boolean };
      state.__sockets = [];
      state.__outage = false;
      window.WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(state.__outage ? 'ws://127.0.0.1:9/outage' : url, protocols);
          state.__sockets.push(this);
        }
      } as typeof WebSocket;
    });
    page = await context.newPage();
    errors = watchPage(page, 'customer');
    page.setDefaultTimeout(15_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await bodega?.stop();
    await db?.drop();
  }, 60_000);

  const reply = (body: string) =>
    graphql(`${bodega.baseUrl}/graphql`, 'mutation($id: ID!, $body: String!) { sendMessage(conversationId: $id, body: $body) { id } }', { id: conversationId, body }, agent);

  it('starts a conversation and shows an agent’s reply as it is sent', async () => {
    await page.goto(`${bodega.baseUrl}/sign-up`);
    await page.getByLabel('Name').fill(customer.name);
    await page.getByLabel('Email').fill(customer.email);
    await page.getByLabel('Password').fill(customer.password);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL('**/shop');
    await page.getByRole('link', { name: 'Support', exact: true }).click();
    await page.getByLabel('Subject').fill('My parcel is late');
    await page.getByLabel('Message').fill('<b>Order 12</b> has not arrived.');
    await page.getByRole('button', { name: 'Start a conversation' }).click();
    // Markup is shown as the text it is.
    await page.locator('.messages').getByText('<b>Order 12</b> has not arrived.').waitFor();
    const conversations = await graphql<{ conversations: { edges: Array<{ node: { id: string } }> } }>(
      `${bodega.baseUrl}/graphql`,
      '{ conversations(first: 1) { edges { node { id } } } }',
      {},
      agent,
    );
    conversationId = conversations.conversations.edges[0]!.node.id;
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await reply('We are looking into it.');
    await page.locator('.messages').getByText('We are looking into it.').waitFor();
    await screenshot(page, 'support-01-live-reply');
  }, 60_000);

  it('after the connection drops and comes back, shows every reply sent meanwhile, once and in order', async () => {
    await page.evaluate(() => {
      const state = window as unknown as { __sockets: WebSocket[]; __outage: boolean };
      state.__outage = true;
      for (const socket of state.__sockets) socket.close();
    });
    await page.getByRole('status').filter({ hasText: /Reconnecting|Connecting/ }).waitFor();
    for (const body of ['Found it at the depot.', 'It leaves today.', 'Tracking: XY123.']) await reply(body);
    await page.waitForTimeout(500);
    expect(await page.locator('.messages').getByText('Found it at the depot.').count()).toBe(0);
    await page.evaluate(() => {
      (window as unknown as { __outage: boolean }).__outage = false;
    });
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: 30_000 });
    await page.locator('.messages').getByText('Tracking: XY123.').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1000);
    const bodies = await page.locator('.messages > li .body').allTextContents();
    expect(bodies).toEqual(['<b>Order 12</b> has not arrived.', 'We are looking into it.', 'Found it at the depot.', 'It leaves today.', 'Tracking: XY123.']);
    await screenshot(page, 'support-02-resumed');
    expect(errors).toEqual([]);
  }, 60_000);

  it('lets an agent answer from the Inbox, with an internal note the customer never sees, and resolve', async () => {
    const staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
    const staff = await staffContext.newPage();
    staff.setDefaultTimeout(15_000);
    const staffErrors = watchPage(staff, 'agent');
    try {
      await staff.goto(`${bodega.baseUrl}/log-in`);
      await staff.getByLabel('Email').fill(agentCredentials.email);
      await staff.getByLabel('Password').fill(agentCredentials.password);
      await staff.getByRole('button', { name: 'Log in' }).click();
      await staff.waitForURL('**/products');
      await staff.getByRole('link', { name: 'Inbox' }).click();
      await staff.getByRole('heading', { name: 'Inbox' }).waitFor();
      await staff.getByRole('button', { name: /My parcel is late/ }).click();
      await staff.locator('.messages').getByText('Tracking: XY123.').waitFor();
      await staff.getByLabel('Internal note').check();
      await staff.getByLabel('Your message').fill('Courier confirmed, no refund needed.');
      await staff.getByRole('button', { name: 'Send' }).click();
      await staff.locator('.messages .internal').getByText('Courier confirmed, no refund needed.').waitFor();
      await staff.getByLabel('Internal note').uncheck();
      await staff.getByLabel('Your message').fill('It will be with you tomorrow.');
      await staff.getByRole('button', { name: 'Send' }).click();
      await page.locator('.messages').getByText('It will be with you tomorrow.').waitFor();
      await staff.getByRole('button', { name: 'Mark resolved' }).click();
      await page.locator('.messages').getByText('The conversation was marked resolved.').waitFor();
      await page.locator('#conversation-title').getByText('RESOLVED').waitFor();
      await screenshot(staff, 'support-03-inbox');
      await screenshot(page, 'support-04-customer-after-inbox');
      expect(await page.getByText('Courier confirmed').count()).toBe(0);
      expect(staffErrors).toEqual([]);
    } finally {
      await staffContext.close();
    }
  }, 60_000);
});
