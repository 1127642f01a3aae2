/**
 * The support assistant: one customer message in, one answer out (issue 16, M13). The intent
 * comes from the trained model (classify-intent.ts), the entities and sentiment from the text,
 * and the reply from the real system: the repairs domain for status (owner or token holder
 * only), the pricing engine for prices, the booking form's link, the shops for hours and
 * addresses, and the knowledge base for technical questions. Complaints, requests for a person,
 * strongly negative messages and messages it is unsure about are handed to a person.
 *
 * The conversation (storing messages, notifying staff) is the caller's: this only answers.
 */
import type { Db } from '@/server/db/runtime';
import { loadCatalog, type CatalogSnapshot } from '@/features/catalog/server';
import { listShopRows } from '@/features/shops/server';
import { classifyIntent, warmUpIntentModel } from './classify-intent';
import { bookingReply, greetingReply, handoverReply, hoursReply, technicalReply } from './compose-reply';
import { buildDeviceIndex, type DeviceIndex } from './device-index';
import { extractEntities, findReferences } from './extract-entities';
import { knowledgeIndex, searchKnowledge } from './knowledge-base';
import { findRepairTerms } from './repair-terms';
import { pricingReply } from './reply-pricing';
import { statusReply } from './reply-status';
import { resolveIntent } from './resolve-intent';
import { NEGATIVE_HANDOVER_SCORE, scoreSentiment } from './sentiment';
import type { AssistantAnswer, AssistantContext, HandoverReason, Reply } from './types';

export type {
  AssistantAnswer,
  AssistantContext,
  HandoverReason,
  SupportEntities,
  SupportIntent,
} from './types';

/** The assistant reads this much of a message (the API caps messages itself). */
const MAX_CHARS = 4000;
/** Earlier customer turns consulted for a follow-up's device, repairs or reference. */
const HISTORY_TURNS = 4;

const deviceIndexes = new WeakMap<CatalogSnapshot, DeviceIndex>();

function deviceIndexOf(snapshot: CatalogSnapshot): DeviceIndex {
  let index = deviceIndexes.get(snapshot);
  if (!index) {
    index = buildDeviceIndex(snapshot.models);
    deviceIndexes.set(snapshot, index);
  }
  return index;
}

/** The customer's last few messages, newest first (for "which device?" follow-ups). */
function earlierCustomerTexts(ctx: AssistantContext): string[] {
  return ctx.history
    .filter((turn) => turn.author === 'customer')
    .slice(-HISTORY_TURNS)
    .reverse()
    .map((turn) => turn.body.slice(0, MAX_CHARS));
}

export async function answerMessage(
  db: Db,
  message: string,
  ctx: AssistantContext,
): Promise<AssistantAnswer> {
  const text = message.slice(0, MAX_CHARS).replaceAll('\u0000', ' ');
  const now = new Date();
  const [scores, snapshot, shops] = await Promise.all([
    classifyIntent(text),
    loadCatalog(db),
    listShopRows(db),
  ]);
  const devices = deviceIndexOf(snapshot);
  const entities = extractEntities(text, { devices, shops, now });
  const sentiment = scoreSentiment(text);
  const resolved = resolveIntent(scores, entities, text, ctx);
  const { intent } = resolved;

  let handoverReason: HandoverReason | null =
    intent === 'complaint'
      ? 'complaint'
      : intent === 'human'
        ? 'requested'
        : sentiment.score <= NEGATIVE_HANDOVER_SCORE
          ? 'negative-sentiment'
          : resolved.unsure
            ? 'low-confidence'
            : null;

  let answer: Reply | null = null;
  if (!handoverReason) {
    const earlier = earlierCustomerTexts(ctx);
    // a follow-up may name only what was missing: the rest comes from the customer's last turns
    const fromHistory = <T>(find: (text: string) => T[]): T[] => {
      for (const body of [text, ...earlier]) {
        const found = find(body);
        if (found.length) return found;
      }
      return [];
    };
    const device =
      entities.devices[0] ??
      fromHistory((body) => extractEntities(body, { devices, shops, now }).devices)[0] ??
      null;
    const shop = shops.find((s) => s.slug === entities.shops[0]?.slug) ?? null;
    switch (intent) {
      case 'greeting':
        answer = greetingReply();
        break;
      case 'status':
        answer = await statusReply(
          db,
          entities.references.length ? entities.references : fromHistory(findReferences),
          ctx,
          snapshot,
          shops,
        );
        break;
      case 'pricing':
        answer = pricingReply(snapshot, { device, repairSlugs: fromHistory(findRepairTerms), shop }, now);
        break;
      case 'booking': {
        const offered = device ? snapshot.pricesByModel.get(device.slug) : undefined;
        const repairSlugs = fromHistory(findRepairTerms).filter((slug) => offered?.has(slug));
        answer = bookingReply({ device, repairSlugs, shopSlug: shop?.slug ?? null });
        break;
      }
      case 'hours_location':
        answer = hoursReply(shops, entities.shops);
        break;
      case 'technical':
        answer = technicalReply(searchKnowledge(knowledgeIndex(), text));
        if (answer.unsure) handoverReason = 'low-confidence';
        break;
      default:
        break;
    }
  }
  const final = handoverReason || !answer ? handoverReply(handoverReason ?? 'low-confidence') : answer;
  return {
    intent,
    confidence: Math.round(resolved.confidence * 1000) / 1000,
    entities,
    sentiment,
    reply: final.reply,
    links: final.links,
    handover: handoverReason !== null,
    handoverReason: handoverReason ?? (answer ? null : 'low-confidence'),
  };
}

/** Loads the intent model and the knowledge base, so the first customer does not wait. */
export async function warmUpSupport(): Promise<void> {
  knowledgeIndex();
  await warmUpIntentModel();
}
