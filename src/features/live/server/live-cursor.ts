/**
 * The heart of every live stream, free of HTTP: it turns bus messages ("row 42 was added")
 * into the rows themselves, read from the database, in id order, each sent once.
 *
 * - The cursor is the last id sent. Replay and live forwarding are the same step ("send every
 *   row with id > cursor"), run one at a time; a bus message only says when to run it, so a
 *   message that arrives twice or out of order sends nothing twice.
 * - An id is never sent at or below the cursor: EventSource resumes from the last id it saw.
 * - A row that commits late (PostgreSQL hands out ids at insert, commits can finish in another
 *   order) is announced with an id below the cursor: it is still sent, but WITHOUT an SSE id,
 *   so the client's resume point stays where it was.
 */
import type { BusMessage } from '@/server/events';

export interface LiveItem {
  id: number;
  data: unknown;
}

export interface LiveFrame {
  id?: number;
  data: unknown;
}

/** What a bus message means to a feed. */
export type Announcement =
  | { kind: 'row'; id: number }
  /** messages may have been lost: re-read from the cursor */
  | { kind: 'resync' }
  /** something to pass on as it is (no id, nothing to read) */
  | { kind: 'signal'; data: unknown }
  | null;

export interface LiveFeed {
  /** bus channels that announce this feed's rows */
  channels: string[];
  announced(message: BusMessage): Announcement;
  /** the newest id now: where a client without a resume id starts */
  head(): Promise<number>;
  /** rows with id > afterId, oldest first, at most `limit` */
  after(afterId: number, limit: number): Promise<LiveItem[]>;
  /** these rows, when they belong to the feed */
  byIds(ids: number[]): Promise<LiveItem[]>;
}

export const REPLAY_BATCH = 200;
const RECENT_CAP = 2_000;

/** One stream's cursor; `send` writes a frame to the client. */
export class LiveCursor {
  private last: number;
  /** the resume id the client came with: it has everything up to here */
  private readonly floor: number;
  /** ids sent so far (bounded), to send a late row once */
  private readonly recent = new Set<number>();
  private chain: Promise<void> = Promise.resolve();
  private pumpQueued = false;
  private stopped = false;

  constructor(
    private readonly feed: LiveFeed,
    private readonly send: (frame: LiveFrame) => Promise<void>,
    start: number,
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    this.last = start;
    this.floor = start;
  }

  get lastId(): number {
    return this.last;
  }

  stop(): void {
    this.stopped = true;
  }

  /** Resolves when everything queued so far has been sent. */
  idle(): Promise<void> {
    return this.chain;
  }

  /** Sends every row after the cursor (replay at start; later whenever a row is announced). */
  pump(): Promise<void> {
    if (this.pumpQueued) return this.chain;
    this.pumpQueued = true;
    return this.enqueue(async () => {
      this.pumpQueued = false;
      for (;;) {
        const rows = await this.feed.after(this.last, REPLAY_BATCH);
        for (const row of rows) {
          if (this.stopped) return;
          if (row.id <= this.last) continue;
          await this.send({ id: row.id, data: row.data });
          this.last = row.id;
          this.remember(row.id);
        }
        if (rows.length < REPLAY_BATCH) return;
      }
    });
  }

  onMessage(message: BusMessage): void {
    const a = this.feed.announced(message);
    if (!a) return;
    if (a.kind === 'signal') {
      void this.enqueue(() => this.send({ data: a.data }));
    } else if (a.kind === 'resync' || a.id > this.last) {
      void this.pump();
    } else if (a.id > this.floor && !this.recent.has(a.id)) {
      const id = a.id;
      void this.enqueue(async () => {
        if (this.recent.has(id)) return;
        for (const row of await this.feed.byIds([id])) {
          if (this.stopped || this.recent.has(row.id)) continue;
          // late: no SSE id, so the client's resume point does not go back
          await this.send({ data: row.data });
          this.remember(row.id);
        }
      });
    }
  }

  private remember(id: number) {
    this.recent.add(id);
    if (this.recent.size > RECENT_CAP) {
      const oldest = this.recent.values().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(async () => {
      if (this.stopped) return;
      try {
        await task();
      } catch (err) {
        this.onError(err);
      }
    });
    return this.chain;
  }
}

/** One SSE frame as text (JSON data never holds a newline; other text is split per line). */
export function sseFrame(frame: { id?: number; data?: unknown; retry?: number; comment?: string }): string {
  const lines: string[] = [];
  if (frame.comment !== undefined) lines.push(`: ${frame.comment.replace(/[\r\n]+/g, ' ')}`);
  if (frame.retry !== undefined) lines.push(`retry: ${Math.max(0, Math.floor(frame.retry))}`);
  if (frame.data !== undefined) {
    const text = typeof frame.data === 'string' ? frame.data : JSON.stringify(frame.data);
    for (const line of text.split(/\r\n|\r|\n/)) lines.push(`data: ${line}`);
  }
  if (frame.id !== undefined) lines.push(`id: ${frame.id}`);
  return `${lines.join('\n')}\n\n`;
}

/**
 * The client's resume point: the `Last-Event-ID` header (sent by EventSource when it
 * reconnects), else `?lastEventId=` (a client that reopened the stream itself, or a page that
 * knows what it rendered). Null when absent or not a plain non-negative integer.
 */
export function resumeIdFrom(
  header: string | null | undefined,
  query: string | null | undefined,
): number | null {
  for (const raw of [header, query]) {
    const v = raw?.trim();
    if (v && /^\d{1,15}$/.test(v)) return Number(v);
  }
  return null;
}
