import type { Context } from '../context';

/**
 * Gives up on a PENDING order: mark it ABANDONED (so it can no longer be confirmed), return
 * whatever stock its id took (releasing also stops a late reserve from taking any), then
 * delete it. If releasing fails, the ABANDONED row stays for recovery to finish.
 */
export async function abandonOrder(ctx: Pick<Context, 'prisma' | 'stock' | 'log' | 'requestId'>, orderId: string): Promise<void> {
  await ctx.prisma.order.updateMany({ where: { id: orderId, status: 'PENDING' }, data: { status: 'ABANDONED' } });
  await ctx.stock.release(orderId, ctx.requestId);
  await ctx.prisma.order.deleteMany({ where: { id: orderId, status: 'ABANDONED' } });
  ctx.log.info({ orderId }, 'pending order abandoned and its stock returned');
}
