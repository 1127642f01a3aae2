import type { ReactNode } from 'react';
import { ClientMessages } from '@/i18n/client-messages-provider';

/** Rating a repair: only their own messages go to the browser (src/i18n/client-messages.ts). */
export default function RateLayout({ children }: { children: ReactNode }) {
  return <ClientMessages scope="rate">{children}</ClientMessages>;
}
