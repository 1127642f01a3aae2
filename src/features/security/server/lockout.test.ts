import { describe, expect, it } from 'vitest';
import { lockedMessage, lockMinutes, lockSubject, MAX_LOCK_MINUTES, retryIn } from './lockout';

describe('lockMinutes', () => {
  it.each([
    [1, 15, 15],
    [2, 15, 30],
    [3, 15, 60],
    [6, 15, 480],
    [8, 15, MAX_LOCK_MINUTES],
    [50, 15, MAX_LOCK_MINUTES],
  ])('lock %i with a %i-minute base lasts %i minutes', (n, base, minutes) => {
    expect(lockMinutes(n, base)).toBe(minutes);
  });
});

describe('retry message', () => {
  const now = new Date('2026-11-30T10:00:00Z');
  it.each([
    [30_000, 'in 1 minute'],
    [15 * 60_000, 'in 15 minutes'],
    [89 * 60_000, 'in 89 minutes'],
    [4 * 3600_000, 'in 4 hours'],
  ])('%i ms → %s', (ms, text) => {
    expect(retryIn(new Date(now.getTime() + ms), now)).toBe(text);
  });
  it('tells when to retry without naming the account', () => {
    const message = lockedMessage(new Date(now.getTime() + 15 * 60_000), now);
    expect(message).toContain('try again in 15 minutes');
    expect(message).not.toMatch(/@/);
  });
  it('normalises the subject', () => {
    expect(lockSubject('  Ann@Example.COM ')).toBe('ann@example.com');
  });
});
