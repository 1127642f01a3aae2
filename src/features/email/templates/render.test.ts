import { describe, expect, it } from 'vitest';
import { renderTemplate, TEMPLATE_NAMES } from './render';
import type { TemplateData } from './types';

const branding = { shopName: 'Fix & Co', brandColor: '#123456', logoUrl: null };

const SAMPLES: TemplateData = {
  verification: { name: 'Ann', url: 'https://x.test/verify?t=1&u=2' },
  'password-reset': { name: 'Ann', url: 'https://x.test/reset?t=1' },
  'sign-up-attempt': {
    name: 'Ann',
    signInUrl: 'https://x.test/sign-in',
    resetUrl: 'https://x.test/forgot-password',
  },
  'booking-confirmation': {
    name: '<script>alert(1)</script>',
    reference: 'RT-ABC234',
    deviceName: 'iPhone 15',
    repairs: ['Screen', 'Battery'],
    total: '£129.00',
    service: 'Drop-off at London, Tuesday 3 June 2025 at 10:00',
    trackingUrl: 'https://x.test/track/RT-ABC234?token=a&b',
    manageUrl: 'https://x.test/manage/RT-ABC234?sig=1',
  },
  notice: { name: 'Ann', title: 'New booking', body: 'RT-ABC234 was just booked.', url: 'https://x.test/o' },
  'status-update': {
    name: 'Ann',
    reference: 'RT-ABC234',
    status: 'Ready for collection',
    trackingUrl: 'https://x.test/t',
  },
  'security-alert': {
    name: 'Ann',
    event: 'Password changed',
    when: 'Today 10:00',
    url: 'https://x.test/account',
  },
  'account-locked': {
    name: 'Ann',
    retry: 'in 15 minutes',
    when: 'Today 10:00',
    where: '203.0.113.9',
    resetUrl: 'https://x.test/forgot-password',
  },
  'sign-in-code': { name: 'Ann', code: '123456', minutes: 10, where: '203.0.113.9' },
  'staff-invitation': {
    inviterName: 'Ada <b>Admin</b>',
    role: 'a technician',
    shopName: 'London',
    url: 'https://x.test/accept-invite?token=abc',
    expires: '14 Dec 2026, 10:00 UTC',
  },
  'appointment-reminder': {
    name: 'Ann',
    reference: 'RT-ABC234',
    deviceName: 'iPhone 15',
    when: 'Tuesday 3 June 2025 at 10:00',
    shopName: 'London',
    shopAddress: '1 High St, London',
    trackingUrl: 'https://x.test/t',
  },
  'booking-rescheduled': {
    name: 'Ann',
    reference: 'RT-ABC234',
    deviceName: 'iPhone 15',
    when: 'Wednesday 4 June 2025 at 11:00',
    previously: 'Tuesday 3 June 2025 at 10:00',
    shopName: 'London',
    shopAddress: '1 High St, London',
    trackingUrl: 'https://x.test/t',
    manageUrl: 'https://x.test/m',
  },
  'smtp-test': { sentAt: 'Monday 2 June 2025 at 09:00' },
  'payment-receipt': {
    name: 'Ann <b>',
    reference: 'RT-ABC234',
    deviceName: 'iPhone 15',
    invoiceNumber: 'LONDON-000007',
    amount: '£100.00',
    method: 'Card: Visa •••• 4242',
    paidOn: '3 June 2025',
    balanceDue: '£29.00',
    trackingUrl: 'https://x.test/track/RT-ABC234?token=s.a&b',
  },
  'booking-cancelled': {
    name: 'Ann',
    reference: 'RT-ABC234',
    deviceName: 'iPhone 15',
    paid: '£100.00',
    fee: '£10.00',
    refund: '£90.00',
    refundTo: 'Visa •••• 4242',
    trackingUrl: 'https://x.test/t',
  },
  'payment-refunded': {
    name: 'Ann',
    reference: 'RT-ABC234',
    deviceName: 'iPhone 15',
    amount: '£20.00',
    reason: 'Screen part <cheaper>',
    refundTo: 'Visa •••• 4242',
    refundedOn: '3 June 2025',
    totalRefunded: '£20.00',
    trackingUrl: 'https://x.test/t',
  },
  'support-reply': {
    staffName: 'Sam',
    shopName: 'London Bridge',
    message: 'Sorry <b>about</b> that: bring it in tomorrow.',
    url: 'https://x.test/?support=1',
  },
  'rating-request': {
    name: 'Ann',
    reference: 'RT-ABC234',
    deviceName: 'iPhone 15',
    shopName: 'London Bridge',
    url: 'https://x.test/rate/abc.def',
    expires: '5 February 2027',
  },
};

