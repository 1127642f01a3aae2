/**
 * The offline fault classifier: the committed artefact (model/fault-model.json, trained by
 * `npm run train:ai` from training/train.jsonl) scores a customer's description against the 15
 * fault categories and `unknown`. Probabilities are calibrated (temperature scaling), so the
 * not-sure rule below is a real confidence bar, not a magic number.
 */
import { loadTextClassifier, type LabelScore } from '@/server/ai/text-classifier';
import { FAULT_LABELS, UNKNOWN_FAULT } from '../categories';
import { FAULT_MODEL_PATH } from './model-file';

/**
 * Below this top probability the answer is "not sure" (book a free diagnostic). Set by
 * measurement on the training set's out-of-fold predictions (see the README's "AI diagnostics:
 * the model"): the lowest bar that catches most vague and off-topic texts while leaving the
 * fault texts that the model gets right answered.
 */
export const notSureThreshold = 0.45;

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
