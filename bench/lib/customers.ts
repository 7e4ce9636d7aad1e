import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { benchSigner, STAFF_ID } from './auth';

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

/** `Bearer …` with a fresh CUSTOMER access token for each customer, signed with the bench's key. */
export async function customerAuthorizations(customers: readonly BenchCustomer[]): Promise<string[]> {
  const signer = await benchSigner();
  return Promise.all(customers.map(({ id }) => signer.issue({ id, role: 'CUSTOMER', sessionId: randomUUID() }).then(({ token }) => `Bearer ${token}`)));
}

/** The bench's STAFF user (STAFF_ID) in accounts.users, so its tokens stand where accounts is asked. */
export async function createStaff(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'bodega-bench-staff' });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO accounts.users (id, email, name, password_hash, role, updated_at)
       VALUES ($1, 'bench-staff@bodega.test', 'Bench staff', 'bench: no password', 'STAFF', now())
       ON CONFLICT (id) DO UPDATE SET role = 'STAFF'`,
      [STAFF_ID],
    );
  } finally {
    await client.end();
  }
}
