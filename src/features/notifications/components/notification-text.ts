import type { NotificationItem } from '../schemas';

type Translate = (key: string, values?: Record<string, string | number>) => string;

const KNOWN = new Set([
  'status_changed',
  'message',
  'note',
  'quote_sent',
  'quote_decided',
  'assigned',
  'photo_added',
  'booked',
  'checked_in',
  'payment_received',
  'order_overdue',
]);

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * The sentence for a notification, from its type and data, in the `notifications` messages
 * (`t`); `status` translates a repair status (the `status` messages).
 */
export function notificationText(
  item: Pick<NotificationItem, 'type' | 'reference' | 'data'>,
  t: Translate,
  status: (s: string) => string,
): string {
  const reference = item.reference ?? '';
  const to = text(item.data.to);
  const values: Record<string, string> = {
    reference,
    to: to ? status(to) : '',
    from: text(item.data.from) ? status(text(item.data.from)) : '',
    decision: text(item.data.decision) || 'other',
    amount: text(item.data.amount),
  };
  const type = KNOWN.has(item.type) ? item.type : 'other';
  return t(`types.${type}`, values);
}
