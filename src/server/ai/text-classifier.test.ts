import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assignFolds,
  createTextClassifier,
  loadTextClassifier,
  trainTextClassifier,
  type TrainingExample,
} from './text-classifier';
import { normaliseText } from './normalise';
import { extractNgrams, DEFAULT_FEATURE_OPTIONS } from './features';

// a tiny three-topic set: fruit, weather, vehicles (every text written for this test)
const examples: TrainingExample[] = [
  ...[
    'I ate a ripe banana this morning',
    'the apples in the orchard are sweet',
    'she peeled an orange for breakfast',
    'strawberries and cherries in a bowl',
    'this mango is juicy and ripe',
    'a pear and a plum from the market',
    'fresh grapes taste sweet',
    'lemon juice is sour',
  ].map((text) => ({ text, label: 'fruit' })),
  ...[
    'heavy rain and strong wind tonight',
    'it will be sunny and warm tomorrow',
    'snow is falling on the hills',
    'a thunderstorm with lightning is coming',
    'cloudy skies and a light drizzle',
    'the forecast says frost overnight',
    'hot humid weather all week',
    'fog over the river this morning',
  ].map((text) => ({ text, label: 'weather' })),
  ...[
    'the car needs new tyres',
    'my bicycle chain came off',
    'the bus was late again',
    'a lorry parked on the motorway',
    'the train engine is electric',
    'he rides a motorbike to work',
    'the van has a flat tire',
    'the truck delivers parcels',
  ].map((text) => ({ text, label: 'vehicles' })),
];

describe('normaliseText', () => {
  it('folds case, accents, apostrophes and British spellings', () => {
    expect(normaliseText("Café COLOUR won't  work!!")).toBe('cafe color will not work');
    expect(normaliseText('\u0000\u0000')).toBe('');
  });
});

describe('extractNgrams', () => {
  it('gives word 1-2-grams and padded char 3-5-grams', () => {
    const grams = extractNgrams('Big rain', DEFAULT_FEATURE_OPTIONS);
    expect(grams.get('w:big')).toBe(1);
    expect(grams.get('w:big rain')).toBe(1);
    expect(grams.get('c: ra')).toBe(1);
    expect(grams.get('c:rain ')).toBe(1);
  });

  it('caps the work on a huge text', () => {
    const grams = extractNgrams('word '.repeat(200_000), DEFAULT_FEATURE_OPTIONS);
    expect(grams.get('w:word')).toBeLessThanOrEqual(4000);
  });
});

describe('assignFolds', () => {
  it('spreads every class over the folds', () => {
    const folds = assignFolds([0, 0, 0, 1, 1, 1], 3);
    expect(new Set(folds.slice(0, 3))).toEqual(new Set([0, 1, 2]));
    expect(new Set(folds.slice(3))).toEqual(new Set([0, 1, 2]));
  });
});

describe('trainTextClassifier', () => {
  it('learns the topics and answers calibrated, sorted probabilities', async () => {
    const artefact = await trainTextClassifier(examples, { folds: 4, minCount: 1 });
    expect(artefact.labels).toEqual(['fruit', 'vehicles', 'weather']);
    expect(artefact.training.crossValidation?.top1).toBeGreaterThan(0.5);
    expect(artefact.temperature).toBeGreaterThan(0);
    const classifier = createTextClassifier(artefact);
    // unseen texts, one with a typo ("strawbery"), one with a US spelling of a trained word
    const cases: [string, string][] = [
      ['a strawbery and a banana', 'fruit'],
      ['lots of rain and wind expected', 'weather'],
      ['my car has a flat tire', 'vehicles'],
    ];
    for (const [text, label] of cases) {
      const scores = await classifier.classify(text);
      expect(scores[0]?.label).toBe(label);
      expect(scores.map((s) => s.label).sort()).toEqual(artefact.labels);
      expect(scores.reduce((sum, s) => sum + s.probability, 0)).toBeCloseTo(1, 6);
      for (let i = 1; i < scores.length; i++)
        expect(scores[i - 1]!.probability).toBeGreaterThanOrEqual(scores[i]!.probability);
    }
  });

  it('is unsure about a text sharing nothing with the training set', async () => {
    const classifier = createTextClassifier(await trainTextClassifier(examples, { folds: 0, minCount: 1 }));
    const [top] = await classifier.classify('\u0000 zzqx');
    expect(top!.probability).toBeLessThan(0.6);
  });

  it('refuses an empty training set', async () => {
    await expect(trainTextClassifier([])).rejects.toThrow(/no training examples/);
  });
});

describe('loadTextClassifier', () => {
  it('loads an artefact from disk once per path and rejects a file that is not one', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rt-ai-'));
    const file = path.join(dir, 'model.json');
    await fs.writeFile(file, JSON.stringify(await trainTextClassifier(examples, { folds: 0, minCount: 1 })));
    const first = await loadTextClassifier(file);
    expect(await loadTextClassifier(path.join(dir, '.', 'model.json'))).toBe(first);
    expect((await first.classify('sunny and warm'))[0]?.label).toBe('weather');
    const bad = path.join(dir, 'bad.json');
    await fs.writeFile(bad, '{"format":"other"}');
    await expect(loadTextClassifier(bad)).rejects.toThrow(/not a text-classifier artefact/);
    await fs.rm(dir, { recursive: true });
  });
});
