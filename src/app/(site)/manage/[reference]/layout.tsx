import type { ReactNode } from 'react';
import { ClientMessages } from '@/i18n/client-messages-provider';

/** Managing a booking: only their own messages go to the browser (src/i18n/client-messages.ts). */
export default function ManageLayout({ children }: { children: ReactNode }) {
  return <ClientMessages scope="manage">{children}</ClientMessages>;
}
