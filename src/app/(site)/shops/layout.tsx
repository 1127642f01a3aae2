import type { ReactNode } from 'react';
import { ClientMessages } from '@/i18n/client-messages-provider';

/** The shops page: only their own messages go to the browser (src/i18n/client-messages.ts). */
export default function ShopsLayout({ children }: { children: ReactNode }) {
  return <ClientMessages scope="shops">{children}</ClientMessages>;
}
