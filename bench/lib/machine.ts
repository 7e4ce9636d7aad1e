import { cpus } from 'node:os';

/** Busy milliseconds summed over every core since boot. */
export function machineTimes(): { busy: number } {
  let busy = 0;
  for (const { times } of cpus()) busy += times.user + times.nice + times.sys + times.irq;
  return { busy };
}

/** How busy the whole machine is over `ms`, in % of one core; taken before the load, it shows what else is running. */
export async function sampleMachineBusy(ms: number): Promise<number> {
  const before = { machine: machineTimes(), at: performance.now() };
  await new Promise((resolve) => setTimeout(resolve, ms));
  return (100 * (machineTimes().busy - before.machine.busy)) / (performance.now() - before.at);
}

/** process.cpuUsage()-shaped microseconds, in ms. */
export function cpuMs(usage: { user: number; system: number }): number {
  return (usage.user + usage.system) / 1000;
}
