import { z } from 'zod';

/** The longest message (characters) a conversation takes. */
export const MAX_BODY_LENGTH = 4000;
export const MAX_SUBJECT_LENGTH = 200;

/** Stored exactly as given; only its emptiness is judged without surrounding whitespace. */
export const body = z
  .string()
  .max(MAX_BODY_LENGTH, `must be at most ${MAX_BODY_LENGTH} characters`)
  .refine((value) => value.trim().length > 0, 'must not be empty');

export const clientMessageId = z.string().min(1, 'must not be empty').max(100, 'must be at most 100 characters').nullish();

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'is not an id');

export const startConversationInput = z.object({
  subject: z
    .string()
    .max(MAX_SUBJECT_LENGTH, `must be at most ${MAX_SUBJECT_LENGTH} characters`)
    .refine((value) => value.trim().length > 0, 'must not be empty'),
  body,
  orderId: uuid.nullish(),
  clientMessageId,
});

export const sendMessageArgs = z.object({
  conversationId: z.string(),
  body,
  clientMessageId,
  internal: z.boolean().nullish(),
});

export const askAssistantArgs = z.object({
  conversationId: z.string(),
  question: body,
});
