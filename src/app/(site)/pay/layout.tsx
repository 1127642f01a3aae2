import type { ReactNode } from 'react';
import { ClientMessages } from '@/i18n/client-messages-provider';

/** Returning from a card payment: only their own messages go to the browser (src/i18n/client-messages.ts). */
export default function PayLayout({ children }: { children: ReactNode }) {
  return <ClientMessages scope="pay">{children}</ClientMessages>;
}
