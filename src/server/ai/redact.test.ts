import { describe, expect, it } from 'vitest';
import { redactContactDetails } from './redact';

describe('redactContactDetails', () => {
  it.each([
    ['mail me at jane.doe+repairs@example.co.uk please', 'mail me at [email] please'],
    ['JOHN_SMITH@Gmail.com', '[email]'],
    ['josé@correo.es', '[email]'],
  ])('removes the e-mail address in %j', (text, expected) => {
    expect(redactContactDetails(text)).toBe(expected);
  });

  it.each([
    ['call 07700 900123 after 5', 'call [phone] after 5'],
    ['ring +44 7700 900123', 'ring [phone]'],
    ['+44 (0)20 7946-0958 is the office', '[phone] is the office'],
    ['my number: 020 7946 0958.', 'my number: [phone].'],
    ['US cell (555) 123-4567', 'US cell [phone]'],
    ['555.123.4567', '[phone]'],
    ['07700900123', '[phone]'],
    ['+351912345678', '[phone]'],
  ])('removes the phone number in %j', (text, expected) => {
    expect(redactContactDetails(text)).toBe(expected);
  });

  it.each([
    'iPhone 15 screen smashed',
    'MacBook Pro 2019 13 inch, 256 GB, battery at 74%',
    'Galaxy S23 Ultra 512GB cracked back',
    'PS5 CFI-1216A hdmi port broken since 12/03/2024',
    'dropped it 3 times, it cost £1,299 in 2021',
    'model A2890',
  ])('keeps %j as it is', (text) => {
    expect(redactContactDetails(text)).toBe(text);
  });

  it('removes both from one message and keeps the fault', () => {
    expect(
      redactContactDetails('Screen cracked on my Pixel 8. Email a@b.io or text 07911 123456, thanks'),
    ).toBe('Screen cracked on my Pixel 8. Email [email] or text [phone], thanks');
  });
});
