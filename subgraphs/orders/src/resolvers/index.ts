import { dateTime } from '@bodega/server-kit';
import type { Resolvers } from '../generated/graphql';
import { Product, User } from './entities';
import { Mutation } from './mutation';
import { Order, OrderItem, OrderStatusChange } from './order';
import { Query } from './query';
import { OrderEvent, Subscription } from './subscription';

export const resolvers: Resolvers = {
  DateTime: dateTime,
  Query,
  Mutation,
  Subscription,
  Order,
  OrderItem,
  OrderStatusChange,
  OrderEvent,
  Product,
  User,
};
