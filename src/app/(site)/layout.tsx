import type { ReactNode } from 'react';
import { SupportWidget } from '@/features/support/components';
import { TrackPageViews } from '@/features/analytics/components';

/** Customer pages: the support chat is a button away on every one of them (not in the console). */
export default function CustomerLayout({ children }: { children: ReactNode }) {
  return (
    <>
      {children}
      <SupportWidget />
      <TrackPageViews />
    </>
  );
}
