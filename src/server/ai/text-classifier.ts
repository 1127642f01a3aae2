/**
 * The shared text classifier (domain-free): multinomial logistic regression over word 1-2-grams
 * and character 3-5-grams (features.ts), optionally joined with a sentence embedding
 * (embeddings.ts), trained by L-BFGS (softmax-regression.ts), with probabilities calibrated by
 * temperature scaling fitted on k-fold out-of-fold logits (calibration.ts). The trained model is
 * a compact JSON artefact (artefact.ts) committed beside its domain and loaded once per path.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  appendDense,
  buildVocabulary,
  DEFAULT_FEATURE_OPTIONS,
  extractNgrams,
  vectorise,
  vocabularyFrom,
  type FeatureOptions,
  type SparseVector,
} from './features';
import { softmaxInPlace, sparseLogits, trainSoftmax } from './softmax-regression';
import { fitTemperature, negativeLogLikelihood } from './calibration';
import {
  ARTEFACT_FORMAT,
  assertArtefact,
  packWeights,
  unpackWeights,
  type ClassifierArtefact,
} from './artefact';

export type { ClassifierArtefact } from './artefact';

export interface TrainingExample {
  text: string;
  label: string;
}

export interface LabelScore {
  label: string;
  /** calibrated; the scores of one answer sum to 1 and are sorted descending */
  probability: number;
}

export interface TextClassifier {
  readonly labels: readonly string[];
  classify(text: string): Promise<LabelScore[]>;
}

/** Sentence embeddings for a batch of texts (one vector per text, same length each). */
export type EmbedFunction = (texts: string[]) => Promise<ArrayLike<number>[]>;

export interface TrainOptions {
  features?: Partial<FeatureOptions>;
  /** n-grams seen in fewer training texts are left out (single words are always kept); default 2 */
  minCount?: number;
  /** L2 penalty on the weights; default 1e-4 */
  l2?: number;
  maxIterations?: number;
  /** folds for the out-of-fold calibration and the cross-validation figures; default 5 (0: none) */
  folds?: number;
  /** weigh each class equally whatever its number of examples; default true */
  balanceClasses?: boolean;
  /** joins a sentence embedding to the n-grams (the artefact then needs the same encoder) */
  embedding?: { embed: EmbedFunction; weight?: number };
  /** deterministic fold assignment; default 1 */
  seed?: number;
}

interface Prepared {
  labels: string[];
  ys: number[];
  grams: Map<string, number>[];
  dense: ArrayLike<number>[] | null;
}

function resolveFeatures(options: TrainOptions): FeatureOptions {
  return { ...DEFAULT_FEATURE_OPTIONS, ...options.features };
}

/** A small deterministic PRNG (mulberry32) for fold assignment. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Stratified folds: each class's examples are shuffled and dealt round the folds. */
export function assignFolds(ys: number[], folds: number, seed = 1): number[] {
  const rand = random(seed);
  const out = new Array<number>(ys.length).fill(0);
  const byClass = new Map<number, number[]>();
  ys.forEach((y, i) => byClass.set(y, [...(byClass.get(y) ?? []), i]));
  let offset = 0;
  for (const members of byClass.values()) {
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [members[i], members[j]] = [members[j]!, members[i]!];
    }
    members.forEach((m, i) => (out[m] = (i + offset) % folds));
    offset += members.length;
  }
  return out;
}

interface Fitted {
  vocabulary: string[];
  idf: number[];
  weights: Float64Array;
  bias: Float64Array;
  dims: number;
}

function fit(
  prepared: Prepared,
  indices: number[],
  options: TrainOptions,
  features: FeatureOptions,
): Fitted & { vectorise: (i: number) => SparseVector } {
  const minCount = options.minCount ?? 2;
  const { features: vocabulary, idf } = buildVocabulary(
    indices.map((i) => prepared.grams[i]!),
    minCount,
  );
  const vocab = vocabularyFrom(vocabulary, idf);
  const weight = options.embedding?.weight ?? 1;
  const denseLength = prepared.dense?.[0]?.length ?? 0;
  const toVector = (i: number) => {
    const v = vectorise(prepared.grams[i]!, vocab, features);
    return prepared.dense ? appendDense(v, prepared.dense[i]!, vocabulary.length, weight) : v;
  };
  const xs = indices.map(toVector);
  const ys = indices.map((i) => prepared.ys[i]!);
  const K = prepared.labels.length;
  let classWeights: Float64Array | undefined;
  if (options.balanceClasses ?? true) {
    const counts = new Float64Array(K);
    for (const y of ys) counts[y]!++;
    classWeights = Float64Array.from(counts, (c) => (c > 0 ? ys.length / (K * c) : 0));
  }
  const dims = vocabulary.length + denseLength;
  const model = trainSoftmax(xs, ys, dims, K, {
    l2: options.l2 ?? 1e-4,
    maxIterations: options.maxIterations ?? 300,
    classWeights,
  });
  return { vocabulary, idf, weights: model.weights, bias: model.bias, dims, vectorise: toVector };
}

function topK(probabilities: ArrayLike<number>, y: number, k: number): boolean {
  const p = probabilities[y]!;
  let above = 0;
  for (let i = 0; i < probabilities.length; i++) if (probabilities[i]! > p) above++;
  return above < k;
}

