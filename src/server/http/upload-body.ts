/**
 * Multipart uploads: the body is read with its own cap (larger than the 64 KB for JSON),
 * counted while it streams in, and refused with 413 the moment it passes the cap, so no
 * request can make the server hold more than `max` bytes. Routes that use this must be
 * exempt from the JSON body limit (their body mode is 'own': src/server/entry/api.ts).
 */
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { DomainError } from '@/server/domain-error';

/** After refusing a body, read (and drop) at most this much more before closing the connection. */
const LINGER_BYTES = 16 * 1024 * 1024;

const tooLarge = (max: number) =>
  new DomainError('PAYLOAD_TOO_LARGE', `The upload is larger than ${Math.floor(max / 1024 / 1024)} MB.`, [
    { path: 'file', message: `The file is larger than the limit of ${Math.floor(max / 1024 / 1024)} MB.` },
  ]);

/**
 * Lets the client finish sending what it started (so it can read our 413: a reset connection
 * would hide it), but only up to LINGER_BYTES; a client that keeps sending is cut off.
 */
function drain(req: IncomingMessage) {
  let dropped = 0;
  req.removeAllListeners('data');
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > LINGER_BYTES) req.socket.destroy();
  });
  req.on('error', () => undefined);
  req.resume();
}

function readNode(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > max) {
      drain(req);
      reject(tooLarge(max));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        chunks.length = 0;
        req.off('end', onEnd);
        drain(req);
        reject(tooLarge(max));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks, size));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
    req.on('aborted', () => reject(new DomainError('BAD_REQUEST', 'The upload was interrupted.')));
  });
}

async function readWeb(body: ReadableStream<Uint8Array> | null, max: number): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/**
 * The request's multipart form, read with at most `max` bytes. 415 when it is not
 * multipart/form-data, 413 past the cap, 400 when it cannot be parsed.
 */
export async function readMultipartForm(c: Context, max: number): Promise<FormData> {
  const contentType = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data\s*;\s*boundary=/i.test(contentType)) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the photo as multipart/form-data.');
  }
  // straight from Node when served by main.ts (no WHATWG stream in between); a Request otherwise
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const bytes = incoming ? await readNode(incoming, max) : await readWeb(c.req.raw.body, max);
  try {
    // Buffer.concat always allocates a plain ArrayBuffer
    return await new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: { 'content-type': contentType },
    }).formData();
  } catch {
    throw new DomainError('BAD_REQUEST', 'The upload could not be read as multipart/form-data.');
  }
}
