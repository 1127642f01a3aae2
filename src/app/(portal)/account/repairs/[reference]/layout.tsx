import type { ReactNode } from 'react';
import { ClientMessages } from '@/i18n/client-messages-provider';

/** A repair in the account: only their own messages go to the browser (src/i18n/client-messages.ts). */
export default function AccountRepairLayout({ children }: { children: ReactNode }) {
  return <ClientMessages scope="accountRepair">{children}</ClientMessages>;
}