/**
 * Trains on `examples` and returns the artefact. With folds > 1, k models are first trained
 * on k-1 folds each to get out-of-fold logits for every example: the temperature is fitted on
 * them and they give the cross-validation figures; the final model is trained on everything.
 */
export async function trainTextClassifier(
  examples: TrainingExample[],
  options: TrainOptions = {},
): Promise<ClassifierArtefact> {
  if (!examples.length) throw new Error('no training examples');
  const features = resolveFeatures(options);
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const prepared: Prepared = {
    labels,
    ys: examples.map((e) => labelIndex.get(e.label)!),
    grams: examples.map((e) => extractNgrams(e.text, features)),
    dense: options.embedding ? await options.embedding.embed(examples.map((e) => e.text)) : null,
  };
  const folds = options.folds ?? 5;
  let temperature = 1;
  let crossValidation: ClassifierArtefact['training']['crossValidation'] = null;
  if (folds > 1) {
    const foldOf = assignFolds(prepared.ys, folds, options.seed ?? 1);
    const oof: Float64Array[] = new Array(examples.length);
    for (let f = 0; f < folds; f++) {
      const trainIdx = examples.map((_, i) => i).filter((i) => foldOf[i] !== f);
      const model = fit(prepared, trainIdx, options, features);
      for (let i = 0; i < examples.length; i++) {
        if (foldOf[i] === f)
          oof[i] = sparseLogits(model.weights, model.bias, labels.length, model.vectorise(i));
      }
    }
    temperature = fitTemperature(oof, prepared.ys);
    let top1 = 0;
    let top3 = 0;
    oof.forEach((z, i) => {
      const y = prepared.ys[i]!;
      if (topK(z, y, 1)) top1++;
      if (topK(z, y, 3)) top3++;
    });
    crossValidation = {
      folds,
      top1: top1 / examples.length,
      top3: top3 / examples.length,
      logLoss: negativeLogLikelihood(oof, prepared.ys, temperature),
    };
  }
  const all = examples.map((_, i) => i);
  const model = fit(prepared, all, options, features);
  const denseRows = model.dims - model.vocabulary.length;
  const packed = packWeights(model.weights, labels.length, model.vocabulary, model.idf, denseRows);
  return {
    format: ARTEFACT_FORMAT,
    version: 1,
    labels,
    features,
    vocabulary: packed.vocabulary,
    idf: packed.idf,
    embedding: options.embedding
      ? { kind: 'use-lite', dimensions: denseRows, weight: options.embedding.weight ?? 1 }
      : null,
    weights: packed.weights,
    bias: Array.from(model.bias, (b) => Number(b.toPrecision(6))),
    temperature: Number(temperature.toPrecision(6)),
    training: {
      examples: examples.length,
      l2: options.l2 ?? 1e-4,
      minCount: options.minCount ?? 2,
      crossValidation,
    },
  };
}

/** A classifier from an artefact in memory. `embed` is needed when the artefact uses embeddings. */
export function createTextClassifier(artefact: ClassifierArtefact, embed?: EmbedFunction): TextClassifier {
  const vocab = vocabularyFrom(artefact.vocabulary, artefact.idf);
  const weights = unpackWeights(artefact);
  const K = artefact.labels.length;
  const spec = artefact.embedding;
  if (spec && !embed) throw new Error('this classifier needs a sentence encoder (embed)');
  return {
    labels: artefact.labels,
    async classify(text: string) {
      let x = vectorise(extractNgrams(text, artefact.features), vocab, artefact.features);
      if (spec && embed) {
        const [vector] = await embed([text]);
        x = appendDense(x, vector!, artefact.vocabulary.length, spec.weight);
      }
      const p = softmaxInPlace(sparseLogits(weights, artefact.bias, K, x), artefact.temperature);
      return artefact.labels
        .map((label, k) => ({ label, probability: p[k]! }))
        .sort((a, b) => b.probability - a.probability);
    },
  };
}

const CACHE_KEY = Symbol.for('revivatech.ai.textClassifiers');
type Cache = Map<string, Promise<TextClassifier>>;
const cache: Cache =
  ((globalThis as Record<symbol, unknown>)[CACHE_KEY] as Cache | undefined) ??
  ((globalThis as Record<symbol, unknown>)[CACHE_KEY] = new Map());

/**
 * Loads an artefact from disk, once per absolute path (the promise is shared, a failure is not
 * cached). An artefact with an embedding block loads the sentence encoder too.
 */
export function loadTextClassifier(artefactPath: string): Promise<TextClassifier> {
  const key = path.resolve(artefactPath);
  let loading = cache.get(key);
  if (!loading) {
    loading = (async () => {
      const parsed: unknown = JSON.parse(await fs.readFile(key, 'utf8'));
      assertArtefact(parsed, key);
      let embed: EmbedFunction | undefined;
      if (parsed.embedding) {
        const embeddings = await import('./embeddings');
        await embeddings.warmUpEmbeddings();
        embed = embeddings.embedTexts;
      }
      return createTextClassifier(parsed, embed);
    })();
    cache.set(key, loading);
    loading.catch(() => cache.delete(key));
  }
  return loading;
}
