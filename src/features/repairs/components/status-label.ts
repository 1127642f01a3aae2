import { useTranslations } from 'next-intl';

/** Who reads a status: a customer ("Awaiting your approval") or staff ("Awaiting approval"). */
export type StatusAudience = 'customer' | 'staff';

/**
 * The one list of repair status names (messages: `status`), worded for the audience. Unknown
 * values are shown as they are.
 */
export function useStatusLabel(audience: StatusAudience = 'customer'): (status: string) => string {
  const t = useTranslations('status');
  return (status) => (t.has(status) ? t(status as 'booked', { audience }) : status);
}
