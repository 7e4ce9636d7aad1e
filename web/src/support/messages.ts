/** The part of a message the conversation view orders and de-duplicates by. */
export interface Sequenced {
  id: string;
  sequence: number;
  clientMessageId?: string | null;
}

/** A message sent from here but not yet confirmed: shown at the end until its echo arrives. */
export interface Pending {
  clientMessageId: string;
  body: string;
}

/**
 * Merges messages from the loaded page, the live stream (which replays from the loaded cursor after
 * every reconnect) and mutation answers: one per sequence, in sequence order. Whatever arrives twice
 * is shown once, and nothing is lost to a reconnect.
 */
export function mergeMessages<T extends Sequenced>(...lists: ReadonlyArray<readonly T[]>): T[] {
  const bySequence = new Map<number, T>();
  for (const list of lists) for (const message of list) bySequence.set(message.sequence, message);
  return [...bySequence.values()].sort((a, b) => a.sequence - b.sequence);
}

/** Pending sends whose echo (same clientMessageId) has not arrived yet. */
export function stillPending(pending: readonly Pending[], confirmed: readonly Sequenced[]): Pending[] {
  const echoed = new Set(confirmed.map((message) => message.clientMessageId).filter(Boolean));
  return pending.filter((entry) => !echoed.has(entry.clientMessageId));
}
