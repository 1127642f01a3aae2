/**
 * The tracker's queue: events wait until the mode is known, go in batches (at 20, or on flush),
 * by sendBeacon on page hide (fetch when the browser refuses the beacon), come back to the queue
 * when a send fails, and nothing is kept or sent when tracking is off (DNT, GPC, ANALYTICS_MODE).
 */
import { describe, expect, it } from 'vitest';
import {
  FLUSH_AT,
  MAX_QUEUED,
  Tracker,
  batchesOf,
  privacySignal,
  randomVisitId,
  type TrackerDeps,
} from './tracker';
import { MAX_BATCH_BYTES, type TrackedEvent } from '../tracking';

function harness(over: Partial<TrackerDeps> = {}) {
  const posted: string[] = [];
  const beaconed: string[] = [];
  let visits = 0;
  let postOk = true;
  let beaconOk = true;
  const deps: TrackerDeps = {
    post: async (body) => {
      posted.push(body);
      return postOk;
    },
    beacon: (body) => {
      if (beaconOk) beaconed.push(body);
      return beaconOk;
    },
    now: () => new Date('2026-03-02T10:00:00.000Z'),
    visitId: () => {
      visits += 1;
      return 'visit-0001';
    },
    path: () => '/book-repair',
    ...over,
  };
  const t = new Tracker(deps);
  const events = (bodies: string[]) =>
    bodies.map((b) => (JSON.parse(b) as { events: TrackedEvent[] }).events);
  return {
    t,
    posted,
    beaconed,
    events,
    visits: () => visits,
    failPosts: (fail: boolean) => (postOk = !fail),
    refuseBeacon: (refuse: boolean) => (beaconOk = !refuse),
  };
}

describe('Tracker', () => {
  it('keeps events until the mode is known, reading no visit id before; then sends them with the id', async () => {
    const h = harness();
    h.t.track('page_view');
    h.t.track('funnel_step', { step: 'start' });
    await h.t.flush();
    expect(h.posted).toEqual([]);
    expect(h.visits()).toBe(0);
    h.t.setEnabled(true);
    await h.t.flush();
    expect(h.events(h.posted)).toEqual([
      [
        {
          name: 'page_view',
          visitId: 'visit-0001',
          path: '/book-repair',
          occurredAt: '2026-03-02T10:00:00.000Z',
        },
        {
          name: 'funnel_step',
          visitId: 'visit-0001',
          path: '/book-repair',
          occurredAt: '2026-03-02T10:00:00.000Z',
          props: { step: 'start' },
        },
      ],
    ]);
    expect(h.t.pending).toHaveLength(0);
  });

  it('drops everything, and records nothing more, when tracking is off (DNT, GPC, ANALYTICS_MODE=off)', async () => {
    const h = harness();
    h.t.track('page_view');
    h.t.setEnabled(false);
    h.t.track('funnel_step', { step: 'device' });
    for (let i = 0; i < FLUSH_AT + 5; i += 1) h.t.track('page_view');
    await h.t.flush();
    await h.t.flush('beacon');
    expect(h.t.pending).toHaveLength(0);
    expect(h.posted).toEqual([]);
    expect(h.beaconed).toEqual([]);
    expect(h.visits()).toBe(0);
  });

  it('sends by itself once 20 events wait, and not before', async () => {
    const h = harness();
    h.t.setEnabled(true);
    for (let i = 0; i < FLUSH_AT - 1; i += 1) h.t.track('page_view');
    expect(h.posted).toHaveLength(0);
    h.t.track('page_view');
    await Promise.resolve();
    expect(h.events(h.posted).map((b) => b.length)).toEqual([FLUSH_AT]);
    expect(h.t.pending).toHaveLength(0);
  });

  it('uses sendBeacon on page hide, and fetch when the browser refuses the beacon', async () => {
    const h = harness();
    h.t.setEnabled(true);
    h.t.track('funnel_step', { step: 'details' });
    await h.t.flush('beacon');
    expect(h.events(h.beaconed)).toHaveLength(1);
    expect(h.events(h.beaconed)[0]![0]).toMatchObject({ name: 'funnel_step', props: { step: 'details' } });
    expect(h.posted).toEqual([]);
    h.refuseBeacon(true);
    h.t.track('page_view');
    await h.t.flush('beacon');
    expect(h.events(h.posted)).toHaveLength(1);
    expect(h.events(h.posted)[0]![0]!.name).toBe('page_view');
  });

  it('puts a batch that did not go back in front, and sends it with the next flush', async () => {
    const h = harness();
    h.t.setEnabled(true);
    h.t.track('funnel_step', { step: 'start' });
    h.failPosts(true);
    await h.t.flush();
    expect(h.t.pending.map((e) => e.props)).toEqual([{ step: 'start' }]);
    h.t.track('funnel_step', { step: 'device' });
    h.failPosts(false);
    await h.t.flush();
    expect(
      h
        .events(h.posted)
        .at(-1)!
        .map((e) => e.props?.step),
    ).toEqual(['start', 'device']);
    expect(h.t.pending).toHaveLength(0);
  });

  it('keeps at most 200 waiting events while sends fail (the oldest go first)', async () => {
    const h = harness({ post: () => Promise.reject(new Error('offline')) });
    h.t.setEnabled(true);
    for (let i = 0; i < MAX_QUEUED + 30; i += 1) h.t.track('page_view');
    await h.t.flush();
    expect(h.t.pending).toHaveLength(MAX_QUEUED);
  });
});

describe('batchesOf', () => {
  const event = (path: string): TrackedEvent => ({
    name: 'page_view',
    visitId: 'visit-0001',
    path,
    occurredAt: '2026-03-02T10:00:00.000Z',
  });

  it('splits at 20 events and under the 16 KB body cap', () => {
    expect(batchesOf(Array.from({ length: 45 }, () => event('/'))).map((b) => b.length)).toEqual([20, 20, 5]);
    const big = Array.from({ length: 20 }, () => event(`/${'p'.repeat(1500)}`));
    const batches = batchesOf(big);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flat()).toHaveLength(20);
    for (const b of batches) {
      expect(new TextEncoder().encode(JSON.stringify({ events: b })).length).toBeLessThanOrEqual(
        MAX_BATCH_BYTES,
      );
    }
  });
});

describe('privacy signals and visit ids', () => {
  it('reads Do Not Track and Global Privacy Control', () => {
    expect(privacySignal({ doNotTrack: '1' })).toBe(true);
    expect(privacySignal({ globalPrivacyControl: true })).toBe(true);
    expect(privacySignal({ doNotTrack: '0', globalPrivacyControl: false })).toBe(false);
    expect(privacySignal({ doNotTrack: null })).toBe(false);
  });

  it('makes random url-safe visit ids the API accepts', () => {
    const a = randomVisitId();
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(randomVisitId()).not.toBe(a);
  });
});
