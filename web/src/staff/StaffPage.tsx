import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { Pager } from '../components/Pager';
import { Progress } from '../components/Progress';
import { problemsOf } from '../graphql/errors';
import type { Role } from '../graphql/generated/graphql';
import { useCursorPages } from '../hooks/use-cursor-pages';
import { SetUserRoleMutation, UserListQuery } from './documents';

const PAGE_SIZE = 20;
const ROLES: Role[] = ['ADMIN', 'STAFF', 'CUSTOMER'];
const ROLE_WORDS: Record<Role, string> = { ADMIN: 'Admin', STAFF: 'Staff', CUSTOMER: 'Customer' };

interface UserRowModel {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
}

/** ADMIN only (the server says so too): every account, oldest first, and a role picker on each. */
export function StaffPage({ selfId }: { selfId?: string }) {
  const pages = useCursorPages();
  const [result] = useQuery({ query: UserListQuery, variables: { first: PAGE_SIZE, after: pages.after } });
  const users = result.data?.users;
  return (
    <section aria-labelledby="staff-heading">
      <h1 id="staff-heading">Staff and accounts</h1>
      <p className="muted">
        Staff can manage products, orders and alerts; admins can also change roles. A changed role applies at once on every device.
      </p>
      {result.fetching && !users && <Progress label="Loading accounts…" />}
      <ErrorMessage error={result.error} title="Accounts could not be loaded" />
      {users && (
        <>
          <p>{users.totalCount === 1 ? '1 account' : `${users.totalCount} accounts`}</p>
          <table className="users">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Since</th>
                <th scope="col">Role</th>
              </tr>
            </thead>
            <tbody>
              {users.edges.map(({ node }) => (
                <UserRow key={node.id} user={node as UserRowModel} self={node.id === selfId} />
              ))}
            </tbody>
          </table>
          <Pager label="Account pages" pages={pages} pageInfo={users.pageInfo} />
        </>
      )}
    </section>
  );
}

function UserRow({ user, self }: { user: UserRowModel; self: boolean }) {
  const [result, setRole] = useMutation(SetUserRoleMutation);
  const [shown, setShown] = useState<Role>(user.role);
  const errorId = `role-error-${user.id}`;
  const onChange = async (role: Role) => {
    setShown(role);
    const outcome = await setRole({ userId: user.id, role });
    if (outcome.error) setShown(user.role);
  };
  return (
    <tr>
      <td data-label="Name">
        {user.name}
        {self && <span className="muted"> (you)</span>}
      </td>
      <td data-label="Email">{user.email}</td>
      <td data-label="Since">{new Date(user.createdAt).toLocaleDateString()}</td>
      <td data-label="Role">
        <label>
          <span className="visually-hidden">Role of {user.name}</span>
          <select
            value={shown}
            disabled={result.fetching}
            aria-invalid={result.error ? true : undefined}
            aria-describedby={result.error ? errorId : undefined}
            onChange={(event) => void onChange(event.target.value as Role)}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_WORDS[role]}
              </option>
            ))}
          </select>
        </label>
        {result.fetching && <span className="muted"> Saving…</span>}
        {result.error && (
          <span id={errorId} className="field-error">
            {problemsOf(result.error).map((problem) => problem.message).join(' ')}
          </span>
        )}
      </td>
    </tr>
  );
}
