import { isUuid, type Conversation } from '@bodega/db';
import { forbidden, notFound, parseInput } from '@bodega/errors';
import { requireIdentity } from '@bodega/auth';
import { AnswerSourceUnavailable, type KnowledgeAnswer } from '../assistant/answer-source';
import type { Context } from '../context';
import { appendTo, type NewEvent } from '../events/store';
import type { MessageModel } from '../events/types';
import { authorRole, checkVisible } from './access';
import { askAssistantArgs } from './input';
import { handOff } from './assignment';
import { firstMessage, newMessage } from './messages-model';
import { reopening } from './messages';

/** What the assistant says when the knowledge base cannot be asked. */
export const ASSISTANT_UNAVAILABLE = "I can't reach the shop's knowledge base right now, so I'm passing you to a person.";
/** Added to an ungrounded answer, so the customer knows what happens next. */
export const UNGROUNDED_SUFFIX = " I'm passing you to a person who can help.";

/**
 * The question goes into the conversation as the asker's message; the knowledge base is asked
 * outside any transaction; its answer is an ASSISTANT message with its citations in the event.
 * An ungrounded answer (or none) says so and hands the conversation to a person in the same append.
 */
export async function askAssistant(ctx: Context, args: unknown): Promise<MessageModel> {
  const identity = requireIdentity(ctx.identity, 'ask the assistant');
  const { conversationId, question } = parseInput(askAssistantArgs, args);
  if (!isUuid(conversationId)) throw notFound('conversation', conversationId);
  await appendTo(ctx, conversationId, async (_tx, state) => {
    const conversation = checkVisible(identity, state, conversationId);
    const message = newMessage({ role: authorRole(identity), authorId: identity.userId, body: question });
    return { events: [{ actorId: identity.userId, data: { type: 'MESSAGE_ADDED', message } }, ...reopening(identity, conversation, false)], result: firstMessage };
  });

  let answer: KnowledgeAnswer | null = null;
  try {
    answer = await ctx.answers.answer(question, ctx.requestId);
  } catch (error) {
    if (!(error instanceof AnswerSourceUnavailable)) throw error;
    ctx.log.warn({ err: error, conversationId }, 'assistant could not ask the knowledge base; handing off');
  }

  return appendTo(ctx, conversationId, async (tx, state) => {
    const conversation = checkVisible(identity, state, conversationId);
    const grounded = answer?.grounded === true && answer.citations.length > 0;
    const reply = newMessage({
      role: 'ASSISTANT',
      authorId: null,
      body: answer ? (grounded ? answer.text : `${answer.text}${UNGROUNDED_SUFFIX}`) : ASSISTANT_UNAVAILABLE,
      citations: grounded ? answer!.citations.map((c) => ({ quote: c.quote, documentId: c.document.id, documentTitle: c.document.title })) : [],
    });
    const events: NewEvent[] = [{ actorId: null, data: { type: 'MESSAGE_ADDED', message: reply } }];
    if (!grounded) events.push(...(await handOff(tx, conversation, answer ? 'UNGROUNDED' : 'ASSISTANT_UNAVAILABLE')));
    return { events, result: firstMessage };
  });
}

/** The customer asks for a person at any time: waits for an agent, with a SYSTEM message saying so. */
export async function requestAgent(ctx: Context, conversationId: string): Promise<Conversation> {
  const identity = requireIdentity(ctx.identity, 'ask for a person');
  if (!isUuid(conversationId)) throw notFound('conversation', conversationId);
  await appendTo(ctx, conversationId, async (tx, state) => {
    const conversation = checkVisible(identity, state, conversationId);
    if (identity.userId !== conversation.customerId) throw forbidden('Only the customer asks for a person; assign the conversation instead.');
    return { events: [...reopening(identity, conversation, false), ...(await handOff(tx, conversation, 'CUSTOMER_ASKED'))], result: () => undefined };
  });
  return ctx.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
}

