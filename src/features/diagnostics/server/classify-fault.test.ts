import { describe, expect, it } from 'vitest';
import { FAULT_LABELS } from '../categories';
import { classifyFault, isNotSure, notSureThreshold, warmUpDiagnostics } from './index';

// the committed artefact, as the app loads it; texts below are not in the training file
describe('classifyFault', () => {
  it('answers every label, calibrated and sorted', async () => {
    await warmUpDiagnostics();
    const scores = await classifyFault('my iphone 15 screen got smashed on the floor');
    expect(scores.map((s) => s.label).sort()).toEqual([...FAULT_LABELS].sort());
    expect(scores.reduce((sum, s) => sum + s.probability, 0)).toBeCloseTo(1, 6);
    expect(scores[0]?.label).toBe('screen');
    expect(isNotSure(scores)).toBe(false);
  });

  it.each([
    ['ps5 turns on but the telly shows no signal', 'hdmi-port'],
    ['knocked my coffee over the macbook keyboard', 'water-damage'],
    ['battery is dying really quick on my galaxy', 'battery'],
    ['cable keeps falling out of the charging socket', 'charging-port'],
  ])('%s -> %s', async (text, label) => {
    expect((await classifyFault(text))[0]?.label).toBe(label);
  });

  it('is not sure about a washing machine, a vague text and odd bytes', async () => {
    for (const text of [
      'my washing machine leaks all over the kitchen',
      'its not working',
      '\u0000\u0000\u0000',
      'x'.repeat(100_000),
    ]) {
      expect(isNotSure(await classifyFault(text))).toBe(true);
    }
  });

  it('treats a low top probability as not sure', () => {
    expect(isNotSure([{ label: 'screen', probability: notSureThreshold - 0.01 }])).toBe(true);
    expect(isNotSure([{ label: 'screen', probability: notSureThreshold + 0.01 }])).toBe(false);
    expect(isNotSure([])).toBe(true);
  });
});
