import { useMutation } from 'urql';
import { ErrorMessage } from '../components/ErrorMessage';
import { AssignConversationMutation, MarkReadMutation, SetConversationStatusMutation } from './documents';

const NEXT: Record<string, string[]> = { OPEN: ['PENDING', 'RESOLVED', 'CLOSED'], PENDING: ['OPEN', 'RESOLVED', 'CLOSED'], RESOLVED: ['OPEN', 'CLOSED'], CLOSED: [] };

/** What an agent does to a conversation: take it, move its status, mark it read. */
export function StaffControls({ id, status, me, lastSequence }: { id: string; status: string; me: string; lastSequence: number }) {
  const [assignState, assign] = useMutation(AssignConversationMutation);
  const [statusState, setStatus] = useMutation(SetConversationStatusMutation);
  const [readState, markRead] = useMutation(MarkReadMutation);
  return (
    <div className="staff-controls">
      <button type="button" onClick={() => void assign({ conversationId: id, agentId: me })}>Assign to me</button>
      {NEXT[status]?.map((to) => (
        <button key={to} type="button" onClick={() => void setStatus({ conversationId: id, status: to as never })}>
          Mark {to.toLowerCase()}
        </button>
      ))}
      <button type="button" onClick={() => void markRead({ conversationId: id, upTo: lastSequence })}>Mark read</button>
      <ErrorMessage error={assignState.error ?? statusState.error ?? readState.error} />
    </div>
  );
}
