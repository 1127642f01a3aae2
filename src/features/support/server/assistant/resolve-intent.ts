/**
 * From the model's scores, the message's entities and the conversation so far to one intent
 * and whether it is too unsure to answer.
 *
 * A short follow-up that answers the assistant's own question keeps the conversation's
 * intent, whatever the model makes of it alone: a device after "which device is it?" (pricing,
 * booking), a reference after "what is your booking reference?" (status). A bare reference is a
 * status question. `confidence` stays the model's calibrated probability for the chosen intent.
 */
import type { IntentScore } from './classify-intent';
import type { SupportEntities } from './extract-entities';
import { isSupportIntent, type SupportIntent } from '../../intents';
import type { AssistantContext } from './types';

/**
 * Below this probability for its best intent the model is unsure and a person takes over.
 * Chosen on the training set's out-of-fold predictions (see training/README.md).
 */
export const LOW_CONFIDENCE = 0.45;

/** A follow-up is short: a model name or a reference, with a few words around it. */
const FOLLOW_UP_MAX_WORDS = 8;

export interface ResolvedIntent {
  intent: SupportIntent;
  confidence: number;
  /** true when a rule of the conversation, not the model alone, chose the intent */
  fromContext: boolean;
  unsure: boolean;
}

function lastAssistantIntent(ctx: AssistantContext): SupportIntent | null {
  for (let i = ctx.history.length - 1; i >= 0; i--) {
    const turn = ctx.history[i]!;
    if (turn.author === 'customer') continue;
    return turn.author === 'assistant' && isSupportIntent(turn.intent) ? turn.intent : null;
  }
  return null;
}

export function resolveIntent(
  scores: readonly IntentScore[],
  entities: SupportEntities,
  message: string,
  ctx: AssistantContext,
): ResolvedIntent {
  const top = scores[0] ?? { intent: 'greeting' as const, probability: 0 };
  const probabilityOf = (intent: SupportIntent) => scores.find((s) => s.intent === intent)?.probability ?? 0;
  if (top.probability >= LOW_CONFIDENCE) {
    return { intent: top.intent, confidence: top.probability, fromContext: false, unsure: false };
  }
  const short = message.trim().split(/\s+/).length <= FOLLOW_UP_MAX_WORDS;
  const previous = lastAssistantIntent(ctx);
  let intent: SupportIntent | null = null;
  if (short && entities.references.length) intent = 'status';
  else if (short && entities.devices.length && (previous === 'pricing' || previous === 'booking'))
    intent = previous;
  if (intent) return { intent, confidence: probabilityOf(intent), fromContext: true, unsure: false };
  return { intent: top.intent, confidence: top.probability, fromContext: false, unsure: true };
}
