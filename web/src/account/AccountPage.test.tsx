import { act, fireEvent, render, screen } from '@testing-library/react';
import { makeResult, type Client, type Operation } from '@urql/core';
import { GraphQLError } from 'graphql';
import { fromValue, never } from 'wonka';
import { mockClient } from '../../test/render';
import { SessionStore } from '../auth/session';
import { SessionProvider } from '../auth/SessionProvider';
import { LiveConnection } from '../graphql/live-connection';
import { AccountPage } from './AccountPage';

// The page's mutations go to this client, switched per test.
const mockUrql: { client: Client } = { client: mockClient() };
jest.mock('../graphql/client', () => ({
  createBodegaClient: () => ({ client: mockUrql.client, live: new LiveConnection(), dispose: () => undefined }),
}));

function signedIn(): SessionStore {
  localStorage.clear();
  const sessions = new SessionStore({ storage: localStorage });
  sessions.set({
    accessToken: 'access',
    accessTokenExpiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
    refreshToken: 'refresh',
    user: { id: 'u2', email: 'ana@bodega.test', name: 'Ana', role: 'CUSTOMER' },
  });
  return sessions;
}

function answering(answer: (operation: Operation) => object) {
  const executeMutation = jest.fn((operation: Operation) => fromValue(makeResult(operation, answer(operation))));
  mockUrql.client = mockClient({ executeMutation, executeQuery: jest.fn(() => never) });
  return executeMutation;
}

const variablesOf = (mock: jest.Mock) => (mock.mock.calls[0] as unknown as [Operation])[0].variables;
const renderPage = (sessions: SessionStore) => render(<SessionProvider sessions={sessions}><AccountPage /></SessionProvider>);

describe('AccountPage', () => {
  it('saves a new name and the session (and so the header) shows it', async () => {
    const executeMutation = answering(() => ({ data: { updateMyProfile: { __typename: 'User', id: 'u2', email: 'ana@bodega.test', name: 'Ana Lima', role: 'CUSTOMER' } } }));
    const sessions = signedIn();
    renderPage(sessions);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: '  Ana Lima ' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save name' })));
    expect(variablesOf(executeMutation)).toEqual({ input: { name: 'Ana Lima' } });
    expect(sessions.current?.user.name).toBe('Ana Lima');
    expect(screen.getByRole('status').textContent).toBe('Your name is saved.');
  });

  it('says next to the name field that it is empty, without asking the server', async () => {
    const executeMutation = answering(() => ({ data: null }));
    renderPage(signedIn());
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: '  ' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save name' })));
    const field = screen.getByLabelText('Name');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(field.getAttribute('aria-describedby')!)?.textContent).toBe('Enter a name.');
    expect(executeMutation).not.toHaveBeenCalled();
  });

  it('puts a wrong current password next to its field, with the server\'s plain words', async () => {
    const executeMutation = answering(() => ({
      data: null,
      errors: [new GraphQLError('Your current password is wrong.', { extensions: { code: 'BAD_USER_INPUT', field: 'input.currentPassword' } })],
    }));
    renderPage(signedIn());
    fireEvent.change(screen.getByLabelText('Current password'), { target: { value: 'not-my-password-1' } });
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'a-fresh-password-42' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Change password' })));
    expect(variablesOf(executeMutation)).toEqual({ input: { currentPassword: 'not-my-password-1', newPassword: 'a-fresh-password-42' } });
    const current = screen.getByLabelText('Current password');
    expect(current.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(current.getAttribute('aria-describedby')!)?.textContent).toBe('Your current password is wrong.');
    expect(screen.getByLabelText('New password').getAttribute('aria-invalid')).toBeNull();
  });

  it('holds back a new password that breaks the sign-up rule, saying so next to it', async () => {
    const executeMutation = answering(() => ({ data: { changePassword: true } }));
    renderPage(signedIn());
    fireEvent.change(screen.getByLabelText('Current password'), { target: { value: 'my-old-password-1' } });
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'short' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Change password' })));
    const next = screen.getByLabelText('New password');
    expect(next.getAttribute('aria-invalid')).toBe('true');
    expect(next.getAttribute('aria-describedby')).toMatch(/-error/);
    expect(screen.getAllByText(/Use at least 10 characters/).length).toBe(2); // the hint and the error
    expect(executeMutation).not.toHaveBeenCalled();
  });

  it('changes the password, clears the fields and says other devices are signed out', async () => {
    answering(() => ({ data: { changePassword: true } }));
    renderPage(signedIn());
    fireEvent.change(screen.getByLabelText('Current password'), { target: { value: 'my-old-password-1' } });
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'a-fresh-password-42' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Change password' })));
    expect(screen.getByRole('status').textContent).toContain('every other device is signed out');
    expect((screen.getByLabelText('Current password') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('New password') as HTMLInputElement).value).toBe('');
  });
});
