import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedTrackingToken } from '@/features/repairs/server/tracking';
import { BACKENDS, bookingBody, freeSlot, startApp, type TestApp } from './harness';

describe.each(BACKENDS)('tracking and calendar on $name', (backend) => {
  let app: TestApp;
  let booking: { reference: string; trackingToken: string; calendarUrl: string };
  beforeAll(async () => {
    app = await startApp(backend);
    const slot = await freeSlot(app, 'london');
    const res = await app.request('/api/bookings', {
      method: 'POST',
      json: bookingBody({
        customer: { name: 'Private Person', email: 'private@example.com' },
        service: { type: 'drop_off', shopSlug: 'london', slotStartsAt: slot },
      }),
    });
    booking = (await res.json()) as typeof booking;
  });
  afterAll(() => app.close());

  it('shows status, timeline and quote with the right token', async () => {
    const res = await app.request(
      `/api/track/${booking.reference}?token=${encodeURIComponent(booking.trackingToken)}`,
    );
    expect(res.status).toBe(200);
    const t = (await res.json()) as {
      status: string;
      timeline: Array<{ toStatus: string }>;
      quote: { totalMinor: number };
      device: { name: string };
    };
    expect(t.status).toBe('booked');
    expect(t.timeline[0]?.toStatus).toBe('booked');
    expect(t.quote.totalMinor).toBeGreaterThan(0);
    expect(t.device.name).toBe('iPhone 15');
  });

  it('accepts a server-signed token (status e-mails, tickets) for that reference only', async () => {
    const signed = signedTrackingToken(booking.reference);
    const ok = await app.request(`/api/track/${booking.reference}?token=${encodeURIComponent(signed)}`);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { reference: string }).reference).toBe(booking.reference);
    // another reference's signature, or a tampered one, is refused like a wrong token
    const other = signedTrackingToken('RT-222222');
    expect(
      (await app.request(`/api/track/${booking.reference}?token=${encodeURIComponent(other)}`)).status,
    ).toBe(404);
    expect(
      (await app.request(`/api/track/${booking.reference}?token=${encodeURIComponent(`${signed}x`)}`)).status,
    ).toBe(404);
  });

  it('accepts the reference in lower case', async () => {
    const res = await app.request(
      `/api/track/${booking.reference.toLowerCase()}?token=${encodeURIComponent(booking.trackingToken)}`,
    );
    expect(res.status).toBe(200);
  });

  it('answers a wrong or missing token exactly like an unknown reference, leaking nothing', async () => {
    const wrong = await app.request(`/api/track/${booking.reference}?token=${'A'.repeat(43)}`);
    const missing = await app.request(`/api/track/${booking.reference}`);
    const unknown = await app.request(
      `/api/track/RT-222222?token=${encodeURIComponent(booking.trackingToken)}`,
    );
    const bodies: string[] = [];
    for (const res of [wrong, missing, unknown]) {
      expect(res.status).toBe(404);
      const text = await res.text();
      expect(text).not.toContain('Private Person');
      expect(text).not.toContain('private@example.com');
      expect(text).not.toContain('iPhone');
      const { requestId: _id, ...body } = JSON.parse(text) as { code: string; requestId?: string };
      expect(body.code).toBe('NOT_FOUND');
      bodies.push(JSON.stringify(body));
    }
    expect(new Set(bodies).size).toBe(1);
  });

  it('serves the .ics with a stable UID, only with the token', async () => {
    const res = await app.request(booking.calendarUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const ics = await res.text();
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain(`UID:${booking.reference}@revivatech`);
    expect(ics).toMatch(/SEQUENCE:0/);
    expect(ics).toMatch(/DTSTART:\d{8}T\d{6}Z/);
    const denied = await app.request(`/api/bookings/${booking.reference}/calendar.ics?token=nope`);
    expect(denied.status).toBe(404);
  });
});
