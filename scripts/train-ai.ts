/**
 * `npm run train:ai [-- --only diagnostics|intents]`: trains each model of
 * src/server/entry/ai-models.ts from its training file and writes its artefact (committed).
 * Prints the k-fold cross-validation figures on the training set (the held-out split is never
 * read here).
 *
 * `-- --compare` trains nothing to disk: it prints the cross-validation figures of the three
 * candidate variants (n-grams alone, USE-lite embeddings alone, both joined), the measurement
 * behind the choice in the README; with `--out-dir DIR` it writes each variant's artefact there,
 * for `npm run eval:ai -- --only <model> --artefact DIR/<model>-<variant>.json`.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { trainTextClassifier, type LabelScore, type TrainOptions } from '@/server/ai/text-classifier';
import type { AiModelSpec } from '@/server/entry/ai-models';
import { flagValue, readExamples, selectedModels } from './lib/ai-data';

const argv = process.argv.slice(2);

// one embedding per distinct text per run (the variants of --compare share them)
const embedded = new Map<string, ArrayLike<number>>();

async function embeddingOption(spec: AiModelSpec['training']): Promise<TrainOptions['embedding']> {
  if (!spec.embedding) return undefined;
  const { embedTexts } = await import('@/server/ai/embeddings');
  const embed = async (texts: string[]) => {
    const missing = [...new Set(texts.filter((t) => !embedded.has(t)))];
    const vectors = await embedTexts(missing);
    missing.forEach((t, i) => embedded.set(t, vectors[i]!));
    return texts.map((t) => embedded.get(t)!);
  };
  return { embed, weight: spec.embeddingWeight ?? 1 };
}

/**
 * How the "not sure" bar trades off, on the out-of-fold answers: the share of `unknown` texts
 * answered "not sure" against the share of fault texts (the bar is chosen from this table).
 */
function notSureTable(spec: AiModelSpec, examples: { label: string }[], scores: LabelScore[][]): string {
  const unknown = spec.unknownLabel;
  if (!unknown) return '';
  const rows = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7].map((bar) => {
    let u = 0;
    let uSure = 0;
    let f = 0;
    let fSure = 0;
    scores.forEach((s, i) => {
      const notSure = s[0]!.label === unknown || s[0]!.probability < bar;
      if (examples[i]!.label === unknown) {
        u++;
        if (notSure) uSure++;
      } else {
        f++;
        if (notSure) fSure++;
      }
    });
    const mark = bar === spec.notSureThreshold ? ' <- notSureThreshold' : '';
    return `    bar ${bar.toFixed(2)}: ${unknown} not sure ${((uSure / u) * 100).toFixed(1)}%, faults not sure ${((fSure / f) * 100).toFixed(1)}%${mark}`;
  });
  return `  out-of-fold "not sure" by bar:\n${rows.join('\n')}`;
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
        [
          'embeddings',
          { ...spec.training, embedding: true, features: { wordNgrams: [1, 0], charNgrams: [0, 0] } },
        ],
        ['combined', { ...spec.training, embedding: true, embeddingWeight: embeddingWeight ?? 1 }],
      ];
      for (const [name, variant] of variants) {
        const started = performance.now();
        const { embedding: _e, embeddingWeight: _w, ...rest } = variant;
        let oof: LabelScore[][] = [];
        const artefact = await trainTextClassifier(examples, {
          ...rest,
          embedding: await embeddingOption(variant),
          onOutOfFold: (scores) => (oof = scores),
        });
        console.log(
          describe(
            `${spec.name} ${name}`,
            artefact.training.crossValidation,
            (performance.now() - started) / 1000,
          ),
        );
        console.log(notSureTable(spec, examples, oof));
        const outDir = flagValue(argv, '--out-dir');
        if (outDir) {
          const file = path.join(outDir, `${spec.name}-${name}.json`);
          await fs.mkdir(outDir, { recursive: true });
          await fs.writeFile(file, `${JSON.stringify(artefact)}\n`);
          console.log(`  -> ${file} (eval:ai -- --only ${spec.name} --artefact ${file})`);
        }
      }
      continue;
    }
    const started = performance.now();
    let oof: LabelScore[][] = [];
    const artefact = await trainTextClassifier(examples, {
      ...options,
      embedding: await embeddingOption({ embedding, embeddingWeight }),
      onOutOfFold: (scores) => (oof = scores),
    });
    await fs.mkdir(path.dirname(spec.artefactPath), { recursive: true });
    const json = JSON.stringify(artefact);
    await fs.writeFile(spec.artefactPath, `${json}\n`);
    console.log(describe(spec.name, artefact.training.crossValidation, (performance.now() - started) / 1000));
    console.log(
      `  ${examples.length} examples, ${artefact.vocabulary.length} features kept, temperature ${artefact.temperature}, ` +
        `${(json.length / 1024).toFixed(0)} KB -> ${path.relative(process.cwd(), spec.artefactPath)}`,
    );
    if (oof.length) console.log(notSureTable(spec, examples, oof));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
