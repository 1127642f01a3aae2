import { describe, expect, it } from 'vitest';
import { BROWSER_PUSH_SERVICES, isAllowedPushEndpoint } from './push-service-hosts';

describe('isAllowedPushEndpoint', () => {
  const hosts = [...BROWSER_PUSH_SERVICES];
  it.each([
    'https://fcm.googleapis.com/fcm/send/abc:def',
    'https://updates.push.services.mozilla.com/wpush/v2/gAAA',
    'https://web.push.apple.com/QGxx',
    'https://wns2-par02p.notify.windows.com/w/?token=x',
  ])('takes the browsers’ push services: %s', (endpoint) => {
    expect(isAllowedPushEndpoint(endpoint, hosts)).toBe(true);
  });

  it.each([
    'https://127.0.0.1/push',
    'https://10.0.0.5/admin',
    'https://localhost:3000/api/x',
    'https://fcm.googleapis.com.attacker.test/x',
    'https://evilfcm.googleapis.com.example/x',
    'https://notpush.apple.com.example/x',
    'not a url',
  ])('refuses every other host: %s', (endpoint) => {
    expect(isAllowedPushEndpoint(endpoint, hosts)).toBe(false);
  });

  it('a configured list replaces the defaults', () => {
    expect(isAllowedPushEndpoint('https://127.0.0.1:4443/p', ['127.0.0.1'])).toBe(true);
    expect(isAllowedPushEndpoint('https://fcm.googleapis.com/x', ['127.0.0.1'])).toBe(false);
  });
});
