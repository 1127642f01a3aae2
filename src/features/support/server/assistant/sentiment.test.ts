import { describe, expect, it } from 'vitest';
import { NEGATIVE_HANDOVER_SCORE, scoreSentiment } from './sentiment';

describe('scoreSentiment', () => {
  it('reads praise as positive and anger as negative, in [-1, 1]', () => {
    const happy = scoreSentiment('Thanks so much, brilliant service!');
    const angry = scoreSentiment('Absolutely disgusting service, worst shop ever, I am furious');
    expect(happy.label).toBe('positive');
    expect(angry.label).toBe('negative');
    expect(angry.score).toBeLessThanOrEqual(NEGATIVE_HANDOVER_SCORE);
    for (const s of [happy, angry]) expect(Math.abs(s.score)).toBeLessThanOrEqual(1);
  });

  it('handles negation', () => {
    expect(scoreSentiment('I am happy with the repair').label).toBe('positive');
    expect(scoreSentiment('I am not happy with the repair').label).toBe('negative');
    expect(scoreSentiment('not bad at all').label).toBe('positive');
  });

  it('does not take a broken device for a bad mood', () => {
    expect(scoreSentiment('my screen is broken and the phone is dead').label).toBe('neutral');
    expect(scoreSentiment('there is a fault with the charging port').label).toBe('neutral');
  });

  it('knows British complaint words', () => {
    expect(scoreSentiment('the repair was rubbish').label).toBe('negative');
    expect(scoreSentiment('this is a complete joke').label).toBe('negative');
    expect(scoreSentiment('the repair was not rubbish').score).toBeGreaterThan(
      scoreSentiment('the repair was rubbish').score,
    );
  });

  it('survives odd input', () => {
    for (const text of ['', '\u0000\u0000', '!!!!', 'x'.repeat(100_000), '😡😡😡', 'a '.repeat(50_000)]) {
      const s = scoreSentiment(text);
      expect(s.score).toBeGreaterThanOrEqual(-1);
      expect(s.score).toBeLessThanOrEqual(1);
    }
  });
});
