/**
 * What happens next on a repair, from the customer's side: one key per situation (the UI turns
 * it into a sentence) with the few facts the sentence needs. Pure, so the account cards, the
 * order page and the tracking page all say the same thing.
 */
import type { RepairStatus } from './state-machine';

export const NEXT_STEP_KEYS = [
  /** booked, drop-off with a slot: bring the device at <slot> to <shop> */
  'bring_device',
  /** booked, mail-in: post the device with the reference inside */
  'post_device',
  /** booked without a slot (walk-in, or a drop-off whose slot is gone): hand it in at the shop */
  'hand_over',
  'wait_diagnosis',
  'wait_diagnosing',
  /** a revised quote is waiting for the customer's decision */
  'approve_quote',
  /** awaiting approval, but the revised quote is not sent yet */
  'wait_quote',
  'wait_repair',
  'wait_quality_check',
  /** ready: collect at <shop> during opening hours */
  'collect',
  /** ready, mail-in: the shop posts it back */
  'await_return',
  /** collected: covered by the warranty until <date> */
  'collected',
  'cancelled',
] as const;
export type NextStepKey = (typeof NEXT_STEP_KEYS)[number];

export interface NextStep {
  key: NextStepKey;
  /** ISO instant of the drop-off slot (bring_device) */
  slotStartsAt: string | null;
  /** the shop's name (bring_device, hand_over, collect) */
  shopName: string | null;
  /** ISO instant the warranty ends (collected) */
  warrantyEndsAt: string | null;
}

export interface NextStepInput {
  status: RepairStatus | string;
  serviceType: 'drop_off' | 'mail_in' | 'walk_in';
  slotStartsAt: Date | null;
  shopName: string | null;
  /** a revised quote is pending the customer's decision */
  hasPendingQuote: boolean;
  warrantyEndsAt: Date | null;
}

export function nextStepFor(input: NextStepInput): NextStep {
  const step = (key: NextStepKey, extra: Partial<NextStep> = {}): NextStep => ({
    key,
    slotStartsAt: null,
    shopName: null,
    warrantyEndsAt: null,
    ...extra,
  });
  const status = input.status as RepairStatus;
  if (status === 'cancelled') return step('cancelled');
  if (status === 'collected') {
    return step('collected', { warrantyEndsAt: input.warrantyEndsAt?.toISOString() ?? null });
  }
  // a pending revised quote is the one thing the customer must act on, whatever the status says
  if (input.hasPendingQuote) return step('approve_quote');
  switch (status) {
    case 'booked':
      if (input.serviceType === 'mail_in') return step('post_device');
      if (input.serviceType === 'drop_off' && input.slotStartsAt) {
        return step('bring_device', {
          slotStartsAt: input.slotStartsAt.toISOString(),
          shopName: input.shopName,
        });
      }
      return step('hand_over', { shopName: input.shopName });
    case 'received':
      return step('wait_diagnosis');
    case 'diagnosing':
      return step('wait_diagnosing');
    case 'awaiting_approval':
      return step('wait_quote');
    case 'repairing':
      return step('wait_repair');
    case 'quality_check':
      return step('wait_quality_check');
    case 'ready_for_collection':
      return input.serviceType === 'mail_in' || !input.shopName
        ? step('await_return')
        : step('collect', { shopName: input.shopName });
    default:
      // an unknown status (newer data than this code): say nothing misleading
      return step('wait_repair');
  }
}
