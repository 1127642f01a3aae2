/**
 * The offline fault classifier: the committed artefact (model/fault-model.json, trained by
 * `npm run train:ai` from training/train.jsonl: word and character n-grams joined with a USE-lite
 * sentence embedding) scores a customer's description against the 15 fault categories and
 * `unknown`. The encoder and the model load once per process (warmUpDiagnostics at start).
 */
import { loadTextClassifier, type LabelScore } from '@/server/ai/text-classifier';
import { FAULT_LABELS, UNKNOWN_FAULT } from '../categories';
import { FAULT_MODEL_PATH } from './model-file';

/**
 * Below this top probability the answer is "not sure" (book a free diagnostic). Chosen from the
 * out-of-fold answers on the training set that `npm run train:ai` prints: the bar maximising
 * (off-topic texts caught) - (fault texts wrongly not sure), 94.1% - 4.8% at 0.50 (README, "AI
 * diagnostics: the model"). Probabilities are calibrated, so this is a real confidence bar.
 */
export const notSureThreshold = 0.5;

/** True when the answer should be "not sure": `unknown` on top, or the top too unlikely. */
export function isNotSure(scores: readonly LabelScore[]): boolean {
  const top = scores[0];
  return !top || top.label === UNKNOWN_FAULT || top.probability < notSureThreshold;
}

async function classifier() {
  const loaded = await loadTextClassifier(FAULT_MODEL_PATH);
  const missing = FAULT_LABELS.filter((l) => !loaded.labels.includes(l));
  if (missing.length)
    throw new Error(`the fault model lacks the labels ${missing.join(', ')}; run npm run train:ai`);
  return loaded;
}

/** All 16 labels (the 15 categories and `unknown`), calibrated, most likely first. */
export async function classifyFault(text: string): Promise<LabelScore[]> {
  return (await classifier()).classify(text);
}

/** Loads the model and answers once, so the first customer does not wait for it. */
export async function warmUpDiagnostics(): Promise<void> {
  await classifyFault('my phone screen is cracked');
}
