'use client';
import { PaymentReturn } from '@/features/payments/components';
import type { PaymentView } from '@/features/payments/schemas';
import { completePendingBooking, pendingBookingOf } from './use-booking-draft';

function fromBookingDraft(paymentId: string) {
  const draft = pendingBookingOf(paymentId);
  return draft ? { token: draft.token, returnTo: '/book-repair' } : null;
}

function completeBooking(payment: PaymentView) {
  // a booking paid while booking: /book-repair now shows its confirmation
  if (payment.purpose === 'booking') completePendingBooking(payment);
}

/**
 * /pay/return, where PayPal (and a bank, for Stripe) sends the customer back: the payment's own
 * page, which also knows the booking draft that was paying.
 */
export function BookingPaymentReturn(props: { paymentId: string; cancelled: boolean }) {
  return <PaymentReturn {...props} fallbackWhere={fromBookingDraft} onPaid={completeBooking} />;
}
