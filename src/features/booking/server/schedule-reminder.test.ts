import { describe, expect, it } from 'vitest';
import { reminderDueAt } from './schedule-reminder';

describe('reminder time', () => {
  const tz = 'Europe/London';
  it('is 18:00 shop time the day before (BST)', () => {
    const slot = new Date('2025-06-10T09:00:00Z'); // 10:00 BST
    expect(reminderDueAt(slot, tz, new Date('2025-06-01T00:00:00Z'))?.toISOString()).toBe(
      '2025-06-09T17:00:00.000Z',
    );
  });
  it('is 18:00 shop time the day before (GMT)', () => {
    const slot = new Date('2025-01-10T09:00:00Z');
    expect(reminderDueAt(slot, tz, new Date('2025-01-01T00:00:00Z'))?.toISOString()).toBe(
      '2025-01-09T18:00:00.000Z',
    );
  });
  it('is skipped when that time has passed (the confirmation was just sent)', () => {
    const slot = new Date('2025-06-10T09:00:00Z');
    expect(reminderDueAt(slot, tz, new Date('2025-06-09T19:00:00Z'))).toBeNull();
  });
});
