import type { ChatTypingEvent } from '@bodega/events';
import type { MessageModel } from '../events/types';
import type { SubscriptionResolvers, TypingIndicatorResolvers } from '../generated/graphql';
import { messagesAdded } from '../services/live';
import { typingChanges } from '../services/typing';

export const Subscription: SubscriptionResolvers = {
  messageAdded: {
    subscribe: (_root, { conversationId, after }, ctx) => messagesAdded(ctx, conversationId, after),
    resolve: (message: MessageModel) => message,
  },
  typingChanged: {
    subscribe: (_root, { conversationId }, ctx) => typingChanges(ctx, conversationId),
    resolve: (event: ChatTypingEvent) => event,
  },
};

export const TypingIndicator: TypingIndicatorResolvers = {
  user: (event) => ({ id: event.userId }),
};
