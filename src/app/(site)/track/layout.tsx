import type { ReactNode } from 'react';
import { ClientMessages } from '@/i18n/client-messages-provider';

/** The tracking form: only their own messages go to the browser (src/i18n/client-messages.ts). */
export default function TrackLayout({ children }: { children: ReactNode }) {
  return <ClientMessages scope="track">{children}</ClientMessages>;
}
