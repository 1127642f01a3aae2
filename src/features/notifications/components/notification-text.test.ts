import { describe, expect, it } from 'vitest';
import { createTranslator } from 'next-intl';
import messages from '../../../../messages/en-GB.json';
import { notificationText } from './notification-text';

describe('notification wording', () => {
  const t = createTranslator({ locale: 'en-GB', messages, namespace: 'notifications' });
  const tStatus = createTranslator({ locale: 'en-GB', messages, namespace: 'status' });
  const status = (s: string) => tStatus(s as 'received', { audience: 'customer' });
  const say = (type: string, data: Record<string, unknown>) =>
    notificationText({ type, reference: 'RT-ABC234', data }, t as never, status);

  it('words each type from its data, with the status translated', () => {
    expect(say('status_changed', { from: 'booked', to: 'received' })).toBe('RT-ABC234 is now Received');
    expect(say('quote_decided', { decision: 'declined' })).toBe(
      'The customer declined the revised quote for RT-ABC234',
    );
    expect(say('quote_decided', {})).toBe('The customer answered the revised quote for RT-ABC234');
    expect(say('assigned', {})).toBe('RT-ABC234 was assigned to you');
    expect(say('something_new', {})).toBe('Update on RT-ABC234');
  });

  it('has a message for every type the server creates', () => {
    for (const type of ['message', 'note', 'quote_sent', 'photo_added']) {
      expect(say(type, {})).toContain('RT-ABC234');
    }
  });

  it('labels the bell with the unread count', () => {
    expect(t('bellLabel', { count: 0 })).toBe('Notifications, none unread');
    expect(t('bellLabel', { count: 1 })).toBe('1 unread notification');
    expect(t('bellLabel', { count: 3 })).toBe('3 unread notifications');
  });
});
