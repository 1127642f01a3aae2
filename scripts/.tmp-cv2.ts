import fs from 'node:fs';
import { trainTextClassifier } from '@/server/ai/text-classifier';
import { embedTexts } from '@/server/ai/embeddings';
const examples = fs.readFileSync('src/features/support/training/intents-train.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { text: string; label: string });
const cache = new Map<string, number[]>();
const embed = async (texts: string[]) => { const miss = texts.filter((t) => !cache.has(t)); if (miss.length) { const v = await embedTexts(miss); miss.forEach((t, i) => cache.set(t, v[i]!)); } return texts.map((t) => cache.get(t)!); };
for (const [name, opts] of [
  ['ngrams seed1', {}], ['ngrams seed7', { seed: 7 }],
  ['emb w1', { embedding: { embed, weight: 1 } }], ['emb w1 seed7', { embedding: { embed, weight: 1 }, seed: 7 }],
  ['emb w2', { embedding: { embed, weight: 2 } }], ['emb w3 seed7', { embedding: { embed, weight: 3 }, seed: 7 }],
] as const) {
  const t0 = Date.now();
  const a = await trainTextClassifier(examples, opts as never);
  console.log(name, JSON.stringify(a.training.crossValidation), 'ms', Date.now() - t0);
}
