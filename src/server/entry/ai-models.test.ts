import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AI_MODELS } from './ai-models';

const readLabels = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { label: string }).label);

describe.each(AI_MODELS.map((m) => [m.name, m] as const))('the %s model', (_name, spec) => {
  it('has a committed artefact answering exactly its labels', () => {
    const artefact = JSON.parse(fs.readFileSync(spec.artefactPath, 'utf8')) as { labels: string[] };
    expect([...artefact.labels].sort()).toEqual([...spec.labels].sort());
  });

  it('has training and held-out files using only its labels, every label in both', () => {
    for (const file of [spec.trainPath, spec.heldoutPath]) {
      const labels = readLabels(file);
      expect(new Set(labels)).toEqual(new Set(spec.labels));
    }
  });

  it('was trained on enough examples of every label', () => {
    const counts = new Map<string, number>();
    for (const label of readLabels(spec.trainPath)) counts.set(label, (counts.get(label) ?? 0) + 1);
    for (const label of spec.labels) {
      // issue 16: >= 60 per fault category and >= 150 off-topic texts; >= 40 per intent
      const minimum = spec.name === 'intents' ? 40 : label === spec.unknownLabel ? 150 : 60;
      expect(counts.get(label), label).toBeGreaterThanOrEqual(minimum);
    }
  });
});
