import type { IncomingMessage } from 'node:http';
import type { Context, Next } from 'hono';
import { problem } from './errors';
import { problemResponse } from './app';

export const MAX_JSON_BODY = 64 * 1024;
const JSON_TYPE = /^application\/([\w.-]+\+)?json\b/i;

/** Reads a Node request body as UTF-8, or null once it passes `max` bytes (the rest is drained). */
export function readNodeBody(req: IncomingMessage, max: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > max) {
      req.resume();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > max) {
        over = true;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/**
 * JSON bodies straight from the Node request into Hono's body cache. `c.req.json()` (and so
 * the zod validator) then parses that text; without this, @hono/node-server first builds a
 * WHATWG Request and streams the body through it, which cost more than the whole quote
 * computation. Outside the Node server (e.g. `app.request` in a unit test) it does nothing.
 */
export async function jsonBodyFromNode(
  c: Context,
  next: Next,
  fallback: (c: Context, next: Next) => Promise<unknown>,
) {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || !JSON_TYPE.test(c.req.header('content-type') ?? '')) {
    await fallback(c, next);
    return;
  }
  const text = await readNodeBody(incoming, MAX_JSON_BODY);
  if (text === null) {
    c.res = problemResponse(
      c,
      413,
      problem(
        413,
        'PAYLOAD_TOO_LARGE',
        'The request body is larger than 64 KB.',
        undefined,
        c.get('requestId'),
      ),
    );
    return;
  }
  // at runtime Hono keeps promises in this cache (its type says plain values)
  (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(text);
  await next();
}
