/** Reading the JSON Lines training and held-out files of the AI models, and `--only`. */
import fs from 'node:fs/promises';
import type { TrainingExample } from '@/server/ai/text-classifier';
import { AI_MODELS, type AiModelSpec } from '@/server/entry/ai-models';

/** Reads `{ "text", "label" }` lines; fails on a bad line or a label outside `labels`. */
export async function readExamples(file: string, labels: readonly string[]): Promise<TrainingExample[]> {
  const text = await fs.readFile(file, 'utf8');
  const out: TrainingExample[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const row = JSON.parse(line) as Partial<TrainingExample>;
    if (typeof row.text !== 'string' || typeof row.label !== 'string' || !labels.includes(row.label)) {
      throw new Error(`${file}:${i + 1}: expected {"text": string, "label": one of ${labels.join(', ')}}`);
    }
    out.push({ text: row.text, label: row.label });
  });
  return out;
}

/** The models named by `--only a,b` (all when absent). */
export function selectedModels(argv: string[]): AiModelSpec[] {
  const at = argv.indexOf('--only');
  if (at < 0) return [...AI_MODELS];
  const names = (argv[at + 1] ?? '').split(',').filter(Boolean);
  const unknown = names.filter((n) => !AI_MODELS.some((m) => m.name === n));
  if (!names.length || unknown.length) {
    throw new Error(`--only takes ${AI_MODELS.map((m) => m.name).join('|')}, got "${argv[at + 1] ?? ''}"`);
  }
  return AI_MODELS.filter((m) => names.includes(m.name));
}

export function flagValue(argv: string[], flag: string): string | undefined {
  const at = argv.indexOf(flag);
  return at < 0 ? undefined : argv[at + 1];
}
