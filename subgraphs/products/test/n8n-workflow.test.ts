// The n8n workflow users import (integrations/n8n): its shape, and its Code nodes run in a
// sandbox with stand-ins for the n8n globals they use ($input, $env, $, $getWorkflowStaticData,
// this.helpers), against bodies signed by Bodega's own signing function.
import * as crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { faker } from '@faker-js/faker';
import { signAlert, verifyAlertSignature } from '../src/alerts/signature';
import { alertBody } from '../src/alerts/webhook';

interface N8nNode {
  id: string;
  name: string;
  type: string;
  typeVersion: number;
  position: [number, number];
  parameters: Record<string, any>;
}
interface Workflow {
  name: string;
  nodes: N8nNode[];
  connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }>;
}

const workflow = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'integrations', 'n8n', 'low-stock-alert.workflow.json'), 'utf8'),
) as Workflow;
const byName = (name: string) => {
  const node = workflow.nodes.find((n) => n.name === name);
  if (!node) throw new Error(`the workflow has no node "${name}"`);
  return node;
};
/** Where output `index` of a node leads. */
const next = (name: string, index = 0) => workflow.connections[name]?.main[index]?.map((link) => link.node) ?? [];

const SECRET = 'n8n-shared-secret-0123456789';
type Item = { json: Record<string, any> };

interface Sandbox {
  headers?: Record<string, string>;
  body: string;
  staticData?: Record<string, unknown>;
  input?: Item[];
  nodeOutputs?: Record<string, Item[]>;
  env?: Record<string, string | undefined>;
}

