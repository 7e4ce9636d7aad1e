import type { Resolvers } from '../generated/graphql';
import { dateTime } from '@bodega/server-kit';
import { Mutation } from './mutation';
import { Category, Enrichment, Product, StockMovement } from './product';
import { Query } from './query';
import { AlertDelivery, StockAlert } from './stock-alert';
import { LowStockAlert, StockChange, Subscription } from './subscription';

export const resolvers: Resolvers = {
  DateTime: dateTime,
  Query,
  Mutation,
  Subscription,
  Product,
  Category,
  Enrichment,
  StockMovement,
  StockChange,
  LowStockAlert,
  StockAlert,
  AlertDelivery,
};
