import { act, fireEvent, screen } from '@testing-library/react';
import { makeResult, type Operation } from '@urql/core';
import { GraphQLError } from 'graphql';
import { fromValue, never } from 'wonka';
import { mockClient, renderWith } from '../../test/render';
import { StaffPage } from './StaffPage';

const user = (id: string, name: string, role: string) => ({
  __typename: 'User',
  id,
  email: `${name.toLowerCase()}@bodega.test`,
  name,
  role,
  createdAt: '2026-11-20T10:00:00.000Z',
});

function page(hasNextPage: boolean, users: ReturnType<typeof user>[]) {
  return {
    users: {
      __typename: 'UserConnection',
      totalCount: 21,
      pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: hasNextPage ? 'cursor-20' : null },
      edges: users.map((node) => ({ __typename: 'UserEdge', cursor: node.id, node })),
    },
  };
}

function client(executeMutation: jest.Mock = jest.fn(() => never)) {
  const executeQuery = jest.fn((operation: Operation) =>
    fromValue(makeResult(operation, { data: operation.variables?.after ? page(false, [user('u21', 'Zoe', 'CUSTOMER')]) : page(true, [user('u1', 'Mara', 'ADMIN'), user('u2', 'Ana', 'CUSTOMER')]) })),
  );
  return { client: mockClient({ executeQuery, executeMutation }), executeQuery, executeMutation };
}

describe('StaffPage', () => {
  it('lists accounts with their roles, marks the viewer, and pages on with the cursor', async () => {
    const { client: urql, executeQuery } = client();
    renderWith(urql, <StaffPage selfId="u1" />);
    expect(screen.getByText('21 accounts')).toBeTruthy();
    expect((screen.getByLabelText('Role of Mara') as HTMLSelectElement).value).toBe('ADMIN');
    expect((screen.getByLabelText('Role of Ana') as HTMLSelectElement).value).toBe('CUSTOMER');
    expect(screen.getByText('(you)')).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Next page' })));
    expect(screen.getByLabelText('Role of Zoe')).toBeTruthy();
    const last = executeQuery.mock.calls.at(-1) as unknown as [Operation];
    expect(last[0].variables).toMatchObject({ first: 20, after: 'cursor-20' });
  });

  it('changes a role through setUserRole', async () => {
    const executeMutation = jest.fn((operation: Operation) => fromValue(makeResult(operation, { data: { setUserRole: { __typename: 'User', id: 'u2', role: 'STAFF' } } })));
    const { client: urql } = client(executeMutation);
    renderWith(urql, <StaffPage selfId="u1" />);
    await act(async () => fireEvent.change(screen.getByLabelText('Role of Ana'), { target: { value: 'STAFF' } }));
    const [operation] = executeMutation.mock.calls[0] as unknown as [Operation];
    expect(operation.variables).toEqual({ userId: 'u2', role: 'STAFF' });
    expect((screen.getByLabelText('Role of Ana') as HTMLSelectElement).value).toBe('STAFF');
    expect(screen.getByLabelText('Role of Ana').getAttribute('aria-invalid')).toBeNull();
  });

  it('shows a refused change next to its row, marks the picker invalid and puts the old role back', async () => {
    const refusal = 'This is the last ADMIN: make another user ADMIN before changing this one\'s role.';
    const executeMutation = jest.fn((operation: Operation) =>
      fromValue(makeResult(operation, { data: null, errors: [new GraphQLError(refusal, { extensions: { code: 'CONFLICT' } })] })),
    );
    const { client: urql } = client(executeMutation);
    renderWith(urql, <StaffPage selfId="u1" />);
    const picker = screen.getByLabelText('Role of Mara') as HTMLSelectElement;
    await act(async () => fireEvent.change(picker, { target: { value: 'CUSTOMER' } }));
    expect(picker.value).toBe('ADMIN');
    expect(picker.getAttribute('aria-invalid')).toBe('true');
    const message = document.getElementById(picker.getAttribute('aria-describedby')!);
    expect(message?.textContent).toBe(refusal);
    expect(message?.closest('tr')?.textContent).toContain('Mara');
  });
});
