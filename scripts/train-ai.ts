/**
 * `npm run train:ai [-- --only diagnostics|intents]`: trains each model of
 * src/server/entry/ai-models.ts from its training file and writes its artefact (committed).
 * Prints the k-fold cross-validation figures on the training set (the held-out split is never
 * read here).
 *
 * `-- --compare` trains nothing to disk: it prints the cross-validation figures of the three
 * candidate variants (n-grams alone, USE-lite embeddings alone, both joined), the measurement
 * behind the choice in the README.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { trainTextClassifier, type TrainOptions } from '@/server/ai/text-classifier';
import type { AiModelSpec } from '@/server/entry/ai-models';
import { readExamples, selectedModels } from './lib/ai-data';

const argv = process.argv.slice(2);

async function embeddingOption(spec: AiModelSpec['training']): Promise<TrainOptions['embedding']> {
  if (!spec.embedding) return undefined;
  const { embedTexts } = await import('@/server/ai/embeddings');
  return { embed: embedTexts, weight: spec.embeddingWeight ?? 1 };
}

function describe(name: string, cv: { top1: number; top3: number; logLoss: number } | null, seconds: number) {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return cv
    ? `${name}: cross-validation top-1 ${pct(cv.top1)}, top-3 ${pct(cv.top3)}, log-loss ${cv.logLoss.toFixed(3)} (${seconds.toFixed(1)} s)`
    : `${name}: trained (${seconds.toFixed(1)} s)`;
}

async function main() {
  for (const spec of selectedModels(argv)) {
    const examples = await readExamples(spec.trainPath, spec.labels);
    const missing = spec.labels.filter((l) => !examples.some((e) => e.label === l));
    if (missing.length) throw new Error(`${spec.trainPath} has no examples of ${missing.join(', ')}`);
    const { embedding, embeddingWeight, ...options } = spec.training;
    if (argv.includes('--compare')) {
      const variants: [string, AiModelSpec['training']][] = [
        ['n-grams', { ...spec.training, embedding: false }],
        ['embeddings', { ...spec.training, embedding: true, features: { wordWeight: 0, charWeight: 0 } }],
        ['combined', { ...spec.training, embedding: true, embeddingWeight: embeddingWeight ?? 1 }],
      ];
      for (const [name, variant] of variants) {
        const started = performance.now();
        const { embedding: _e, embeddingWeight: _w, ...rest } = variant;
        const artefact = await trainTextClassifier(examples, {
          ...rest,
          embedding: await embeddingOption(variant),
        });
        console.log(
          describe(
            `${spec.name} ${name}`,
            artefact.training.crossValidation,
            (performance.now() - started) / 1000,
          ),
        );
      }
      continue;
    }
    const started = performance.now();
    const artefact = await trainTextClassifier(examples, {
      ...options,
      embedding: await embeddingOption({ embedding, embeddingWeight }),
    });
    await fs.mkdir(path.dirname(spec.artefactPath), { recursive: true });
    const json = JSON.stringify(artefact);
    await fs.writeFile(spec.artefactPath, `${json}\n`);
    console.log(describe(spec.name, artefact.training.crossValidation, (performance.now() - started) / 1000));
    console.log(
      `  ${examples.length} examples, ${artefact.vocabulary.length} features kept, temperature ${artefact.temperature}, ` +
        `${(json.length / 1024).toFixed(0)} KB -> ${path.relative(process.cwd(), spec.artefactPath)}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
