/**
 * The kinds of notice and the channels they go out on, without zod: the settings panels import
 * these in the browser (zod's schema compiler probes for eval, which the pages' CSP reports).
 */
export const CUSTOMER_KINDS = [
  'quote_ready',
  'ready_for_collection',
  'shop_message',
  'payment_received',
] as const;
export const STAFF_KINDS = ['new_booking', 'checked_in', 'order_overdue'] as const;
export const NOTICE_KINDS = [...CUSTOMER_KINDS, ...STAFF_KINDS] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const CHANNELS = ['email', 'push', 'inApp'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The kinds that apply to a role: customers hear about their repairs, staff about the shop's work. */
export function kindsForRole(role: string): readonly NoticeKind[] {
  return role === 'customer' ? CUSTOMER_KINDS : STAFF_KINDS;
}
