import type { ReactNode } from 'react';
import { ClientMessages } from '@/i18n/client-messages-provider';

/** A repair's tracking page: only their own messages go to the browser (src/i18n/client-messages.ts). */
export default function TrackRepairLayout({ children }: { children: ReactNode }) {
  return <ClientMessages scope="trackRepair">{children}</ClientMessages>;
}
