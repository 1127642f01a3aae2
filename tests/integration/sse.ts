/**
 * A small server-sent-events client for tests: fetch + a parser that follows the SSE spec
 * (fields per line, a blank line ends an event, `:` lines are comments, `retry:` hints).
 */
export interface SseEvent {
  id?: string;
  data: string;
  json: Record<string, unknown>;
}

export interface SseStream {
  response: Response;
  status: number;
  /** resolves once the server sent its first frame (`retry:`): it is subscribed from then on */
  ready: Promise<void>;
  retry: number | null;
  /** the next data event (waits up to `timeoutMs`) */
  next(timeoutMs?: number): Promise<SseEvent>;
  /** every data event that arrives within `ms` */
  collect(ms: number): Promise<SseEvent[]>;
  comments: string[];
  close(): void;
}

/** Parses complete events out of `buffer`; returns them and the unparsed rest. */
export function parseSse(buffer: string): {
  events: Array<{ id?: string; data?: string; retry?: number; comments: string[] }>;
  rest: string;
} {
  const events: Array<{ id?: string; data?: string; retry?: number; comments: string[] }> = [];
  const normalised = buffer.replace(/\r\n|\r/g, '\n');
  const blocks = normalised.split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    const e: { id?: string; data?: string; retry?: number; comments: string[] } = { comments: [] };
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        e.comments.push(line.slice(1).trim());
        continue;
      }
      const i = line.indexOf(':');
      const field = i === -1 ? line : line.slice(0, i);
      const value = i === -1 ? '' : line.slice(i + 1).replace(/^ /, '');
      if (field === 'data') data.push(value);
      else if (field === 'id') e.id = value;
      else if (field === 'retry' && /^\d+$/.test(value)) e.retry = Number(value);
    }
    if (data.length) e.data = data.join('\n');
    events.push(e);
  }
  return { events, rest };
}

export type Requester = (path: string, init: RequestInit) => Promise<Response>;

/** Opens a stream at `path` through `request` (a TestApp's, or fetch against a base URL). */
export async function openSse(
  request: Requester,
  path: string,
  headers: Record<string, string> = {},
): Promise<SseStream> {
  const controller = new AbortController();
  const response = await request(path, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const queue: SseEvent[] = [];
  const waiters: Array<() => void> = [];
  const comments: string[] = [];
  let readyResolve!: () => void;
  const ready = new Promise<void>((r) => (readyResolve = r));
  let ended = false;
  const state: { retry: number | null } = { retry: null };
  const wake = () => {
    for (const w of waiters.splice(0)) w();
  };

  if (response.ok && response.body) {
    void (async () => {
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          const { events, rest } = parseSse(buffer);
          buffer = rest;
          for (const e of events) {
            comments.push(...e.comments);
            if (e.retry !== undefined) {
              state.retry = e.retry;
              readyResolve();
            }
            if (e.data !== undefined) {
              queue.push({ id: e.id, data: e.data, json: JSON.parse(e.data) as Record<string, unknown> });
            }
          }
          wake();
        }
      } catch {
        /* aborted */
      } finally {
        ended = true;
        wake();
      }
    })();
  } else {
    readyResolve();
  }

  const stream: SseStream = {
    response,
    status: response.status,
    ready,
    get retry() {
      return state.retry;
    },
    comments,
    async next(timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (queue.length === 0) {
        if (ended) throw new Error('the stream ended');
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no event within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
      return queue.shift()!;
    },
    async collect(ms) {
      await new Promise((r) => setTimeout(r, ms));
      return queue.splice(0);
    },
    close() {
      controller.abort();
    },
  };
  return stream;
}
