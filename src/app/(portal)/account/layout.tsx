import type { ReactNode } from 'react';
import { ClientMessages } from '@/i18n/client-messages-provider';

/** The account page: only their own messages go to the browser (src/i18n/client-messages.ts). */
export default function AccountLayout({ children }: { children: ReactNode }) {
  return <ClientMessages scope="account">{children}</ClientMessages>;
}
