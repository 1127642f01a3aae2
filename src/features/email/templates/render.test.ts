import { describe, expect, it } from 'vitest';
import { renderTemplate, TEMPLATE_NAMES } from './render';
import type { TemplateData } from './types';

const branding = { shopName: 'Fix & Co', brandColor: '#123456', logoUrl: null };

const SAMPLES: TemplateData = {
  verification: { name: 'Ann', url: 'https://x.test/verify?t=1&u=2' },
  'password-reset': { name: 'Ann', url: 'https://x.test/reset?t=1' },
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
  'appointment-reminder': {
    name: 'Ann',
    reference: 'RT-ABC234',
    deviceName: 'iPhone 15',
    when: 'Tuesday 3 June 2025 at 10:00',
    shopName: 'London',
    shopAddress: '1 High St, London',
    trackingUrl: 'https://x.test/t',
  },
  'smtp-test': { sentAt: 'Monday 2 June 2025 at 09:00' },
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
});
