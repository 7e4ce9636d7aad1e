import { Client } from 'pg';
import { benchTokens } from './auth';

export interface BenchCustomer {
  id: string;
  email: string;
}

/**
 * Customers for the order scenarios, inserted straight into accounts.users so `customer
 * { id email }` resolves. Signing up through the gateway would hash a password with argon2
 * for each: minutes of CPU on a small machine, measuring nothing this bench is about. They
 * cannot log in (the hash is not one); customerAuthorizations() signs their tokens instead.
 */
export async function createCustomers(databaseUrl: string, count: number): Promise<BenchCustomer[]> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'bodega-bench-customers' });
  await client.connect();
  try {
    const { rows } = await client.query<BenchCustomer>(
      `INSERT INTO accounts.users (id, email, name, password_hash, role, updated_at)
       SELECT gen_random_uuid(), 'bench-customer-' || n || '@bodega.test', 'Bench customer ' || n, 'bench: no password', 'CUSTOMER', now()
       FROM generate_series(1, $1::int) AS n
       RETURNING id, email`,
      [count],
    );
    return rows;
  } finally {
    await client.end();
  }
}

/** `Bearer …` with a fresh CUSTOMER access token for each customer, signed with the bench's secret. */
export function customerAuthorizations(customers: readonly BenchCustomer[]): Promise<string[]> {
  return Promise.all(customers.map(({ id }) => benchTokens.issue({ id, role: 'CUSTOMER' }).then(({ token }) => `Bearer ${token}`)));
}
