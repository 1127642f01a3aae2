/**
 * "After X happened" across domains, wired here so that no domain imports the one reacting to
 * it. Called before the API serves and before the workers start; registering twice is harmless.
 */
import { onPaymentCaptured } from '@/features/payments/server';
import { refundOnOrderCancelled } from '@/features/payments/server/commands';
import { onOrderCancelled } from '@/features/repairs/server';
import { confirmPaidBooking } from '@/features/booking/server';

export function wireDomainHooks(): void {
  // a booking paid online gets the confirmation that waited for its payment
  onPaymentCaptured(confirmPaidBooking);
  // an order cancelled by staff (or by declining a revised quote) gives back what was paid
  onOrderCancelled(refundOnOrderCancelled);
}
