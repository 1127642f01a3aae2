import { saverOn } from './saver';

/**
 * A background repeat (a retry of waiting changes, a poll) that rests while the battery saver is
 * on: the ticks that fall in saving time are skipped, and the work is left to the moments that
 * need it anyway (the connection coming back, a page load, the user's own action). Returns the
 * function that stops it.
 */
export function everyUnlessSaving(work: () => void, intervalMs: number): () => void {
  const timer = setInterval(() => {
    if (!saverOn()) work();
  }, intervalMs);
  return () => clearInterval(timer);
}
