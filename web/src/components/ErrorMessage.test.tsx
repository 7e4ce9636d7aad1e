import { render, screen } from '@testing-library/react';
import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { ErrorMessage } from './ErrorMessage';

describe('ErrorMessage', () => {
  it('shows every message the server sent, in an alert', () => {
    const error = new CombinedError({
      graphQLErrors: [
        new GraphQLError('Only 0 of "Soap" in stock; 1 requested.', { extensions: { code: 'OUT_OF_STOCK' } }),
        new GraphQLError('Price must have at most two fraction digits.', { extensions: { code: 'BAD_USER_INPUT', field: 'price.amount' } }),
      ],
    });
    render(<ErrorMessage error={error} title="Not saved" />);

    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Not saved');
    expect(alert.textContent).toContain('Out of stock. Only 0 of "Soap" in stock; 1 requested.');
    expect(alert.textContent).toContain('Price must have at most two fraction digits.');
    expect(alert.textContent).not.toContain('price.amount');
    expect(alert.textContent).not.toContain('[GraphQL]');
  });

  it('says the server could not be reached when the request never got an answer', () => {
    render(<ErrorMessage error={new CombinedError({ networkError: new Error('Failed to fetch') })} />);
    expect(screen.getByRole('alert').textContent).toContain('Cannot reach the server: Failed to fetch');
  });

  it('renders nothing without an error', () => {
    const { container } = render(<ErrorMessage error={undefined} />);
    expect(container.innerHTML).toBe('');
  });
});
