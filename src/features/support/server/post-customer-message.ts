/**
 * A customer's (or visitor's) message to the support assistant: the assistant reads it with the
 * conversation's history and answers; both messages are kept. When the assistant hands over (a
 * complaint, a request for a person, an angry message, an answer it is not sure of) the
 * conversation waits for the staff of the customer's shop and shows up live in their console.
 * Once a person has it, later messages keep it waiting for them.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { supportConversations, supportMessages } from '@/server/db/schema';
import type { SupportStatus } from '@/server/db/schema';
import { answerMessage } from './assistant/answer-message';
import type { AssistantAnswer, AssistantContext } from './assistant/types';
import { loadOwnConversation, type ConversationRow, type SupportCaller } from './load-conversation';
import { pickHandoverShop } from './pick-handover-shop';
import { publishSupportMessages } from './publish-messages';
import { readTranscript, toMessageView, type MessageRow } from './transcript';
import { hashVisitorSecret } from './visitor';
import type { SupportMessageView } from '../schemas';

export interface CustomerMessageInput {
  message: string;
  conversationId?: string;
  trackingToken?: string;
}

export interface CustomerMessageResult {
  conversation: ConversationRow;
  answer: AssistantAnswer;
  /** the reply as stored (with the request for an e-mail address on a handover without one) */
  reply: string;
  handover: boolean;
  messages: SupportMessageView[];
}

/** How many earlier messages the assistant reads. */
const HISTORY = 20;

/** Said on a handover when we have no address to e-mail the staff's answer to. */
export const ASK_FOR_EMAIL =
  'If you would like the answer by e-mail as well, please write your e-mail address here.';

function validEmail(value: string): boolean {
  return value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

/** The references and shops mentioned, newest first: this message, then the history's. */
function mentioned(answer: AssistantAnswer, history: MessageRow[]) {
  const references = [...answer.entities.references];
  const shopSlugs = answer.entities.shops.map((s) => s.slug);
  for (const m of [...history].reverse()) {
    const e = m.entities as { references?: unknown; shops?: unknown } | null;
    if (Array.isArray(e?.references)) references.push(...e.references.filter((r) => typeof r === 'string'));
    if (Array.isArray(e?.shops)) {
      for (const s of e.shops as Array<{ slug?: unknown }>)
        if (typeof s?.slug === 'string') shopSlugs.push(s.slug);
    }
  }
  return { references: [...new Set(references)], shopSlugs: [...new Set(shopSlugs)] };
}

export async function postCustomerMessage(
  db: Db,
  input: CustomerMessageInput,
  caller: SupportCaller,
  now = new Date(),
): Promise<CustomerMessageResult> {
  const existing = input.conversationId ? await loadOwnConversation(db, input.conversationId, caller) : null;
  const history = existing ? (await readTranscript(db, existing.id, HISTORY)).map((r) => r.message) : [];
  const context: AssistantContext = {
    userId: caller.userId,
    trackingToken: input.trackingToken?.trim() || null,
    history: history.map((m) => ({ author: m.author, body: m.body, intent: m.intent })),
  };
  const answer = await answerMessage(db, input.message, context);
  const { references, shopSlugs } = mentioned(answer, history);

  const result = await db.transaction(async (tx) => {
    let conversation: ConversationRow;
    if (existing) {
      // re-read under lock: a staff reply or a close may have happened meanwhile
      conversation = await loadOwnConversation(tx, existing.id, caller, true);
    } else {
      const [created] = await tx
        .insert(supportConversations)
        .values({
          customerUserId: caller.userId,
          visitorSecretHash:
            !caller.userId && caller.visitorSecret ? hashVisitorSecret(caller.visitorSecret) : null,
          contactEmail: caller.email,
          createdAt: now,
          updatedAt: now,
          lastMessageAt: now,
        })
        .returning();
      conversation = created!;
    }
    const writtenEmail = answer.entities.emails.find(validEmail) ?? null;
    const contactEmail = conversation.contactEmail ?? writtenEmail;

    const patch: Partial<typeof supportConversations.$inferInsert> = {
      contactEmail,
      lastMessageAt: now,
      updatedAt: now,
    };
    let status: SupportStatus = conversation.status === 'closed' ? 'open' : conversation.status;
    const handover = answer.handover && status !== 'waiting_staff';
    if (handover) {
      status = 'waiting_staff';
      patch.handoverReason = answer.handoverReason ?? 'requested';
      patch.handedOverAt = now;
      patch.shopSlug =
        conversation.shopSlug ??
        (await pickHandoverShop(tx, {
          userId: caller.userId,
          trackingToken: context.trackingToken,
          references,
          shopSlugs,
        }));
    } else if (conversation.shopSlug && conversation.handedOverAt) {
      // a person has this conversation: whatever the customer writes now waits for them
      status = 'waiting_staff';
    }
    patch.status = status;
    const reply = handover && !contactEmail ? `${answer.reply}\n\n${ASK_FOR_EMAIL}` : answer.reply;

    const [updated] = await tx
      .update(supportConversations)
      .set(patch)
      .where(eq(supportConversations.id, conversation.id))
      .returning();
    const added = await tx
      .insert(supportMessages)
      .values([
        {
          conversationId: conversation.id,
          author: 'customer' as const,
          body: input.message,
          intent: answer.intent,
          entities: answer.entities as unknown as Record<string, unknown>,
          sentimentScore: answer.sentiment.score,
          sentimentLabel: answer.sentiment.label,
          createdAt: now,
        },
        {
          conversationId: conversation.id,
          author: 'assistant' as const,
          body: reply,
          intent: answer.intent,
          links: answer.links,
          createdAt: now,
        },
      ])
      .returning();
    return { conversation: updated!, added, reply, handover };
  });

  publishSupportMessages(result.conversation, result.added);
  const transcript = await readTranscript(db, result.conversation.id);
  return {
    conversation: result.conversation,
    answer,
    reply: result.reply,
    handover: result.handover || result.conversation.status === 'waiting_staff',
    messages: transcript.map(toMessageView),
  };
}
