import fs from 'node:fs';
import { trainTextClassifier, createTextClassifier, assignFolds } from '@/server/ai/text-classifier';
const examples = fs.readFileSync('src/features/support/training/intents-train.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { text: string; label: string });
const labels = [...new Set(examples.map((e) => e.label))].sort();
const folds = assignFolds(examples.map((e) => labels.indexOf(e.label)), 5, 7);
let ok = 0; const lowConf: number[] = []; const wrongConf: number[] = [];
for (let f = 0; f < 5; f++) {
  const train = examples.filter((_, i) => folds[i] !== f);
  const clf = createTextClassifier(await trainTextClassifier(train, { folds: 0 }));
  for (let i = 0; i < examples.length; i++) {
    if (folds[i] !== f) continue;
    const [top] = await clf.classify(examples[i]!.text);
    if (top!.label === examples[i]!.label) { ok++; lowConf.push(top!.probability); }
    else { wrongConf.push(top!.probability); console.log(`${examples[i]!.label} -> ${top!.label} ${top!.probability.toFixed(2)}: ${examples[i]!.text}`); }
  }
}
console.log('top1', ok / examples.length);
const q = (a: number[], p: number) => a.sort((x, y) => x - y)[Math.floor(p * (a.length - 1))]!.toFixed(2);
console.log('right p10/p50', q(lowConf, 0.1), q(lowConf, 0.5), 'wrong p50/p90', q(wrongConf, 0.5), q(wrongConf, 0.9));
for (const th of [0.3, 0.35, 0.4, 0.45, 0.5]) console.log(th, 'right below', lowConf.filter((p) => p < th).length, 'wrong below', wrongConf.filter((p) => p < th).length, '/', wrongConf.length);
