import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ArrowLeft } from 'lucide-react';
import { Card } from '@/components/ui/card';
import { requirePageRole } from '@/features/auth/server/page-guard';
import { getDb } from '@/server/db/runtime';
import { getPreferences } from '@/features/notifications/server/preferences';
import { NotificationSettings } from '@/features/notifications/components/notification-settings';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('notificationSettings'))('consoleLink'), robots: { index: false } };
}

/** The console's notification settings: push on this device, and each staff notice per channel. */
export default async function StaffNotificationsPage() {
  const me = await requirePageRole('technician', '/staff/notifications');
  const t = await getTranslations('notificationSettings');
  const tStaff = await getTranslations('staff');
  const preferences = await getPreferences(await getDb(), me);
  return (
    <div className="mx-auto max-w-3xl px-4 py-8">
      <Link
        href="/staff"
        className="inline-flex min-h-11 items-center gap-1 text-sm font-medium text-brand underline"
      >
        <ArrowLeft className="size-4" aria-hidden /> {tStaff('consoleTitle')}
      </Link>
      <h1 className="mt-3 text-3xl font-bold">{t('consoleLink')}</h1>
      <p className="mt-1 text-slate-700">{t('staffLead')}</p>
      <Card className="mt-6">
        <NotificationSettings initial={preferences} />
      </Card>
    </div>
  );
}
