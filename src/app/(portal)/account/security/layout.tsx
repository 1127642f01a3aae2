import type { ReactNode } from 'react';
import { ClientMessages } from '@/i18n/client-messages-provider';

/** Account security: only their own messages go to the browser (src/i18n/client-messages.ts). */
export default function AccountSecurityLayout({ children }: { children: ReactNode }) {
  return <ClientMessages scope="accountSecurity">{children}</ClientMessages>;
}
