/**
 * The intent of a customer's message, from the model trained on
 * `training/intents-train.jsonl` (`npm run train:ai`; the artefact is committed). The model is
 * the shared text classifier of src/server/ai; its probabilities are calibrated, so "low
 * confidence" is a measured probability, not a guess.
 */
import path from 'node:path';
import { loadTextClassifier, type TextClassifier } from '@/server/ai/text-classifier';
import { isSupportIntent, type SupportIntent } from '../../intents';

/** Where `npm run train:ai` writes the model (relative to the app's root, the working folder). */
export const INTENT_MODEL_PATH = 'src/features/support/model/intent-model.json';

/** The classifier reads at most this much of a message: intent is clear from its start. */
const MAX_CHARS = 2000;

export interface IntentScore {
  intent: SupportIntent;
  probability: number;
}

function classifier(): Promise<TextClassifier> {
  return loadTextClassifier(path.join(process.cwd(), INTENT_MODEL_PATH));
}

/** Every intent with its probability, most likely first (they sum to 1). */
export async function classifyIntent(message: string): Promise<IntentScore[]> {
  const scores = await (await classifier()).classify(message.slice(0, MAX_CHARS));
  return scores.flatMap((s) =>
    isSupportIntent(s.label) ? [{ intent: s.label, probability: s.probability }] : [],
  );
}

/** Loads the model and runs it once, so the first customer does not wait for it. */
export async function warmUpIntentModel(): Promise<void> {
  await classifyIntent('hello');
}
