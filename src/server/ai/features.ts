/**
 * Sparse text features: word 1..n-grams and character n-grams taken inside each word padded
 * with spaces (" screen " -> " sc", "scr", ..., "en "), so a misspelt word still shares most of
 * its n-grams with the right one. Each group is weighted by sublinear tf x idf and scaled to
 * unit length, then multiplied by its group weight, so long rambling texts and one-word texts
 * land on the same scale.
 */
import { normaliseWords } from './normalise';

export interface FeatureOptions {
  /** word n-gram sizes, inclusive range */
  wordNgrams: [number, number];
  /** character n-gram sizes, inclusive range (0, 0 turns them off) */
  charNgrams: [number, number];
  /** weight of the word group and of the char group after each is unit-normalised */
  wordWeight: number;
  charWeight: number;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  wordNgrams: [1, 2],
  charNgrams: [3, 5],
  wordWeight: 1,
  charWeight: 1,
};

/** Word and char n-grams kept as two prefixed groups ("w:" and "c:"), with their counts. */
export function extractNgrams(text: string, options: FeatureOptions): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  // long texts are cut: a 1 MB paste must not cost seconds (the first 4,000 words say enough)
  const words = normaliseWords(text.length > 40_000 ? text.slice(0, 40_000) : text).slice(0, 4000);
  const [wMin, wMax] = options.wordNgrams;
  for (let n = wMin; n <= wMax; n++) {
    for (let i = 0; i + n <= words.length; i++) add(`w:${words.slice(i, i + n).join(' ')}`);
  }
  const [cMin, cMax] = options.charNgrams;
  if (cMin > 0) {
    for (const word of words) {
      const padded = ` ${word.length > 40 ? word.slice(0, 40) : word} `;
      for (let n = cMin; n <= cMax; n++) {
        for (let i = 0; i + n <= padded.length; i++) add(`c:${padded.slice(i, i + n)}`);
      }
    }
  }
  return counts;
}

export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

export interface Vocabulary {
  index: Map<string, number>;
  /** idf per feature index */
  idf: Float64Array;
}

/** The vocabulary of the training texts: n-grams seen in at least `minCount` texts. */
export function buildVocabulary(
  ngramSets: Map<string, number>[],
  minCount: number,
): { features: string[]; idf: number[] } {
  const df = new Map<string, number>();
  for (const grams of ngramSets) for (const key of grams.keys()) df.set(key, (df.get(key) ?? 0) + 1);
  const features = [...df.entries()]
    .filter(([key, count]) => count >= minCount || (key.startsWith('w:') && !key.includes(' ')))
    .map(([key]) => key)
    .sort();
  const n = ngramSets.length;
  const idf = features.map((key) => Math.log((1 + n) / (1 + (df.get(key) ?? 0))) + 1);
  return { features, idf };
}

export function vocabularyFrom(features: readonly string[], idf: ArrayLike<number>): Vocabulary {
  const index = new Map<string, number>();
  features.forEach((f, i) => index.set(f, i));
  return { index, idf: Float64Array.from(idf as ArrayLike<number>) };
}

/** tf-idf, unit length per group, weighted; unknown n-grams are dropped. */
export function vectorise(
  grams: Map<string, number>,
  vocab: Vocabulary,
  options: FeatureOptions,
): SparseVector {
  const word: [number, number][] = [];
  const char: [number, number][] = [];
  for (const [key, count] of grams) {
    const i = vocab.index.get(key);
    if (i === undefined) continue;
    const value = (1 + Math.log(count)) * (vocab.idf[i] ?? 1);
    (key.startsWith('w:') ? word : char).push([i, value]);
  }
  const scale = (group: [number, number][], weight: number) => {
    let norm = 0;
    for (const [, v] of group) norm += v * v;
    norm = Math.sqrt(norm);
    if (norm > 0) for (const entry of group) entry[1] = (entry[1] / norm) * weight;
  };
  scale(word, options.wordWeight);
  scale(char, options.charWeight);
  const all = [...word, ...char].sort((a, b) => a[0] - b[0]);
  return { indices: Int32Array.from(all, (e) => e[0]), values: Float64Array.from(all, (e) => e[1]) };
}

/** Appends a dense block (e.g. a sentence embedding) after `offset`, scaled to `weight`. */
export function appendDense(
  vector: SparseVector,
  dense: ArrayLike<number>,
  offset: number,
  weight: number,
): SparseVector {
  let norm = 0;
  for (let i = 0; i < dense.length; i++) norm += (dense[i] ?? 0) ** 2;
  norm = Math.sqrt(norm) || 1;
  const n = vector.indices.length;
  const indices = new Int32Array(n + dense.length);
  const values = new Float64Array(n + dense.length);
  indices.set(vector.indices);
  values.set(vector.values);
  for (let i = 0; i < dense.length; i++) {
    indices[n + i] = offset + i;
    values[n + i] = ((dense[i] ?? 0) / norm) * weight;
  }
  return { indices, values };
}
