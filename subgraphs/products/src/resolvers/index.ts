import type { Resolvers } from '../generated/graphql';
import { dateTime } from './scalars';
import { Mutation } from './mutation';
import { Category, Enrichment, Product } from './product';
import { Query } from './query';

export const resolvers: Resolvers = { DateTime: dateTime, Query, Mutation, Product, Category, Enrichment };
