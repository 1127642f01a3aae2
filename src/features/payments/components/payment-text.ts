'use client';
import { useTranslations } from 'next-intl';
import { formatMoney } from '@/features/pricing';
import type { PaymentView } from '../schemas';

/** "Paid £129.00 by card (Visa •••• 4242)", "Paid £20.00 in the shop (Cash)", … */
export function usePaymentText() {
  const t = useTranslations('payments');
  return {
    paid: (p: Pick<PaymentView, 'amountMinor' | 'currency' | 'method' | 'methodDetail'>) =>
      t('paidBy', {
        amount: formatMoney(p.amountMinor, p.currency),
        method: p.method,
        hasDetail: p.methodDetail ? 'yes' : 'no',
        detail: p.methodDetail ?? '',
      }),
    /** "Card (Visa •••• 4242)", "PayPal", "In the shop (Cash)" */
    via: (p: Pick<PaymentView, 'method' | 'methodDetail'>) =>
      t('paidVia', {
        method: p.method,
        hasDetail: p.methodDetail ? 'yes' : 'no',
        detail: p.methodDetail ?? '',
      }),
    status: (status: PaymentView['status']) => t(`status.${status}`),
    receiptLabel: (number: string) => t('receiptDownloadNumbered', { number }),
  };
}