describe('e-mail templates', () => {
  it.each(TEMPLATE_NAMES)('%s renders HTML, text and a subject with the branding', (name) => {
    const out = renderTemplate(name, SAMPLES[name] as never, branding);
    expect(out.subject.length).toBeGreaterThan(5);
    expect(out.subject).not.toMatch(/[\r\n]/);
    expect(out.html.startsWith('<!DOCTYPE html><html lang="en-GB">')).toBe(true);
    expect(out.html).toContain('Fix &amp; Co');
    expect(out.html).toContain('#123456');
    expect(out.text).toContain('Fix & Co');
    expect(out.text).not.toMatch(/<(p|a|table|td|tr|div|br|h1|strong)[ >]/);
  });

  it('escapes data in HTML and keeps it verbatim in text', () => {
    const out = renderTemplate('booking-confirmation', SAMPLES['booking-confirmation'], branding);
    expect(out.html).not.toContain('<script>');
    expect(out.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out.html).toContain('href="https://x.test/track/RT-ABC234?token=a&amp;b"');
    expect(out.text).toContain('Hello <script>alert(1)</script>,');
    expect(out.text).toContain('https://x.test/track/RT-ABC234?token=a&b');
    expect(out.text).toContain('https://x.test/manage/RT-ABC234?sig=1');
    expect(out.subject).toBe('Booking confirmed: RT-ABC234');
  });

  it('leaves the manage link out when there is none', () => {
    const { manageUrl: _m, ...data } = SAMPLES['booking-confirmation'];
    const out = renderTemplate('booking-confirmation', data, branding);
    expect(out.html).not.toContain('Manage your booking');
    expect(out.text).not.toContain('Change or cancel');
  });

  it('shows the logo when one is set', () => {
    const out = renderTemplate('smtp-test', SAMPLES['smtp-test'], {
      ...branding,
      logoUrl: 'https://x.test/logo.png',
    });
    expect(out.html).toContain('<img src="https://x.test/logo.png" alt="Fix &amp; Co"');
  });

  it('the payment receipt: amount, method, invoice, reference, balance and the tracking link', () => {
    const out = renderTemplate('payment-receipt', SAMPLES['payment-receipt'], branding);
    expect(out.subject).toBe('Payment received: £100.00 for repair RT-ABC234');
    for (const part of [
      '£100.00',
      'Card: Visa •••• 4242',
      'LONDON-000007',
      'RT-ABC234 (iPhone 15)',
      '3 June 2025',
    ]) {
      expect(out.html).toContain(part);
      expect(out.text).toContain(part);
    }
    expect(out.text).toContain('Still to pay: £29.00');
    expect(out.html).toContain('The remaining £29.00 can be paid online');
    expect(out.html).toContain('href="https://x.test/track/RT-ABC234?token=s.a&amp;b"');
    expect(out.text).toContain('https://x.test/track/RT-ABC234?token=s.a&b');
    expect(out.html).toContain('Ann &lt;b&gt;');
    expect(out.html).not.toContain('Ann <b>');
  });

  it('the payment receipt says when nothing is left to pay', () => {
    const { balanceDue: _b, ...paid } = SAMPLES['payment-receipt'];
    const out = renderTemplate('payment-receipt', paid, branding);
    expect(out.text).toContain('Still to pay: nothing, your repair is paid in full');
    expect(out.html).toContain('Nothing: your repair is paid in full');
    expect(out.html).not.toContain('The remaining');
    expect(out.text).not.toContain('The remaining');
  });
});
