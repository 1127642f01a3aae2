import { describe, expect, it } from 'vitest';
import { nextStepFor, type NextStepInput } from './next-step';
import { REPAIR_STATUSES } from './state-machine';

const slot = new Date('2030-03-04T10:30:00Z');
const base: NextStepInput = {
  status: 'booked',
  serviceType: 'drop_off',
  slotStartsAt: slot,
  shopName: 'London',
  hasPendingQuote: false,
  warrantyEndsAt: null,
};

describe('nextStepFor', () => {
  it('tells a drop-off customer when and where to bring the device', () => {
    expect(nextStepFor(base)).toEqual({
      key: 'bring_device',
      slotStartsAt: slot.toISOString(),
      shopName: 'London',
      warrantyEndsAt: null,
    });
  });

  it('gives mail-in instructions, and "hand it over" without a slot', () => {
    expect(nextStepFor({ ...base, serviceType: 'mail_in', slotStartsAt: null, shopName: null }).key).toBe(
      'post_device',
    );
    expect(nextStepFor({ ...base, serviceType: 'walk_in', slotStartsAt: null })).toMatchObject({
      key: 'hand_over',
      shopName: 'London',
    });
  });

  it.each([
    ['received', 'wait_diagnosis'],
    ['diagnosing', 'wait_diagnosing'],
    ['awaiting_approval', 'wait_quote'],
    ['repairing', 'wait_repair'],
    ['quality_check', 'wait_quality_check'],
    ['cancelled', 'cancelled'],
  ] as const)('%s -> %s', (status, key) => {
    expect(nextStepFor({ ...base, status }).key).toBe(key);
  });

  it('asks for a decision whenever a revised quote is pending, except on a closed order', () => {
    for (const status of ['diagnosing', 'awaiting_approval', 'repairing'] as const) {
      expect(nextStepFor({ ...base, status, hasPendingQuote: true }).key).toBe('approve_quote');
    }
    expect(nextStepFor({ ...base, status: 'cancelled', hasPendingQuote: true }).key).toBe('cancelled');
  });

  it('says where to collect, or that a mail-in repair is posted back', () => {
    expect(nextStepFor({ ...base, status: 'ready_for_collection' })).toMatchObject({
      key: 'collect',
      shopName: 'London',
      slotStartsAt: null,
    });
    expect(
      nextStepFor({ ...base, status: 'ready_for_collection', serviceType: 'mail_in', shopName: null }).key,
    ).toBe('await_return');
  });

  it('gives the warranty end once collected', () => {
    const ends = new Date('2030-06-01T00:00:00Z');
    expect(nextStepFor({ ...base, status: 'collected', warrantyEndsAt: ends })).toEqual({
      key: 'collected',
      slotStartsAt: null,
      shopName: null,
      warrantyEndsAt: ends.toISOString(),
    });
  });

  it('has a step for every status', () => {
    for (const status of REPAIR_STATUSES) expect(nextStepFor({ ...base, status }).key).toBeTruthy();
  });
});