/** Runs a Code node's JavaScript as n8n does: an async function body, `this.helpers` bound. */
async function runCode(nodeName: string, sandbox: Sandbox): Promise<Item[]> {
  const items: Item[] = sandbox.input ?? [{ json: { headers: sandbox.headers ?? {}, body: JSON.parse(sandbox.body) } }];
  const staticData = sandbox.staticData ?? {};
  const globals = {
    Buffer,
    require: (name: string) => {
      if (name === 'crypto') return crypto; // what NODE_FUNCTION_ALLOW_BUILTIN=crypto allows
      throw new Error(`Cannot find module '${name}' [not allowed in the Code node]`);
    },
    $env: sandbox.env ?? { BODEGA_WEBHOOK_SECRET: SECRET },
    $input: { first: () => items[0], all: () => items },
    $: (name: string) => ({ first: () => sandbox.nodeOutputs?.[name]?.[0], all: () => sandbox.nodeOutputs?.[name] ?? [] }),
    $getWorkflowStaticData: (scope: string) => {
      if (scope !== 'global') throw new Error('unexpected static data scope');
      return staticData;
    },
  };
  const code = byName(nodeName).parameters.jsCode as string;
  const fn = runInNewContext(`(async function () {\n${code}\n})`, globals) as (this: unknown) => Promise<Item[]>;
  return fn.call({ helpers: { getBinaryDataBuffer: async (index: number, property: string) => {
    expect([index, property]).toEqual([0, 'data']);
    return Buffer.from(sandbox.body, 'utf8');
  } } });
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

function signedAlert(timestamp = nowSeconds()) {
  const alert = {
    id: faker.string.uuid(),
    productId: faker.string.uuid(),
    productName: faker.commerce.productName(),
    stock: faker.number.int({ min: 0, max: 9 }),
    threshold: 10,
    occurredAt: faker.date.recent(),
  };
  const body = alertBody(alert);
  const headers = {
    'content-type': 'application/json',
    'x-bodega-signature': signAlert(body, SECRET, timestamp),
    'x-bodega-delivery': alert.id,
    'x-bodega-attempt': '1',
  };
  return { alert, body, headers };
}

beforeAll(() => faker.seed(5007));

describe('the n8n low-stock workflow (integrations/n8n/low-stock-alert.workflow.json)', () => {
  it('is a well-formed workflow: unique node names, every link to an existing node, every node reached', () => {
    const names = workflow.nodes.map((n) => n.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of workflow.nodes) {
      expect(n).toMatchObject({ id: expect.any(String), type: expect.stringMatching(/^n8n-nodes-base\./), typeVersion: expect.any(Number) });
      expect(n.position).toHaveLength(2);
    }
    const targets = Object.entries(workflow.connections).flatMap(([source, outputs]) => {
      expect(names).toContain(source);
      return outputs.main.flat().map((link) => link.node);
    });
    for (const target of targets) expect(names).toContain(target);
    const triggers = workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.webhook');
    expect(triggers).toHaveLength(1);
    expect(new Set(targets)).toEqual(new Set(names.filter((name) => name !== triggers[0]!.name)));
  });

  it('receives POSTs on /webhook/bodega-low-stock with the raw body and answers from Respond nodes only', () => {
    expect(byName('Bodega alert webhook').parameters).toMatchObject({
      httpMethod: 'POST',
      path: 'bodega-low-stock',
      responseMode: 'responseNode',
      options: { rawBody: true },
    });
    expect(next('Bodega alert webhook')).toEqual(['Verify signature']);
  });

  it('answers 401 on a bad signature, 200 to a duplicate, and 200 only after fetching the price and formatting', () => {
    expect(next('Verify signature')).toEqual(['Signature valid?']);
    expect(next('Signature valid?', 1)).toEqual(['Reject: bad signature']);
    expect(byName('Reject: bad signature').parameters.options.responseCode).toBe(401);
    expect(next('Signature valid?', 0)).toEqual(['Already handled?']);
    expect(next('Already handled?', 0)).toEqual(['Acknowledge duplicate']);
    expect(byName('Acknowledge duplicate').parameters.options.responseCode).toBe(200);
    expect(next('Already handled?', 1)).toEqual(['Supplier price']);
    expect(byName('Supplier price').parameters.url).toContain('$env.SUPPLIER_PRICE_URL');
    expect(next('Supplier price')).toEqual(['Format alert message']);
    expect(next('Format alert message')).toEqual(['Remember delivery']);
    expect(next('Remember delivery')).toEqual(['Acknowledge']);
    expect(byName('Acknowledge').parameters.options.responseCode).toBe(200);
  });

  it('accepts a body signed by Bodega and hands on the alert', async () => {
    const { alert, body, headers } = signedAlert();
    const [out] = await runCode('Verify signature', { headers, body });
    expect(out!.json).toEqual({ valid: true, duplicate: false, deliveryId: alert.id, attempt: 1, alert: JSON.parse(body) });
  });

  it('rejects a tampered body, another secret, an edited timestamp and a missing or body-only signature', async () => {
    const { body, headers } = signedAlert();
    const tampered = body.replace(/"current_stock":\d+/, '"current_stock":99');
    expect(tampered).not.toBe(body);
    const [, v1] = headers['x-bodega-signature'].split(',');
    const bodyOnly = `sha256=${crypto.createHmac('sha256', SECRET).update(body).digest('hex')}`;
    const cases: Array<[Sandbox, string]> = [
      [{ headers, body: tampered }, 'bad signature'],
      [{ headers: { ...headers, 'x-bodega-signature': signAlert(body, 'another-secret-0123456789') }, body }, 'bad signature'],
      [{ headers: { ...headers, 'x-bodega-signature': `t=${nowSeconds() + 1},${v1}` }, body }, 'bad signature'],
      [{ headers: { ...headers, 'x-bodega-signature': '' }, body }, 'malformed signature header'],
      [{ headers: { ...headers, 'x-bodega-signature': bodyOnly }, body }, 'malformed signature header'],
    ];
    for (const [sandbox, reason] of cases) {
      const [out] = await runCode('Verify signature', sandbox);
      expect(out!.json).toEqual({ valid: false, reason });
    }
  });

  it('accepts a signature up to 5 minutes old or ahead and refuses a replay from longer ago', async () => {
    const verdict = async (ageSeconds: number) => {
      const { body, headers } = signedAlert(nowSeconds() - ageSeconds);
      const [out] = await runCode('Verify signature', { headers, body });
      return out!.json;
    };
    expect(await verdict(295)).toMatchObject({ valid: true });
    expect(await verdict(-295)).toMatchObject({ valid: true });
    for (const age of [305, -305, 86_400]) {
      expect(await verdict(age)).toEqual({ valid: false, reason: expect.stringMatching(/more than 5 minutes away/) });
    }
  });

  it('agrees with Bodega\'s own verifier on every verdict', async () => {
    for (const age of [0, 295, 305]) {
      const { body, headers } = signedAlert(nowSeconds() - age);
      const [out] = await runCode('Verify signature', { headers, body });
      expect(out!.json.valid).toBe(verifyAlertSignature(headers['x-bodega-signature'], body, SECRET).valid);
    }
  });

  it('answers a refused delivery 401 with the reason', () => {
    expect(byName('Reject: bad signature').parameters).toMatchObject({ responseBody: '={{ { error: $json.reason } }}', options: { responseCode: 401 } });
  });

  it('fails the run (n8n answers 500, Bodega retries) when BODEGA_WEBHOOK_SECRET is not set', async () => {
    const { body, headers } = signedAlert();
    await expect(runCode('Verify signature', { headers, body, env: {} })).rejects.toThrow(/BODEGA_WEBHOOK_SECRET is not set/);
  });

  it('formats the message, remembers the delivery, and then knows a retry of it as a duplicate', async () => {
    const { alert, body, headers } = signedAlert();
    const staticData: Record<string, unknown> = {};
    const verified = await runCode('Verify signature', { headers, body, staticData });

    const formatted = await runCode('Format alert message', {
      body,
      input: [{ json: { price: '3.20', currency: 'EUR' } }],
      nodeOutputs: { 'Verify signature': verified },
    });
    expect(formatted[0]!.json).toMatchObject({
      message: `Low stock: ${alert.productName} is down to ${alert.stock} (threshold 10); supplier price 3.20 EUR.`,
      delivery_id: alert.id,
      supplier_price: '3.20',
    });

    // A retry before the run finished (nothing remembered yet) is handled again, not dropped.
    const [beforeDone] = await runCode('Verify signature', { headers: { ...headers, 'x-bodega-attempt': '2' }, body, staticData });
    expect(beforeDone!.json.duplicate).toBe(false);

    await runCode('Remember delivery', { body, input: formatted, staticData });
    const [retry] = await runCode('Verify signature', { headers: { ...headers, 'x-bodega-attempt': '2' }, body, staticData });
    expect(retry!.json).toMatchObject({ valid: true, duplicate: true, attempt: 2 });
  });
});
