import { act, fireEvent, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { mockClient } from '../test/render';
import { App } from './App';
import { navigate } from './router';
import { SessionStore } from './auth/session';
import { LiveConnection } from './graphql/live-connection';

// What fails, switched per test: the products screen, or the shell's live indicator.
const mockFailing = { productsScreen: false, shell: false };

jest.mock('./products/ProductsPage', () => ({
  ProductsPage: () => {
    if (mockFailing.productsScreen) throw new Error('The product list met a product without a name.');
    return createElement('h1', null, 'Products');
  },
}));
jest.mock('./layout/LiveIndicator', () => ({
  LiveIndicator: () => {
    if (mockFailing.shell) throw new Error('The live indicator broke.');
    return null;
  },
}));
// Every query waits, every subscription stays silent: these tests are about what the shell shows.
jest.mock('./graphql/client', () => ({
  createBodegaClient: () => ({ client: mockClient(), live: new LiveConnection(), dispose: () => undefined }),
}));

function signedInAs(role: 'ADMIN' | 'STAFF' | 'CUSTOMER'): SessionStore {
  localStorage.clear();
  localStorage.setItem(
    'bodega.session',
    JSON.stringify({
      accessToken: 'access',
      accessTokenExpiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
      refreshToken: 'refresh',
      user: { id: 'u2', email: 'ana@bodega.test', name: 'Ana', role },
    }),
  );
  return new SessionStore({ storage: localStorage });
}

function signedInAsStaff(): SessionStore {
  localStorage.clear();
  localStorage.setItem(
    'bodega.session',
    JSON.stringify({
      accessToken: 'access',
      accessTokenExpiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
      refreshToken: 'refresh',
      user: { id: 'u1', email: 'mara@bodega.test', name: 'Mara', role: 'ADMIN' },
    }),
  );
  return new SessionStore({ storage: localStorage });
}

describe('the app', () => {
  beforeEach(() => {
    mockFailing.productsScreen = false;
    mockFailing.shell = false;
    window.history.pushState(null, '', '/products');
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('shows a failing screen as a failure under a header that still works, and opens the next screen as usual', async () => {
    mockFailing.productsScreen = true;
    render(<App sessions={signedInAsStaff()} />);

    const failure = screen.getByRole('alert');
    expect(failure.textContent).toContain('The products screen stopped working. What failed: The product list met a product without a name.');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(screen.getByText('Mara')).toBeTruthy();

    await act(async () => {
      fireEvent.click(screen.getByRole('link', { name: 'Orders' }));
    });
    expect(screen.getByRole('heading', { name: 'Orders', level: 1 })).toBeTruthy();
    expect(screen.queryByText(/stopped working/)).toBeNull();
  });

  it('shows what failed, with a Retry, when the shell itself fails', () => {
    mockFailing.shell = true;
    render(<App sessions={signedInAsStaff()} />);

    expect(screen.getByRole('alert').textContent).toContain('Bodega stopped working. What failed: The live indicator broke.');

    mockFailing.shell = false;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(screen.getByRole('heading', { name: 'Products', level: 1 })).toBeTruthy();
    expect(screen.queryByText(/stopped working/)).toBeNull();
  });
});

describe('page titles and detail routes', () => {
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('titles every page and opens /products/:id and /orders/:id', async () => {
    window.history.pushState(null, '', '/products');
    render(<App sessions={signedInAsStaff()} />);
    expect(document.title).toBe('Products · Bodega');
    await act(async () => navigate('/orders/o1'));
    expect(document.title).toBe('Order · Bodega');
    expect(screen.getByRole('status').textContent).toContain('Loading the order');
    await act(async () => navigate('/products/p1'));
    expect(document.title).toBe('Product · Bodega');
    await act(async () => navigate('/nowhere'));
    expect(document.title).toBe('Page not found · Bodega');
  });

  it('opens /staff for an ADMIN (linked in the nav) and /account for anyone signed in, each with its title', async () => {
    window.history.pushState(null, '', '/staff');
    render(<App sessions={signedInAs('ADMIN')} />);
    expect(document.title).toBe('Staff · Bodega');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Staff and accounts');
    expect(screen.getByRole('link', { name: 'Staff' }).getAttribute('href')).toBe('/staff');
    await act(async () => navigate('/account'));
    expect(document.title).toBe('Your account · Bodega');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Your account');
  });

  it('keeps /staff from STAFF and customers (no link either), but opens /account for them', async () => {
    window.history.pushState(null, '', '/staff');
    render(<App sessions={signedInAs('STAFF')} />);
    expect(screen.getByRole('alert').textContent).toContain('Only admins can see accounts');
    expect(screen.queryByRole('link', { name: 'Staff' })).toBeNull();
    await act(async () => navigate('/account'));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Your account');
    expect(screen.getByRole('link', { name: /Your account: Ana/ }).getAttribute('href')).toBe('/account');
  });

  it('asks a signed-out visitor of /account to log in', () => {
    localStorage.clear();
    window.history.pushState(null, '', '/account');
    render(<App sessions={new SessionStore({ storage: localStorage })} />);
    expect(document.title).toBe('Log in · Bodega');
  });
});
