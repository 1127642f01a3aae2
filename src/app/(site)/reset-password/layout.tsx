import type { ReactNode } from 'react';
import { ClientMessages } from '@/i18n/client-messages-provider';

/** Password reset: only their own messages go to the browser (src/i18n/client-messages.ts). */
export default function ResetPasswordLayout({ children }: { children: ReactNode }) {
  return <ClientMessages scope="auth">{children}</ClientMessages>;
}
