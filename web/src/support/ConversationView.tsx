import { useMemo, useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { Progress } from '../components/Progress';
import { useFragment } from '../graphql/generated';
import type { SupportMessageFragment as SupportMessage } from '../graphql/generated/graphql';
import {
  AskSupportAssistantMutation,
  RequestAgentMutation,
  SendAgentMessageMutation,
  SendSupportMessageMutation,
  SupportConversationQuery,
  SupportMessageFragment,
  SupportMessagesSubscription,
} from './documents';
import { mergeMessages, stillPending, type Pending } from './messages';
import { StaffControls } from './StaffControls';

const CUSTOMER_LABELS: Record<string, string> = { CUSTOMER: 'You', AGENT: 'Support', ASSISTANT: 'Assistant', SYSTEM: '' };
const STAFF_LABELS: Record<string, string> = { CUSTOMER: 'Customer', AGENT: 'Agent', ASSISTANT: 'Assistant', SYSTEM: '' };

/**
 * One conversation: its messages live (replayed from the last loaded cursor after any reconnect and
 * merged by sequence, so nothing is lost or shown twice), a reply box, the assistant, and a person.
 */
export function ConversationView({ id, agent }: { id: string; /** The signed-in agent's id: staff controls and internal notes. */ agent?: string }) {
  const ROLE_LABEL = agent ? STAFF_LABELS : CUSTOMER_LABELS;
  const [{ data, error, fetching }] = useQuery({ query: SupportConversationQuery, variables: { id }, requestPolicy: 'network-only' });
  const conversation = data?.conversation;
  const loaded = useFragment(SupportMessageFragment, conversation?.messages.edges.map((edge) => edge.node) ?? []);
  // Fixed once loaded: every resubscription (graphql-ws reconnects on its own) replays from here.
  const after = loaded.at(-1)?.cursor ?? null;
  const [live] = useSubscription(
    { query: SupportMessagesSubscription, variables: { conversationId: id, after }, pause: !conversation },
    (previous: SupportMessage[] = [], event) => [...previous, useFragment(SupportMessageFragment, event.messageAdded)],
  );
  const [sent, setSent] = useState<SupportMessage[]>([]);
  const [pending, setPending] = useState<Pending[]>([]);
  const messages = useMemo(() => mergeMessages(loaded, live.data ?? [], sent), [loaded, live.data, sent]);
  const [sendState, send] = useMutation(SendSupportMessageMutation);
  const [noteState, sendAsAgent] = useMutation(SendAgentMessageMutation);
  const [internal, setInternal] = useState(false);
  const [askState, ask] = useMutation(AskSupportAssistantMutation);
  const [agentState, requestAgent] = useMutation(RequestAgentMutation);
  const [body, setBody] = useState('');

  if (fetching && !data) return <Progress label="Loading the conversation…" />;
  if (!conversation) return <ErrorMessage error={error ?? 'This conversation is not there.'} />;
  // Every message carries the conversation as it was then: the newest says how it stands now.
  const now = messages.at(-1)?.conversation ?? conversation;

  const submit = async (toAssistant: boolean) => {
    const text = body;
    if (!text.trim()) return;
    setBody('');
    if (toAssistant) {
      const result = await ask({ conversationId: id, question: text });
      if (result.data) setSent((list) => [...list, useFragment(SupportMessageFragment, result.data!.askAssistant)]);
      return;
    }
    const clientMessageId = crypto.randomUUID();
    setPending((list) => [...list, { clientMessageId, body: text }]);
    const result = agent ? await sendAsAgent({ conversationId: id, body: text, clientMessageId, internal }) : await send({ conversationId: id, body: text, clientMessageId });
    if (result.data) setSent((list) => [...list, useFragment(SupportMessageFragment, result.data!.sendMessage)]);
    else setPending((list) => list.filter((entry) => entry.clientMessageId !== clientMessageId));
  };

  return (
    <section aria-labelledby="conversation-title" className="conversation">
      <h2 id="conversation-title">
        {conversation.subject} <span className="badge">{now.status}</span>
      </h2>
      <ErrorMessage error={live.error} title="Live messages stopped" />
      <ol className="messages" aria-live="polite">
        {messages.map((message) => (
          <li key={message.id} className={`message ${message.role.toLowerCase()}${message.internal ? ' internal' : ''}`}>
            {message.internal && <em>Internal note · </em>}
            {ROLE_LABEL[message.role] && <strong>{ROLE_LABEL[message.role]}: </strong>}
            {/* Text as stored; React escapes it. */}
            <span className="body">{message.body}</span>
            {message.citations.length > 0 && (
              <ul className="citations">
                {message.citations.map((citation, index) => (
                  <li key={index}>
                    “{citation.quote}” — {citation.title}
                  </li>
                ))}
              </ul>
            )}
            {message.role === 'CUSTOMER' && message.sequence <= conversation.agentReadUpTo && <small> · read</small>}
          </li>
        ))}
        {stillPending(pending, messages).map((entry) => (
          <li key={entry.clientMessageId} className="message customer pending">
            <strong>You: </strong>
            <span className="body">{entry.body}</span> <small>· sending…</small>
          </li>
        ))}
      </ol>
      <ErrorMessage error={sendState.error ?? noteState.error ?? askState.error ?? agentState.error} />
      {agent && <StaffControls id={id} status={now.status} me={agent} lastSequence={messages.at(-1)?.sequence ?? 0} />}
      {now.status !== 'CLOSED' && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void submit(false);
          }}
        >
          <label>
            Your message
            <textarea value={body} maxLength={4000} onChange={(event) => setBody(event.target.value)} />
          </label>
          {agent && (
            <label>
              <input type="checkbox" checked={internal} onChange={(event) => setInternal(event.target.checked)} /> Internal note
            </label>
          )}
          <button type="submit" disabled={!body.trim()}>Send</button>
          <button type="button" disabled={!body.trim() || askState.fetching} onClick={() => void submit(true)}>
            Ask the assistant
          </button>
          {!agent && (
            <button type="button" disabled={now.waitingForAgent || agentState.fetching} onClick={() => void requestAgent({ conversationId: id })}>
              Talk to a person
            </button>
          )}
        </form>
      )}
    </section>
  );
}
