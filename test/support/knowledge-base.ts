import type { Stack } from './stack';
import { contractOperation } from './stack';

export interface IngestedDocument {
  id: string;
  title: string;
  status: string;
}

/** Ingests through the gateway's contract operation as `authorization` (default: the file's ADMIN). */
export async function ingest(stack: Stack, input: Record<string, unknown>, authorization?: string): Promise<IngestedDocument> {
  const response = await stack.request<{ ingestDocument: IngestedDocument }>(
    contractOperation('IngestDocument'),
    { input },
    authorization ? { authorization } : {},
  );
  if (!response.body.data) throw new Error(`IngestDocument failed: ${JSON.stringify(response.body.errors)}`);
  return response.body.data.ingestDocument;
}

/** Waits until the document's latest version is READY (or FAILED), asking through the gateway as ADMIN. */
export async function settled(stack: Stack, id: string, timeoutMs = 20_000): Promise<{ status: string; chunkCount: number; failureReason: string | null }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await stack.request<{ document: { status: string; chunkCount: number; failureReason: string | null } | null }>(
      'query ($id: ID!) { document(id: $id) { status chunkCount failureReason } }',
      { id },
    );
    const document = response.body.data?.document;
    if (document && (document.status === 'READY' || document.status === 'FAILED')) return document;
    if (Date.now() > deadline) throw new Error(`Document ${id} did not settle: ${JSON.stringify(response.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

/** Ingests and waits until READY. */
export async function ingestReady(stack: Stack, input: Record<string, unknown>): Promise<IngestedDocument> {
  const document = await ingest(stack, input);
  const state = await settled(stack, document.id);
  if (state.status !== 'READY') throw new Error(`Document ${document.id} FAILED: ${state.failureReason}`);
  return document;
}

export const RETURNS_POLICY = `# Returns

You can send back anything you bought within 30 days of delivery for a full refund. Items must be unused and in their original packaging.

## How to send an item back

Open My orders, choose the item and print the prepaid label. Drop the parcel at any post office.

## Refunds

We refund to the original payment method within 5 working days of receiving the parcel.
`;

export const SHIPPING_POLICY = `# Shipping

Standard delivery takes 2 to 4 working days and costs 4.95 EUR. Orders over 50 EUR ship free.

## Express delivery

Express delivery arrives the next working day when ordered before 2 pm, for 9.95 EUR.
`;
