import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { Progress } from '../components/Progress';
import { ConversationView } from './ConversationView';
import { MyConversationsQuery, StartSupportConversationMutation } from './documents';

const CONVERSATION_CONTEXT = { additionalTypenames: ['Conversation'] };

/** Customers' support: their conversations, a new one, and the one open. */
export function SupportPage() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: MyConversationsQuery, context: CONVERSATION_CONTEXT });
  const [open, setOpen] = useState<string | null>(null);
  const [startState, start] = useMutation(StartSupportConversationMutation);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');

  return (
    <div className="page support">
      <h1>Support</h1>
      <div className="support-layout">
        <aside>
          <form
            onSubmit={async (event) => {
              event.preventDefault();
              const result = await start({ input: { subject, body, clientMessageId: crypto.randomUUID() } });
              if (result.data) {
                setSubject('');
                setBody('');
                setOpen(result.data.startConversation.id);
                refetch({ requestPolicy: 'network-only' });
              }
            }}
          >
            <h2>Ask us something</h2>
            <label>
              Subject
              <input value={subject} maxLength={200} onChange={(event) => setSubject(event.target.value)} />
            </label>
            <label>
              Message
              <textarea value={body} maxLength={4000} onChange={(event) => setBody(event.target.value)} />
            </label>
            <button type="submit" disabled={!subject.trim() || !body.trim() || startState.fetching}>Start a conversation</button>
            <ErrorMessage error={startState.error} />
          </form>
          <ErrorMessage error={error} title="Could not load your conversations" />
          {fetching && !data && <Progress label="Loading your conversations…" />}
          <ul className="conversations">
            {data?.conversations.edges.map(({ node }) => (
              <li key={node.id}>
                <button type="button" aria-current={node.id === open} onClick={() => setOpen(node.id)}>
                  {node.subject} <span className="badge">{node.status}</span>
                  {node.unreadCount > 0 && <span className="badge warn" aria-label={`${node.unreadCount} unread`}>{node.unreadCount}</span>}
                </button>
              </li>
            ))}
          </ul>
        </aside>
        {open ? <ConversationView key={open} id={open} /> : <p>Pick a conversation, or start one.</p>}
      </div>
    </div>
  );
}
