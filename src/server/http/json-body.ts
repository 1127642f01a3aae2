import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler, Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { problem } from './errors';
import { problemResponse } from './app';
import type { FieldError } from '@/server/domain-error';
import { checkJsonText } from './safe-strings';

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

/** "64 KB", "4.6 MB": the cap as the 413 states it. */
export function sizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${Math.round(bytes / 104857.6) / 10} MB`;
}

function tooLarge(c: Context, max: number) {
  return problemResponse(
    c,
    413,
    problem(
      413,
      'PAYLOAD_TOO_LARGE',
      `The request body is larger than ${sizeText(max)}.`,
      undefined,
      c.get('requestId'),
    ),
  );
}

/**
 * Route middleware for a JSON route whose body may pass the default 64 KB (e.g. photos sent as
 * data: URLs): the same reading and string checks as every JSON body, under its own cap. The
 * entry must answer 'own' for the route in `bodyMode`, so the frame does not read it first.
 */
export function jsonBodyUpTo(maxBytes: number): MiddlewareHandler {
  const limit = bodyLimit({ maxSize: maxBytes, onError: (c) => tooLarge(c, maxBytes) });
  return (c, next) => jsonBodyFromNode(c, next, limit, false, maxBytes);
}

function refuseBody(c: Context, errors: FieldError[]) {
  return problemResponse(
    c,
    422,
    problem(422, 'VALIDATION_FAILED', 'The request body is invalid.', errors, c.get('requestId')),
  );
}

/**
 * JSON bodies straight from the Node request into Hono's body cache. `c.req.json()` (and so
 * the zod validator) then parses that text; without this, @hono/node-server first builds a
 * WHATWG Request and streams the body through it, which cost more than the whole quote
 * computation. Outside the Node server (e.g. `app.request` in a unit test) the body is read
 * through Hono, under `fallback` (the body limit).
 *
 * Unless `verbatim` (signed webhooks, checked byte for byte), strings the database cannot hold
 * (NUL, lone surrogates) are refused here with 422 and their field paths, and names lose their
 * bidirectional controls (safe-strings.ts): one place for every route, better-auth's included.
 */
export async function jsonBodyFromNode(
  c: Context,
  next: Next,
  fallback: (c: Context, next: Next) => Promise<unknown>,
  verbatim = false,
  max = MAX_JSON_BODY,
) {
  const isJson = JSON_TYPE.test(c.req.header('content-type') ?? '');
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || !isJson) {
    await fallback(c, async () => {
      if (isJson && !verbatim) {
        const checked = checkJsonText(await c.req.text());
        if ('errors' in checked) {
          c.res = refuseBody(c, checked.errors);
          return;
        }
        (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(checked.text);
      }
      await next();
    });
    return;
  }
  const text = await readNodeBody(incoming, max);
  if (text === null) {
    c.res = tooLarge(c, max);
    return;
  }
  const checked = verbatim ? { text } : checkJsonText(text);
  if ('errors' in checked) {
    c.res = refuseBody(c, checked.errors);
    return;
  }
  // at runtime Hono keeps promises in this cache (its type says plain values)
  (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(checked.text);
  await next();
}

/**
 * The request to hand to a handler that reads a WHATWG Request itself (better-auth): its body
 * is the checked text in Hono's cache when there is one (the Node stream is already read).
 */
export async function requestWithCheckedBody(c: Context): Promise<Request> {
  const cached = (c.req.bodyCache as { text?: Promise<string> }).text;
  if (!cached) return c.req.raw;
  const headers = new Headers(c.req.raw.headers);
  headers.delete('content-length');
  return new Request(c.req.url, { method: c.req.method, headers, body: await cached });
}
