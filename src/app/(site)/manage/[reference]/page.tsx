import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/server/db/runtime';
import { getManageSummary } from '@/features/booking/server/get-manage-summary';
import { publicBaseUrl } from '@/server/http/base-url';
import { ManageBookingView } from '@/features/booking/components/manage-booking';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ reference: string }> }) {
  const t = await getTranslations('manage');
  return {
    title: t('title', { reference: (await params).reference }),
    robots: { index: false, follow: false },
    referrer: 'no-referrer' as const,
  };
}

/** The signed manage link from the confirmation. Rendering it never changes the booking. */
export default async function ManageBookingPage({
  params,
  searchParams,
}: {
  params: Promise<{ reference: string }>;
  searchParams: Promise<{ sig?: string | string[] }>;
}) {
  const { reference } = await params;
  const { sig } = await searchParams;
  const signature = typeof sig === 'string' ? sig : null;
  const booking = await getManageSummary(await getDb(), reference, signature, publicBaseUrl());
  if (!booking || !signature) notFound();

  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <ManageBookingView initial={booking} sig={signature} />
    </div>
  );
}
