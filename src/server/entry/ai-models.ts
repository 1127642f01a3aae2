/**
 * The models `npm run train:ai` builds and `npm run eval:ai` measures: where their training
 * data, held-out split and artefact live, their labels, how they are trained and the targets
 * eval:ai holds them to (the acceptance figures of issue 16).
 */
import path from 'node:path';
import type { TrainOptions } from '@/server/ai/text-classifier';
import { FAULT_LABELS, UNKNOWN_FAULT } from '@/features/diagnostics/categories';
import {
  FAULT_HELDOUT_PATH,
  FAULT_MODEL_PATH,
  FAULT_TRAINING_PATH,
  notSureThreshold,
} from '@/features/diagnostics/server';

export interface AiModelTargets {
  top1: number;
  top3?: number;
  /** share of held-out `unknownLabel` texts answered "not sure" */
  notSure?: number;
  p50Ms?: number;
  p95Ms?: number;
}

export interface AiModelSpec {
  name: 'diagnostics' | 'intents';
  trainPath: string;
  heldoutPath: string;
  artefactPath: string;
  labels: readonly string[];
  /** the label of texts outside the model's subject, and the "not sure" bar */
  unknownLabel?: string;
  notSureThreshold?: number;
  /** `embedding: true` joins USE-lite sentence embeddings to the n-grams */
  training: Omit<TrainOptions, 'embedding'> & { embedding: boolean; embeddingWeight?: number };
  targets: AiModelTargets;
}

const file = (relative: string) => path.join(process.cwd(), relative);

export const AI_MODELS: readonly AiModelSpec[] = [
  {
    name: 'diagnostics',
    trainPath: FAULT_TRAINING_PATH,
    heldoutPath: FAULT_HELDOUT_PATH,
    artefactPath: FAULT_MODEL_PATH,
    labels: FAULT_LABELS,
    unknownLabel: UNKNOWN_FAULT,
    notSureThreshold,
    training: { embedding: false, l2: 1e-4, minCount: 2, folds: 5 },
    targets: { top1: 0.9, top3: 0.97, notSure: 0.8, p50Ms: 30, p95Ms: 100 },
  },
  {
    name: 'intents',
    trainPath: file('src/features/support/training/intents-train.jsonl'),
    heldoutPath: file('src/features/support/training/intents-heldout.jsonl'),
    artefactPath: file('src/features/support/model/intent-model.json'),
    labels: ['status', 'booking', 'pricing', 'technical', 'complaint', 'hours_location', 'human', 'greeting'],
    training: { embedding: false, l2: 1e-4, minCount: 2, folds: 5 },
    targets: { top1: 0.9 },
  },
];
