/**
 * The trained classifier as compact JSON: vocabulary, idf, weights quantised to int8 per class
 * column (base64), biases and the calibration temperature. Rows (features) whose weights all
 * quantise to zero are pruned with their vocabulary entry.
 */
import type { FeatureOptions } from './features';

export const ARTEFACT_FORMAT = 'revivatech-text-classifier';

export interface EmbeddingSpec {
  /** the sentence encoder (see embeddings.ts) */
  kind: 'use-lite';
  dimensions: number;
  /** the embedding block's length after unit-normalisation */
  weight: number;
}

export interface ClassifierArtefact {
  format: typeof ARTEFACT_FORMAT;
  version: 1;
  labels: string[];
  features: FeatureOptions;
  /** n-gram features ("w:..." words, "c:..." characters); embedding rows follow them */
  vocabulary: string[];
  idf: number[];
  embedding: EmbeddingSpec | null;
  /** int8 per weight, rows = vocabulary then embedding dims, columns = labels; value = q * scale[k] */
  weights: { scales: number[]; data: string };
  bias: number[];
  temperature: number;
  training: TrainingReport;
}

export interface TrainingReport {
  examples: number;
  l2: number;
  minCount: number;
  /** out-of-fold figures on the training set (k-fold), after calibration */
  crossValidation: { folds: number; top1: number; top3: number; logLoss: number } | null;
}

/** Quantises a feature-major matrix (rows x classes) and prunes all-zero vocabulary rows. */
export function packWeights(
  weights: Float64Array,
  classes: number,
  vocabulary: string[],
  idf: number[],
  denseRows: number,
): { vocabulary: string[]; idf: number[]; weights: ClassifierArtefact['weights'] } {
  const rows = vocabulary.length + denseRows;
  const scales: number[] = [];
  for (let k = 0; k < classes; k++) {
    let max = 0;
    for (let r = 0; r < rows; r++) max = Math.max(max, Math.abs(weights[r * classes + k]!));
    scales.push(max > 0 ? max / 127 : 1);
  }
  const keptVocab: string[] = [];
  const keptIdf: number[] = [];
  const bytes: number[] = [];
  for (let r = 0; r < rows; r++) {
    const q = new Int8Array(classes);
    let any = false;
    for (let k = 0; k < classes; k++) {
      q[k] = Math.round(weights[r * classes + k]! / scales[k]!);
      if (q[k] !== 0) any = true;
    }
    const isDense = r >= vocabulary.length;
    if (!any && !isDense) continue;
    if (!isDense) {
      keptVocab.push(vocabulary[r]!);
      keptIdf.push(Math.round(idf[r]! * 1e4) / 1e4);
    }
    for (const v of q) bytes.push(v & 0xff);
  }
  return {
    vocabulary: keptVocab,
    idf: keptIdf,
    weights: {
      scales: scales.map((s) => Number(s.toPrecision(6))),
      data: Buffer.from(bytes).toString('base64'),
    },
  };
}

/** The weight matrix as floats (rows x classes, feature-major). */
export function unpackWeights(artefact: ClassifierArtefact): Float32Array {
  const bytes = Buffer.from(artefact.weights.data, 'base64');
  const q = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  const K = artefact.labels.length;
  const out = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) out[i] = q[i]! * artefact.weights.scales[i % K]!;
  return out;
}

export function assertArtefact(value: unknown, source: string): asserts value is ClassifierArtefact {
  const a = value as Partial<ClassifierArtefact> | null;
  if (
    !a ||
    a.format !== ARTEFACT_FORMAT ||
    a.version !== 1 ||
    !Array.isArray(a.labels) ||
    !Array.isArray(a.vocabulary)
  ) {
    throw new Error(
      `${source} is not a text-classifier artefact (format ${ARTEFACT_FORMAT} v1); run npm run train:ai`,
    );
  }
}
