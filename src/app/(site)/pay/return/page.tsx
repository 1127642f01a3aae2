import { getTranslations } from 'next-intl/server';
import { BookingPaymentReturn } from '@/features/booking/components/booking-payment-return';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const t = await getTranslations('payments.return');
  return { title: t('pageTitle'), robots: { index: false, follow: false } };
}

/** Where PayPal (and a bank, for Stripe) sends the customer back: settles and shows the payment. */
export default async function PayReturnPage({
  searchParams,
}: {
  searchParams: Promise<{ payment?: string | string[]; cancelled?: string | string[] }>;
}) {
  const { payment, cancelled } = await searchParams;
  return (
    <div className="mx-auto max-w-2xl px-4 py-10">
      <BookingPaymentReturn
        paymentId={typeof payment === 'string' ? payment : ''}
        cancelled={cancelled === '1' || cancelled === 'true'}
      />
    </div>
  );
}
