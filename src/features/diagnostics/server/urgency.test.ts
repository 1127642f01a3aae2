import { describe, expect, it } from 'vitest';
import { assessUrgency } from './urgency';

const none: Array<{ label: string; probability: number }> = [];
const codes = (text: string, ranked = none) => assessUrgency(text, ranked).reasons.map((r) => r.code);

describe('assessUrgency (safety rules)', () => {
  it.each([
    ['dropped my phone in the toilet last night', 'liquid'],
    ['spilt coffee all over the macbook keyboard', 'liquid'],
    ['it got soaked in the rain and now the screen flickers', 'liquid'],
    ['my battery is swollen and the screen is lifting', 'swelling-battery'],
    ['the back is popping off, case bulging', 'swelling-battery'],
    ['the trackpad is pushing up', 'swelling-battery'],
    ['smells like burning plastic when charging', 'burning-smell'],
    ['there was smoke coming out of the ps5', 'burning-smell'],
    ['charger port melted', 'burning-smell'],
    ['all my baby photos are on it and not backed up', 'data-at-risk'],
    ['need to recover my thesis files', 'data-at-risk'],
  ])('%j -> %s', (text, code) => {
    expect(codes(text)).toContain(code);
  });

  it('a calm fault is normal', () => {
    expect(assessUrgency('screen cracked in the corner, still works', none)).toEqual({
      level: 'normal',
      reasons: [],
    });
  });

  it('OLED burn-in is not a burning smell', () => {
    expect(codes('bad screen burn-in on my pixel')).not.toContain('burning-smell');
    expect(codes('there is burn in on the display')).not.toContain('burning-smell');
  });

  it('a Kindle Fire is not a fire, a screen that has gone black puts no data at risk', () => {
    expect(codes('Kindle Fire HD screen cracked')).toEqual([]);
    expect(codes('my amazon fire tablet will not charge')).toEqual([]);
    expect(codes('screen gone black, can not work on it')).toEqual([]);
  });

  it('a plain negation does not count', () => {
    expect(codes('never been wet, no water damage, just a dead battery')).not.toContain('liquid');
  });

  it('liquid, swelling and burning are urgent; data at risk alone is soon', () => {
    expect(assessUrgency('spilled water on it', none).level).toBe('urgent');
    expect(assessUrgency('battery bulging', none).level).toBe('urgent');
    expect(assessUrgency('I will lose all my photos', none).level).toBe('soon');
  });

  it('the classifier’s sure categories raise reasons too', () => {
    expect(
      codes('it stopped working after the weekend', [{ label: 'water-damage', probability: 0.6 }]),
    ).toEqual(['liquid']);
    expect(codes('stopped working', [{ label: 'data-recovery', probability: 0.31 }])).toEqual([
      'data-at-risk',
    ]);
    expect(codes('stopped working', [{ label: 'water-damage', probability: 0.1 }])).toEqual([]);
  });

  it('every reason carries its advice', () => {
    const { reasons } = assessUrgency('swollen battery, burning smell, fell in the sea, photos lost', none);
    expect(reasons.map((r) => r.code)).toEqual([
      'swelling-battery',
      'burning-smell',
      'liquid',
      'data-at-risk',
    ]);
    for (const r of reasons) expect(r.message.length).toBeGreaterThan(20);
  });
});
