import type { ReactNode } from 'react';
import { ClientMessages } from '@/i18n/client-messages-provider';

/** Sign-up: only their own messages go to the browser (src/i18n/client-messages.ts). */
export default function SignUpLayout({ children }: { children: ReactNode }) {
  return <ClientMessages scope="auth">{children}</ClientMessages>;
}
