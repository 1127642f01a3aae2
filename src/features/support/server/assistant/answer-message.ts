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
import { listShopRows, type ShopRow } from '@/features/shops/server';
import { classifyIntent, warmUpIntentModel } from './classify-intent';
import { bookingReply, greetingReply, handoverReply, hoursReply, technicalReply } from './compose-reply';
import { buildDeviceIndex, type DeviceIndex } from './device-index';
import type { SupportEntities } from './extract-entities';
import { knowledgeIndex, searchKnowledge } from './knowledge-base';
import { findRepairTerms } from './repair-terms';
import { pricingReply } from './reply-pricing';
import { statusReply } from './reply-status';
import { resolveIntent } from './resolve-intent';
import type { AssistantAnswer, AssistantContext, HandoverReason, Reply, SupportIntent } from './types';

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

/**
 * The entity extraction (chrono-node) and VADER: about 0.5 s of CPU on 2 cores, loaded with the
 * first message or the warm-up, not with the API that every server start and test suite imports.
 */
const entityTools = () => import('./extract-entities');
const sentimentTools = () => import('./sentiment');

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
  const [scores, snapshot, shops, { extractEntities }, { NEGATIVE_HANDOVER_SCORE, scoreSentiment }] =
    await Promise.all([
      classifyIntent(text),
      loadCatalog(db),
      listShopRows(db),
      entityTools(),
      sentimentTools(),
    ]);
  const entities = extractEntities(text, { devices: deviceIndexOf(snapshot), shops, now });
  const sentiment = scoreSentiment(text);
  const resolved = resolveIntent(scores, entities, text, ctx);
  const { intent } = resolved;

  // a complaint, a request for a person or an unsure model: a person answers instead
  const instead: HandoverReason | null =
    intent === 'complaint'
      ? 'complaint'
      : intent === 'human'
        ? 'requested'
        : resolved.unsure
          ? 'low-confidence'
          : null;
  const answer = instead
    ? null
    : await answerIntent(db, text, ctx, { intent, entities, snapshot, shops, now });
  // a strongly negative message is answered too, and a person follows it up
  const handoverReason: HandoverReason | null =
    instead ??
    (!answer || answer.unsure
      ? 'low-confidence'
      : sentiment.score <= NEGATIVE_HANDOVER_SCORE
        ? 'negative-sentiment'
        : null);
  const handover = handoverReason ? handoverReply(handoverReason) : null;
  const replies = [answer && !answer.unsure ? answer : null, handover].filter((r): r is Reply => r !== null);
  return {
    intent,
    confidence: Math.round(resolved.confidence * 1000) / 1000,
    entities,
    sentiment,
    reply: replies.map((r) => r.reply).join('\n\n'),
    links: replies.flatMap((r) => r.links),
    handover: handoverReason !== null,
    handoverReason,
  };
}

interface Understood {
  intent: SupportIntent;
  entities: SupportEntities;
  snapshot: CatalogSnapshot;
  shops: ShopRow[];
  now: Date;
}

/** The answer to an intent the assistant handles itself (not complaint or human). */
async function answerIntent(
  db: Db,
  text: string,
  ctx: AssistantContext,
  u: Understood,
): Promise<Reply | null> {
  const { extractEntities, findReferences } = await entityTools();
  const { entities, snapshot, shops, now } = u;
  const devices = deviceIndexOf(snapshot);
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
  switch (u.intent) {
    case 'greeting':
      return greetingReply();
    case 'status':
      return statusReply(
        db,
        entities.references.length ? entities.references : fromHistory(findReferences),
        ctx,
        snapshot,
        shops,
      );
    case 'pricing':
      return pricingReply(snapshot, { device, repairSlugs: fromHistory(findRepairTerms), shop }, now);
    case 'booking': {
      const offered = device ? snapshot.pricesByModel.get(device.slug) : undefined;
      const repairSlugs = fromHistory(findRepairTerms).filter((slug) => offered?.has(slug));
      return bookingReply({ device, repairSlugs, shopSlug: shop?.slug ?? null });
    }
    case 'hours_location':
      return hoursReply(shops, entities.shops);
    case 'technical':
      return technicalReply(searchKnowledge(knowledgeIndex(), text));
    default:
      return null;
  }
}

/** Loads the intent model, the knowledge base and the text tools, so the first customer does not wait. */
export async function warmUpSupport(): Promise<void> {
  knowledgeIndex();
  await Promise.all([warmUpIntentModel(), entityTools(), sentimentTools()]);
}
