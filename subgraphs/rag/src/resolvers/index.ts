import { dateTime } from '@bodega/server-kit';
import type { Resolvers } from '../generated/graphql';
import { Answer, Citation, SearchResult } from './answer';
import { Chunk, Document } from './document';
import { Mutation } from './mutation';
import { Product } from './product';
import { Query } from './query';
import { Subscription } from './subscription';

export const resolvers: Resolvers = {
  DateTime: dateTime,
  Query,
  Mutation,
  Subscription,
  Document,
  Chunk,
  SearchResult,
  Answer,
  Citation,
  Product,
};
