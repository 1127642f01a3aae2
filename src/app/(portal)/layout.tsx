import type { ReactNode } from 'react';
import { SupportWidget } from '../_shell/after-load-support';
import { TrackPageViews } from '@/features/analytics/components';
import { ClientMessages } from '@/i18n/client-messages-provider';

/** Customer pages: the support chat is a button away on every one of them (not in the console). */
export default function CustomerLayout({ children }: { children: ReactNode }) {
  return (
    <ClientMessages scope="customer">
      {children}
      <SupportWidget />
      <TrackPageViews />
    </ClientMessages>
  );
}
