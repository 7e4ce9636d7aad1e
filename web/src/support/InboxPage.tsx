import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { useUser } from '../auth/SessionProvider';
import { ErrorMessage } from '../components/ErrorMessage';
import { Progress } from '../components/Progress';
import { ConversationView } from './ConversationView';
import { InboxQuery } from './documents';

const STATUSES = ['OPEN', 'PENDING', 'RESOLVED', 'CLOSED'] as const;
/** The list has no feed of its own (messageAdded is per conversation): it is read again this often. */
const REFRESH_MS = 5000;
// One object for every render: a new context each time makes urql run the query again, forever.
const INBOX_CONTEXT = { additionalTypenames: ['Conversation'] };

/** Staff: conversations by status with their unread counts; the open one live, with replies, notes, assignment and status. */
export function InboxPage() {
  const user = useUser();
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('OPEN');
  const [open, setOpen] = useState<string | null>(null);
  const [{ data, error, fetching }, refetch] = useQuery({ query: InboxQuery, variables: { status }, context: INBOX_CONTEXT });
  useEffect(() => {
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refetch]);

  return (
    <div className="page inbox">
      <h1>Inbox</h1>
      <div role="tablist" aria-label="Status">
        {STATUSES.map((s) => (
          <button key={s} type="button" role="tab" aria-selected={s === status} onClick={() => setStatus(s)}>
            {s.toLowerCase()}
          </button>
        ))}
      </div>
      <div className="support-layout">
        <aside>
          <ErrorMessage error={error} title="Could not load the inbox" />
          {fetching && !data && <Progress label="Loading conversations…" />}
          <ul className="conversations">
            {data?.conversations.edges.map(({ node }) => (
              <li key={node.id}>
                <button type="button" aria-current={node.id === open} onClick={() => setOpen(node.id)}>
                  {node.subject}
                  {node.waitingForAgent && <span className="badge warn">waiting for a person</span>}
                  {node.assignee?.id === user?.id && <span className="badge">mine</span>}
                  {node.unreadCount > 0 && <span className="badge warn" aria-label={`${node.unreadCount} unread`}>{node.unreadCount}</span>}
                </button>
              </li>
            ))}
          </ul>
        </aside>
        {open && user ? <ConversationView key={open} id={open} agent={user.id} /> : <p>Pick a conversation.</p>}
      </div>
    </div>
  );
}
