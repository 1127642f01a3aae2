import { describe, expect, it } from 'vitest';
import { SWIPE_MIN_PX, swipeDirection } from './use-zoom';

describe('swipeDirection', () => {
  it('reads a sideways drag as next (leftwards) or previous (rightwards)', () => {
    expect(swipeDirection(-120, 10, 1)).toBe('next');
    expect(swipeDirection(120, -10, 1)).toBe('previous');
  });
  it('ignores short, mostly vertical, or zoomed drags', () => {
    expect(swipeDirection(SWIPE_MIN_PX - 1, 0, 1)).toBeNull();
    expect(swipeDirection(-80, 70, 1)).toBeNull();
    expect(swipeDirection(-200, 0, 2)).toBeNull();
  });
});
