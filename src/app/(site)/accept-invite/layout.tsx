import type { ReactNode } from 'react';
import { ClientMessages } from '@/i18n/client-messages-provider';

/** Accepting a staff invitation: only their own messages go to the browser (src/i18n/client-messages.ts). */
export default function AcceptInviteLayout({ children }: { children: ReactNode }) {
  return <ClientMessages scope="invite">{children}</ClientMessages>;
}
