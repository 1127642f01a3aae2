/**
 * Optimistic concurrency for staff changes: a change made against version N of an order (say
 * offline, queued while someone else moved the order on) is refused once the order is past N,
 * with the order's current state, so the person can compare and choose instead of overwriting.
 * Called with the order locked (`loadOrder(tx, id, true)`), so two changes on the same version
 * cannot both pass.
 */
import { DomainError } from '@/server/domain-error';
import type { LoadedOrder } from './lock-order';
import { toOrderState } from './order-state';

export function assertExpectedVersion(loaded: LoadedOrder, expectedVersion: number | undefined): void {
  if (expectedVersion === undefined || expectedVersion === loaded.order.version) return;
  throw new DomainError(
    'VERSION_CONFLICT',
    `This order changed since you saw it (you saw version ${expectedVersion}, it is now version ${loaded.order.version}).`,
    [],
    { current: toOrderState(loaded.order) },
  );
}
