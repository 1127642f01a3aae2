import { describe, expect, it } from 'vitest';
import {
  LiveCursor,
  REPLAY_BATCH,
  resumeIdFrom,
  sseFrame,
  type LiveFeed,
  type LiveFrame,
} from './live-cursor';

/** A feed over an in-memory table; `commit` makes a row visible (ids may commit out of order). */
function fakeFeed() {
  const visible = new Map<number, string>();
  let reads = 0;
  const feed: LiveFeed = {
    channels: ['test'],
    announced: (m) =>
      m.resync === true
        ? { kind: 'resync' }
        : typeof m.id === 'number'
          ? { kind: 'row', id: m.id }
          : m.signal
            ? { kind: 'signal', data: m.signal }
            : null,
    head: async () => Math.max(0, ...visible.keys()),
    after: async (afterId, limit) => {
      reads += 1;
      return [...visible.keys()]
        .filter((id) => id > afterId)
        .sort((a, b) => a - b)
        .slice(0, limit)
        .map((id) => ({ id, data: visible.get(id) }));
    },
    byIds: async (ids) => ids.filter((id) => visible.has(id)).map((id) => ({ id, data: visible.get(id) })),
  };
  return {
    feed,
    commit: (id: number, data = `row ${id}`) => visible.set(id, data),
    reads: () => reads,
  };
}

function collector() {
  const frames: LiveFrame[] = [];
  return { frames, send: async (f: LiveFrame) => void frames.push(f) };
}

describe('LiveCursor', () => {
  it('replays the rows after the resume id, in order, then forwards announced rows once', async () => {
    const { feed, commit } = fakeFeed();
    [1, 2, 3, 4].forEach((id) => commit(id));
    const out = collector();
    const cursor = new LiveCursor(feed, out.send, 2);
    await cursor.pump();
    expect(out.frames).toEqual([
      { id: 3, data: 'row 3' },
      { id: 4, data: 'row 4' },
    ]);

    commit(5);
    cursor.onMessage({ id: 5 });
    cursor.onMessage({ id: 5 }); // the same announcement twice
    cursor.onMessage({ id: 4 }); // an old one
    await cursor.idle();
    expect(out.frames.map((f) => f.id)).toEqual([3, 4, 5]);
    expect(cursor.lastId).toBe(5);
  });

  it('reads everything up to the announced row, so a lost message loses nothing', async () => {
    const { feed, commit } = fakeFeed();
    const out = collector();
    const cursor = new LiveCursor(feed, out.send, 0);
    commit(1);
    commit(2);
    commit(3);
    cursor.onMessage({ id: 3 }); // the messages for 1 and 2 never came
    await cursor.idle();
    expect(out.frames.map((f) => f.id)).toEqual([1, 2, 3]);
  });

  it('re-reads from the cursor on resync (the bus reconnected)', async () => {
    const { feed, commit } = fakeFeed();
    const out = collector();
    const cursor = new LiveCursor(feed, out.send, 0);
    commit(1);
    cursor.onMessage({ resync: true });
    await cursor.idle();
    expect(out.frames.map((f) => f.id)).toEqual([1]);
  });

  it('sends a row that committed late without an id, so the resume point never goes back', async () => {
    const { feed, commit } = fakeFeed();
    const out = collector();
    const cursor = new LiveCursor(feed, out.send, 10);
    // 12 commits before 11 (two transactions finishing in the other order)
    commit(12);
    cursor.onMessage({ id: 12 });
    await cursor.idle();
    commit(11);
    cursor.onMessage({ id: 11 });
    cursor.onMessage({ id: 11 });
    await cursor.idle();
    expect(out.frames).toEqual([{ id: 12, data: 'row 12' }, { data: 'row 11' }]);
    expect(cursor.lastId).toBe(12);

    // at or below the client's own resume point it already has everything: nothing is sent
    commit(9);
    cursor.onMessage({ id: 9 });
    await cursor.idle();
    expect(out.frames).toHaveLength(2);
  });

  it('passes signals on in order with the rows, and replays in batches', async () => {
    const { feed, commit } = fakeFeed();
    for (let id = 1; id <= REPLAY_BATCH + 5; id++) commit(id);
    const out = collector();
    const cursor = new LiveCursor(feed, out.send, 0);
    void cursor.pump();
    cursor.onMessage({ signal: { kind: 'read' } });
    await cursor.idle();
    expect(out.frames).toHaveLength(REPLAY_BATCH + 6);
    expect(out.frames.at(-1)).toEqual({ data: { kind: 'read' } });
    expect(out.frames.slice(0, -1).map((f) => f.id)).toEqual(
      Array.from({ length: REPLAY_BATCH + 5 }, (_, i) => i + 1),
    );
  });

  it('coalesces announcements that arrive while a read is queued', async () => {
    const { feed, commit, reads } = fakeFeed();
    const out = collector();
    const cursor = new LiveCursor(feed, out.send, 0);
    for (let id = 1; id <= 20; id++) {
      commit(id);
      cursor.onMessage({ id });
    }
    await cursor.idle();
    expect(out.frames.map((f) => f.id)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(reads()).toBeLessThan(20);
  });

  it('sends nothing after stop, and reports a failing read instead of throwing', async () => {
    const { feed, commit } = fakeFeed();
    const errors: unknown[] = [];
    const out = collector();
    const broken: LiveFeed = {
      ...feed,
      after: async () => {
        throw new Error('database closed');
      },
    };
    const cursor = new LiveCursor(broken, out.send, 0, (e) => errors.push(e));
    await cursor.pump();
    expect(errors).toHaveLength(1);

    const ok = new LiveCursor(feed, out.send, 0);
    ok.stop();
    commit(1);
    ok.onMessage({ id: 1 });
    await ok.idle();
    expect(out.frames).toEqual([]);
  });
});

describe('SSE framing', () => {
  it('writes data as JSON, the id after it, and ends with a blank line', () => {
    expect(sseFrame({ id: 42, data: { kind: 'x', text: 'a\nb' } })).toBe(
      'data: {"kind":"x","text":"a\\nb"}\nid: 42\n\n',
    );
  });
  it('splits text data per line, writes retry hints and comments', () => {
    expect(sseFrame({ data: 'one\ntwo' })).toBe('data: one\ndata: two\n\n');
    expect(sseFrame({ retry: 3000, comment: 'live' })).toBe(': live\nretry: 3000\n\n');
    expect(sseFrame({ comment: 'a\nb' })).toBe(': a b\n\n');
  });
});

describe('resume id', () => {
  it('takes Last-Event-ID first, then ?lastEventId=, and only plain integers', () => {
    expect(resumeIdFrom('12', '5')).toBe(12);
    expect(resumeIdFrom(null, '5')).toBe(5);
    expect(resumeIdFrom(' 7 ', null)).toBe(7);
    expect(resumeIdFrom('abc', null)).toBeNull();
    expect(resumeIdFrom('-1', undefined)).toBeNull();
    expect(resumeIdFrom('1e3', '')).toBeNull();
    expect(resumeIdFrom('', '0')).toBe(0);
  });
});
