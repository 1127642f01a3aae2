import { describe, expect, it } from 'vitest';
import { likelihoodOf, preselectedRepairs } from './likelihood';

describe('likelihoodOf', () => {
  it.each([
    [0.95, 'veryLikely'],
    [0.7, 'veryLikely'],
    [0.55, 'likely'],
    [0.2, 'possible'],
    [0.05, 'unlikely'],
  ])('%d -> %s', (p, word) => expect(likelihoodOf(p)).toBe(word));
});

describe('preselectedRepairs', () => {
  it('takes the top candidate and others likely enough, once each', () => {
    expect(
      preselectedRepairs([
        { probability: 0.5, repairs: [{ slug: 'screen-crack' }] },
        { probability: 0.35, repairs: [{ slug: 'battery' }, { slug: 'screen-crack' }] },
        { probability: 0.1, repairs: [{ slug: 'camera' }] },
      ]),
    ).toEqual(['screen-crack', 'battery']);
  });
  it('takes the top candidate even when unlikely, and nothing from an empty answer', () => {
    expect(preselectedRepairs([{ probability: 0.2, repairs: [{ slug: 'audio' }] }])).toEqual(['audio']);
    expect(preselectedRepairs([])).toEqual([]);
  });
});
