/**
 * Writes one row of the append-only audit log. Call it with the action's own transaction where
 * the action has one, so the action and its audit row commit (or roll back) together.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage } from 'node:http';
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { env } from '@/env';
import type { Db } from '@/server/db/runtime';
import { auditEvents, user } from '@/server/db/schema';
import type { AuditEventType } from '../types';

export interface AuditRequest {
  ip: string | null;
  userAgent: string | null;
}

export interface AuditActor {
  id: string;
  /** looked up from the user table when left out */
  email?: string | null;
  role?: string | null;
}

export interface AuditInput {
  type: AuditEventType;
  actor?: AuditActor | null;
  target?: { type: string; id: string } | null;
  request?: AuditRequest | null;
  details?: Record<string, unknown>;
}

/** Who made an admin change and from where, handed by a route to the domain that records it. */
export interface AuditedBy {
  actor: AuditActor | null;
  request: AuditRequest | null;
}

const MAX_USER_AGENT = 500;

/**
 * The caller's address and user agent. The socket address is used unless TRUST_PROXY is set;
 * then the first hop of X-Forwarded-For (the client as the proxy saw it) wins.
 */
export function auditRequestFrom(c: Context): AuditRequest {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  let ip = incoming?.socket.remoteAddress ?? null;
  if (env.TRUST_PROXY) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) ip = forwarded.slice(0, 100);
  }
  const userAgent = c.req.header('user-agent')?.slice(0, MAX_USER_AGENT) ?? null;
  return { ip, userAgent };
}

/** The request of the better-auth call in progress (set around its handler by betterAuthApi in auth/api.ts). */
const authRequest = new AsyncLocalStorage<AuditRequest>();

export function withAuditRequest<T>(request: AuditRequest, fn: () => T): T {
  return authRequest.run(request, fn);
}

export function currentAuditRequest(): AuditRequest | null {
  return authRequest.getStore() ?? null;
}

export async function recordAudit(db: Db, input: AuditInput): Promise<void> {
  let actor = input.actor ?? null;
  if (actor && actor.email === undefined) {
    const [u] = await db
      .select({ email: user.email, role: user.role })
      .from(user)
      .where(eq(user.id, actor.id));
    actor = { id: actor.id, email: u?.email ?? null, role: actor.role ?? u?.role ?? null };
  }
  const request = input.request ?? null;
  await db.insert(auditEvents).values({
    type: input.type,
    actorUserId: actor?.id ?? null,
    actorEmail: actor?.email ?? null,
    actorRole: actor?.role ?? null,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    ip: request?.ip ?? null,
    userAgent: request?.userAgent ?? null,
    details: input.details ?? {},
  });
}
