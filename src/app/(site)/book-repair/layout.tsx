import type { ReactNode } from 'react';
import { ClientMessages } from '@/i18n/client-messages-provider';

/** The booking form: only their own messages go to the browser (src/i18n/client-messages.ts). */
export default function BookRepairLayout({ children }: { children: ReactNode }) {
  return <ClientMessages scope="bookRepair">{children}</ClientMessages>;
}
