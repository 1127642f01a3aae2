import type { ReactNode } from 'react';
import { ClientMessages } from '@/i18n/client-messages-provider';

/** Sign-in: only their own messages go to the browser (src/i18n/client-messages.ts). */
export default function SignInLayout({ children }: { children: ReactNode }) {
  return <ClientMessages scope="signIn">{children}</ClientMessages>;
}
