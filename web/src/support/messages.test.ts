import { mergeMessages, stillPending } from './messages';

const m = (sequence: number, clientMessageId: string | null = null) => ({ id: `m${sequence}`, sequence, clientMessageId });

describe('merging the messages of a conversation', () => {
  it('shows each sequence once, in order, however often a reconnect replays it', () => {
    const loaded = [m(2), m(3)];
    const live = [m(4), m(5), m(4), m(5), m(6)];
    expect(mergeMessages(loaded, live, [m(5)]).map((message) => message.sequence)).toEqual([2, 3, 4, 5, 6]);
  });

  it('orders messages that arrive out of order', () => {
    expect(mergeMessages([m(7), m(3), m(5)]).map((message) => message.sequence)).toEqual([3, 5, 7]);
  });

  it('drops an optimistic message once its echo (same clientMessageId) has arrived', () => {
    const pending = [{ clientMessageId: 'a', body: 'hi' }, { clientMessageId: 'b', body: 'there' }];
    expect(stillPending(pending, [m(4, 'a')])).toEqual([{ clientMessageId: 'b', body: 'there' }]);
  });
});
