import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { getPageUser } from '@/features/auth/server/page-guard';
import { atLeast } from '@/features/access';
import { ConsoleSync } from '@/features/console/components/console-sync';
import { ScannerWarmUp } from '@/features/scanner/components';
import { ClientMessages } from '@/i18n/client-messages-provider';

/**
 * The console's own header bar under the site header: connection state, changes waiting on
 * this device, and their conflicts (pages still check the role themselves).
 */
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const me = await getPageUser();
  const t = await getTranslations('staff.offline');
  return (
    <ClientMessages scope="staff">
      {me && atLeast(me.role, 'technician') ? (
        <div className="border-b border-slate-200 bg-slate-50" role="region" aria-label={t('bar')}>
          <div className="mx-auto max-w-6xl px-4 py-2">
            <ConsoleSync userId={me.id} role={me.role} />
            {/* the scanner's decoder into the offline cache */}
            <ScannerWarmUp />
          </div>
        </div>
      ) : null}
      {children}
    </ClientMessages>
  );
}
