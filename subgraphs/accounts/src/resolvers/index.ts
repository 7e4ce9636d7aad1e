import type { Resolvers } from '../generated/graphql';
import { Mutation } from './mutation';
import { Query } from './query';
import { dateTime } from '@bodega/server-kit';
import { User } from './user';

export const resolvers: Resolvers = {
  DateTime: dateTime,
  Query,
  Mutation,
  User,
};
