import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OutboxItem } from '@/features/offline/components';
import { decideBookingAnswer, outcomeOf, sendQueuedBooking, sentBookingOf } from './offline-booking';

describe('decideBookingAnswer', () => {
  it.each([
    [201, undefined, 'sent'],
    [200, undefined, 'sent'], // a replay of the same Idempotency-Key: the same booking
    [0, undefined, 'keep'], // no answer: the network is down
    [408, undefined, 'keep'],
    [429, 'RATE_LIMITED', 'keep'],
    [500, 'INTERNAL', 'keep'],
    [503, 'UNAVAILABLE', 'keep'],
    [409, 'SLOT_FULL', 'slot-taken'],
    [422, 'SLOT_UNAVAILABLE', 'slot-taken'],
    [409, 'QUOTE_EXPIRED', 'price-changed'],
    [409, 'QUOTE_CHANGED', 'price-changed'],
    [422, 'VALIDATION_FAILED', 'failed'],
    [422, 'IDEMPOTENCY_MISMATCH', 'failed'],
    [400, 'BAD_REQUEST', 'failed'],
    [413, 'PAYLOAD_TOO_LARGE', 'failed'],
  ] as const)('%i %s -> %s', (status, code, expected) => {
    expect(decideBookingAnswer(status, code)).toBe(expected);
  });

  it('maps to what the outbox does: taken slot and changed price are conflicts', () => {
    expect(outcomeOf('slot-taken')).toBe('conflict');
    expect(outcomeOf('price-changed')).toBe('conflict');
    expect(outcomeOf('sent')).toBe('sent');
    expect(outcomeOf('keep')).toBe('keep');
    expect(outcomeOf('failed')).toBe('failed');
  });
});

describe('sendQueuedBooking', () => {
  const store = new Map<string, string>();
  const item: OutboxItem = {
    id: '0b7f7c1e-1111-4222-8333-444455556666',
    queue: 'booking',
    method: 'POST',
    url: '/api/bookings',
    body: { modelSlug: 'iphone-15', repairSlugs: ['screen-crack'] },
    headers: { 'idempotency-key': '0b7f7c1e-1111-4222-8333-444455556666' },
    label: 'iPhone 15: Screen',
    createdAt: 1,
    attempts: 1,
    state: 'sending',
  };
  const answer = (status: number, body: unknown) =>
    vi.fn(async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status }));

  afterEach(() => {
    vi.unstubAllGlobals();
    store.clear();
  });
  function stub(fetch: unknown) {
    vi.stubGlobal('fetch', fetch);
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
      key: (i: number) => [...store.keys()][i] ?? null,
      get length() {
        return store.size;
      },
    });
  }

  it('sends the exact request with its Idempotency-Key and keeps the answer for the form', async () => {
    const fetch = answer(201, { reference: 'RT-ABCDEF' });
    stub(fetch);
    expect(await sendQueuedBooking(item)).toBe('sent');
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/bookings');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['idempotency-key']).toBe(item.id);
    expect(JSON.parse(init.body as string)).toEqual(item.body);
    expect(sentBookingOf(item.id)).toEqual({ reference: 'RT-ABCDEF' });
  });

  it('keeps the item when the network fails or a non-JSON page answers', async () => {
    stub(vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    expect(await sendQueuedBooking(item)).toBe('keep');
    stub(answer(200, '<html>captive portal</html>'));
    expect(await sendQueuedBooking(item)).toBe('keep');
    expect(sentBookingOf(item.id)).toBeNull();
  });

  it('records the refusal of a taken slot as a conflict', async () => {
    const problem = {
      status: 409,
      code: 'SLOT_FULL',
      detail: 'That drop-off slot has just been fully booked.',
    };
    stub(answer(409, problem));
    expect(await sendQueuedBooking(item)).toEqual({
      result: 'conflict',
      lastError: { status: 409, body: problem },
    });
  });
});
