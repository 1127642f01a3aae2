import { describe, expect, it } from 'vitest';
import { withResumeId } from './use-live-stream';

describe('reopening a stream the browser gave up on', () => {
  it('adds the last event id as ?lastEventId=, keeping the other parameters', () => {
    expect(withResumeId('/api/track/RT-ABC234/live?token=a%2Bb', '42')).toBe(
      '/api/track/RT-ABC234/live?token=a%2Bb&lastEventId=42',
    );
    expect(withResumeId('/api/notifications/live', '7')).toBe('/api/notifications/live?lastEventId=7');
    expect(withResumeId('/api/staff/live?lastEventId=1', '9')).toBe('/api/staff/live?lastEventId=9');
    expect(withResumeId('/api/staff/live', null)).toBe('/api/staff/live');
    expect(withResumeId('https://shop.example/api/staff/live', '3')).toBe(
      'https://shop.example/api/staff/live?lastEventId=3',
    );
  });
});
