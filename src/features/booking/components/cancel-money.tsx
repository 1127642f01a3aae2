'use client';
import { useTranslations } from 'next-intl';
import { formatMoney } from '@/features/pricing';
import type { ManageBooking } from '../schemas';

/** Before cancelling: what the customer paid, the shop's fee and what they will be refunded. */
export function CancelTerms({ booking }: { booking: ManageBooking }) {
  const t = useTranslations('manage');
  const c = booking.cancellation;
  const money = (minor: number) => formatMoney(minor, c.currency);
  const text =
    c.paidMinor === 0
      ? t('cancelFree')
      : c.refundMinor === 0
        ? t('cancelRefundNone', { paid: money(c.paidMinor) })
        : c.feeMinor > 0
          ? t('cancelRefundFee', {
              paid: money(c.paidMinor),
              fee: money(c.feeMinor),
              refund: money(c.refundMinor),
            })
          : t('cancelRefundFull', { paid: money(c.paidMinor), refund: money(c.refundMinor) });
  return (
    <p className="mt-2 font-medium text-slate-900" data-testid="cancel-refund">
      {text}
    </p>
  );
}

/** After cancelling: what has been refunded (or is on its way) and the fee kept, if any. */
export function CancelledMoney({ booking }: { booking: ManageBooking }) {
  const t = useTranslations('manage');
  const c = booking.cancellation;
  const money = (minor: number) => formatMoney(minor, c.currency);
  if (c.refundedMinor === 0 && c.refundMinor === 0 && c.feeMinor === 0) return null;
  return (
    <div className="mt-3 space-y-1 text-slate-800" data-testid="cancelled-money">
      {c.refundMinor > 0 ? <p>{t('cancelledRefunding', { amount: money(c.refundMinor) })}</p> : null}
      {c.refundedMinor > 0 ? <p>{t('cancelledRefunded', { amount: money(c.refundedMinor) })}</p> : null}
      {c.feeMinor > 0 ? <p>{t('cancelledFee', { amount: money(c.feeMinor) })}</p> : null}
    </div>
  );
}
