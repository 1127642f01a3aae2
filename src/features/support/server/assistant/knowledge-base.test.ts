import { describe, expect, it } from 'vitest';
import { knowledgeIndex, searchKnowledge } from './knowledge-base';

const answer = (q: string) => searchKnowledge(knowledgeIndex(), q)?.article.id ?? null;

describe('searchKnowledge', () => {
  it('finds the article for questions worded unlike its samples', () => {
    expect(answer('my iphone fell into the pool, help')).toBe('water-damage');
    expect(answer('is rice any good for a soaked phone')).toBe('water-damage');
    expect(answer('do I have to switch off find my before you repair it')).toBe('find-my');
    expect(answer('how can I save my pictures first')).toBe('backup');
    expect(answer('are your screens genuine or fake')).toBe('genuine-parts');
    expect(answer('my battery health is 75%, should I replace it')).toBe('battery-health');
    expect(answer('will the technician see my private photos')).toBe('data-privacy');
    expect(answer('must I tell you my unlock code')).toBe('passcode');
    expect(answer('back of my phone is bulging, is that dangerous')).toBe('swollen-battery');
  });

  it('answers nothing when nothing fits', () => {
    expect(answer('what is the capital of France')).toBeNull();
    expect(answer('my phone is broken')).toBeNull();
    expect(answer('constructor toString')).toBeNull();
    expect(answer('')).toBeNull();
    expect(answer('\u0000\u0000')).toBeNull();
    expect(answer('x'.repeat(100_000))).toBeNull();
  });
});
