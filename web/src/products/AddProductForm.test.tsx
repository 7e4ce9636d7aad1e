import { act, fireEvent, screen } from '@testing-library/react';
import { CombinedError, makeResult, type Operation } from '@urql/core';
import { GraphQLError } from 'graphql';
import { makeSubject, fromValue } from 'wonka';
import { mockClient, renderWith } from '../../test/render';
import { AddProductForm } from './AddProductForm';

const created = {
  __typename: 'Product',
  id: 'p1',
  name: 'Arabica coffee beans',
  keywords: ['coffee'],
  description: 'Whole arabica beans.',
  stock: 12,
  lowStockThreshold: 10,
  lowStock: false,
  price: { __typename: 'Money', amount: '14.90', currencyCode: 'EUR' },
  category: { __typename: 'Category', id: '1868', name: 'Coffee', path: 'Food, Beverages & Tobacco > Beverages > Coffee' },
  enrichment: { __typename: 'Enrichment', status: 'COMPLETE', source: 'LOCAL', error: null },
};

function fill() {
  fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Arabica coffee beans' } });
  fireEvent.change(screen.getByLabelText(/Keywords/), { target: { value: 'coffee, arabica , ' } });
  fireEvent.change(screen.getByLabelText('Stock'), { target: { value: '12' } });
  fireEvent.change(screen.getByLabelText('Price'), { target: { value: '14.90' } });
}

describe('AddProductForm', () => {
  it('says the AI is working while the product is created, then hands over the generated product', async () => {
    const answer = makeSubject<ReturnType<typeof makeResult>>();
    const executeMutation = jest.fn(() => answer.source);
    const onCreated = jest.fn();
    renderWith(mockClient({ executeMutation }), <AddProductForm onCreated={onCreated} />);

    fill();
    fireEvent.click(screen.getByRole('button', { name: 'Add product' }));

    expect(screen.getByRole('status').textContent).toContain('the AI is writing its description');
    expect((screen.getByRole('button', { name: 'Add product' }) as HTMLButtonElement).disabled).toBe(true);
    const operation = (executeMutation.mock.calls[0] as unknown as [Operation])[0];
    expect(operation.variables).toEqual({
      input: { name: 'Arabica coffee beans', keywords: ['coffee', 'arabica'], stock: 12, lowStockThreshold: 10, price: { amount: '14.90', currencyCode: 'EUR' } },
    });

    await act(async () => {
      answer.next(makeResult(operation, { data: { createProduct: created } }));
      answer.complete();
    });
    expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ id: 'p1', description: 'Whole arabica beans.' }));
    // The next product starts from a fresh form, not this one's stock.
    expect((screen.getByLabelText('Stock') as HTMLInputElement).value).toBe('20');
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it("shows the server's message when the product is refused", async () => {
    const executeMutation = jest.fn((operation: Operation) =>
      fromValue({
        operation,
        data: undefined,
        error: new CombinedError({ graphQLErrors: [new GraphQLError('Stock must be 0 or more.', { extensions: { code: 'BAD_USER_INPUT', field: 'stock' } })] }),
        stale: false,
        hasNext: false,
      }),
    );
    const onCreated = jest.fn();
    renderWith(mockClient({ executeMutation }), <AddProductForm onCreated={onCreated} />);

    fill();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Add product' }));
    });

    expect(screen.getByRole('alert').textContent).toContain('Stock must be 0 or more.');
    expect(screen.getByRole('alert').textContent).not.toContain('field:');
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('takes a price with a comma in a shop whose locale writes one, and says inline when a price is not one', async () => {
    document.documentElement.lang = 'de-DE';
    try {
      const executeMutation = jest.fn(() => makeSubject<ReturnType<typeof makeResult>>().source);
      renderWith(mockClient({ executeMutation }), <AddProductForm onCreated={jest.fn()} />);
      fill();
      fireEvent.change(screen.getByLabelText('Price'), { target: { value: '12,3x' } });
      const price = screen.getByLabelText('Price');
      expect(price.getAttribute('aria-invalid')).toBe('true');
      expect(document.getElementById(price.getAttribute('aria-describedby')!)?.textContent).toContain('12,50');
      fireEvent.click(screen.getByRole('button', { name: 'Add product' }));
      expect(executeMutation).not.toHaveBeenCalled();

      fireEvent.change(screen.getByLabelText('Price'), { target: { value: '12,50' } });
      expect(screen.getByLabelText('Price').getAttribute('aria-invalid')).toBeNull();
      fireEvent.click(screen.getByRole('button', { name: 'Add product' }));
      const operation = (executeMutation.mock.calls[0] as unknown as [Operation])[0];
      expect((operation.variables as { input: { price: unknown } }).input.price).toEqual({ amount: '12.50', currencyCode: 'EUR' });
    } finally {
      document.documentElement.lang = '';
    }
  });
});
