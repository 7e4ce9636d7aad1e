import { dateTime } from '@bodega/server-kit';
import type { Resolvers } from '../generated/graphql';
import { Conversation, Message, MessageCitation } from './conversation';
import { User } from './entities';
import { Mutation } from './mutation';
import { Query } from './query';
import { Subscription, TypingIndicator } from './subscription';

export const resolvers: Resolvers = {
  DateTime: dateTime,
  Query,
  Mutation,
  Subscription,
  Conversation,
  Message,
  MessageCitation,
  TypingIndicator,
  User,
};
