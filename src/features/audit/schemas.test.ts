import { describe, expect, it } from 'vitest';
import { auditRangeEnd, auditRangeStart } from './schemas';

describe('audit date range in the shop time zone', () => {
  it('a winter date is a GMT day', () => {
    expect(auditRangeStart('2026-01-10').toISOString()).toBe('2026-01-10T00:00:00.000Z');
    expect(auditRangeEnd('2026-01-10').toISOString()).toBe('2026-01-11T00:00:00.000Z');
  });

  it('a summer date is a BST day', () => {
    expect(auditRangeStart('2026-07-10').toISOString()).toBe('2026-07-09T23:00:00.000Z');
    expect(auditRangeEnd('2026-07-10').toISOString()).toBe('2026-07-10T23:00:00.000Z');
  });

  it('date-times are taken as given, and "to" includes its instant', () => {
    expect(auditRangeStart('2026-07-10T09:00:00Z').toISOString()).toBe('2026-07-10T09:00:00.000Z');
    expect(auditRangeEnd('2026-07-10T09:00:00Z').toISOString()).toBe('2026-07-10T09:00:00.001Z');
  });
});
