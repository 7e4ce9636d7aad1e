import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { Provider, type Client } from 'urql';
import { never } from 'wonka';

export type Execute = jest.Mock;

/** An urql client whose operations answer with what the test gives; subscriptions stay silent. */
export function mockClient(overrides: { executeQuery?: Execute; executeMutation?: Execute; executeSubscription?: Execute } = {}): Client {
  return {
    executeQuery: overrides.executeQuery ?? jest.fn(() => never),
    executeMutation: overrides.executeMutation ?? jest.fn(() => never),
    executeSubscription: overrides.executeSubscription ?? jest.fn(() => never),
  } as unknown as Client;
}

export function renderWith(client: Client, ui: ReactElement): RenderResult {
  return render(<Provider value={client}>{ui}</Provider>);
}
