import type { PaymentMethod } from '@/features/payments/schemas';
import type { QuoteDto } from '@/features/pricing/schemas';
import type { FieldErrors } from './details-section';
import type { BookingRequestBody } from './offline-booking';
import type { BookingDraft } from './use-booking-draft';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The request "Book" sends (or keeps on this device while offline), from the draft. */
export function requestOf(
  d: BookingDraft,
  method: PaymentMethod,
  quote: QuoteDto | undefined,
): BookingRequestBody {
  return {
    modelSlug: d.model!,
    repairSlugs: d.repairs,
    urgency: d.urgency,
    service:
      d.serviceType === 'drop_off'
        ? { type: 'drop_off', shopSlug: d.shop!, slotStartsAt: d.slot! }
        : { type: 'mail_in' },
    customer: { name: d.name, email: d.email, phone: d.phone || undefined },
    faultDescription: d.fault || undefined,
    paymentMethod: method,
    // the price on screen: the API refuses it if it has expired or changed meanwhile
    quote: quote ? { totalMinor: quote.totalMinor, expiresAt: quote.expiresAt } : undefined,
  };
}

export function validate(d: BookingDraft, t: (k: string) => string): FieldErrors {
  const e: FieldErrors = {};
  if (d.name.trim().length < 2) e.name = t('errors.name');
  if (!EMAIL.test(d.email.trim())) e.email = t('errors.email');
  if (d.phone.trim() && !/^\+?[0-9 ()-]{7,20}$/.test(d.phone.trim())) e.phone = t('errors.phone');
  if (!d.payment) e.payment = t('errors.payment');
  return e;
}
