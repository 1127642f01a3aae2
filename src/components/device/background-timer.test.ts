import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { everyUnlessSaving } from './background-timer';

// saverOn() reads html[data-saver]: a bare stand-in for the document (the unit project runs in node)
const dataset: Record<string, string> = {};

describe('background repeats rest while the battery saver is on', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('document', { documentElement: { dataset } });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    delete dataset.saver;
  });

  it('runs every interval normally, skips ticks while saving, and resumes after', () => {
    const work = vi.fn();
    const stop = everyUnlessSaving(work, 1_000);
    vi.advanceTimersByTime(3_000);
    expect(work).toHaveBeenCalledTimes(3);

    dataset.saver = 'on';
    vi.advanceTimersByTime(10_000);
    expect(work).toHaveBeenCalledTimes(3);

    delete dataset.saver;
    vi.advanceTimersByTime(2_000);
    expect(work).toHaveBeenCalledTimes(5);

    stop();
    vi.advanceTimersByTime(5_000);
    expect(work).toHaveBeenCalledTimes(5);
  });
});
