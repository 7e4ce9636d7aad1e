import { z } from 'zod';

/** The largest page any list returns. */
export const MAX_PAGE = 100;

/** `first` (1..100, default 20) and an opaque `after` cursor: every Relay connection's arguments. */
export const pageArgs = z.object({
  first: z
    .number()
    .int()
    .min(1, `must be between 1 and ${MAX_PAGE}`)
    .max(MAX_PAGE, `must be between 1 and ${MAX_PAGE}`)
    .nullish()
    .transform((value) => value ?? 20),
  after: z.string().max(500).nullish(),
});

export type PageArgs = z.infer<typeof pageArgs>;
