// `npm run chat:rebuild`: drops the chat projections (conversations, messages, participants and read
// positions) and replays the event log into them, in one transaction (writers wait until it commits).
import { commonEnv, readEnv, z } from '@bodega/config';
import { createPrismaClient } from '@bodega/db';
import { createLogger } from '@bodega/logger';
import { rebuildProjections } from './rebuild';

async function main(): Promise<void> {
  const env = readEnv({ DATABASE_URL: z.string().url(), LOG_LEVEL: commonEnv.LOG_LEVEL });
  const log = createLogger('chat-rebuild', env.LOG_LEVEL);
  const prisma = createPrismaClient(env.DATABASE_URL, { maxConnections: 2 });
  try {
    const report = await rebuildProjections(prisma);
    log.info(report, 'chat projections rebuilt from the event log');
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`chat:rebuild failed: ${message}\n`);
  process.exitCode = 1;
});
