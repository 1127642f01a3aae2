'use client';
/**
 * The staff console's offline changes: status changes, notes and intake entries that could not
 * reach the server (offline, or a network error) wait in the outbox (queue 'console', scope =
 * the order id) and are sent in order when the connection returns.
 *
 * - Every item's id is its Idempotency-Key; notes are stored once however often they are sent.
 * - Status and intake changes carry `expectedVersion`, the order version the technician saw.
 *   The server refuses a stale one (409 VERSION_CONFLICT with the current state): the item is
 *   then kept as a 'conflict' for its author to decide (see conflict-dialog.tsx), never sent
 *   over the other person's change.
 * - Changes queued on top of each other (two status moves offline) were based on the same
 *   version plus the author's own earlier changes: when one is sent, the later ones of the same
 *   order move on to the version the server answered.
 */
import {
  addToOutbox,
  flushOutbox,
  listOutbox,
  updateOutboxItem,
  type FlushSummary,
  type OutboxItem,
  type SendOutcome,
} from '@/features/offline/components';
import type { RepairStatus } from '@/features/repairs';

export type ConsoleChangeKind = 'status' | 'note' | 'message' | 'intake';

/** What the console keeps about a change to show it (the request itself is url + body). */
export interface ConsoleChange {
  kind: ConsoleChangeKind;
  orderId: string;
  /** the order's reference, for the list of waiting changes */
  reference: string;
  body: Record<string, unknown>;
  /** e.g. "RT-4K7Q2Z: Start diagnosis" */
  label: string;
  authorId: string;
  /** never kept on this device (an intake with a passcode): 'unreachable' instead of queued */
  neverQueue?: boolean;
}

const PATHS: Record<ConsoleChangeKind, string> = {
  status: 'status',
  note: 'notes',
  message: 'messages',
  intake: 'intake',
};

/** The kind of a queued item, read from its url. */
export function changeKind(item: Pick<OutboxItem, 'url'>): ConsoleChangeKind {
  const last = item.url.split('/').pop();
  const found = (Object.keys(PATHS) as ConsoleChangeKind[]).find((k) => PATHS[k] === last);
  return found ?? 'note';
}

/** The order reference kept in the item's headers (never sent: see `send`). */
const REFERENCE_HEADER = 'x-console-reference';

export function itemReference(item: OutboxItem): string {
  return item.headers?.[REFERENCE_HEADER] ?? '';
}

export function itemBody(item: OutboxItem): Record<string, unknown> {
  return (item.body ?? {}) as Record<string, unknown>;
}

/** The status a queued status change (or intake: received) moves the order to. */
export function itemTargetStatus(item: OutboxItem): RepairStatus | null {
  const kind = changeKind(item);
  if (kind === 'intake') return 'received';
  if (kind === 'status') return (itemBody(item).to as RepairStatus | undefined) ?? null;
  return null;
}

export function isPending(item: OutboxItem): boolean {
  return item.state === 'waiting' || item.state === 'sending';
}

function newId(): string {
  return crypto.randomUUID();
}

function request(item: OutboxItem): RequestInit {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': item.id };
  for (const [k, v] of Object.entries(item.headers ?? {})) if (k !== REFERENCE_HEADER) headers[k] = v;
  return { method: item.method, headers, body: JSON.stringify(item.body), credentials: 'same-origin' };
}

/** Whether an order already has changes waiting (a new one must queue behind them). */
export async function hasWaitingChanges(orderId: string): Promise<boolean> {
  const items = await listOutbox('console');
  return items.some((i) => i.scope === orderId);
}

export async function queueChange(change: ConsoleChange): Promise<OutboxItem> {
  return addToOutbox({
    id: newId(),
    queue: 'console',
    scope: change.orderId,
    method: 'POST',
    url: `/api/staff/orders/${change.orderId}/${PATHS[change.kind]}`,
    body: change.body,
    headers: { [REFERENCE_HEADER]: change.reference },
    label: change.label,
    authorId: change.authorId,
  });
}

export type SubmitResult =
  | { outcome: 'sent'; response: Response }
  | { outcome: 'queued'; item: OutboxItem }
  | { outcome: 'refused'; response: Response }
  | { outcome: 'unreachable' };

/**
 * Sends a change now when that can work, else keeps it in the outbox: offline, when earlier
 * changes of the same order still wait (order is kept), or when the request fails on the way
 * (no answer at all). An answer from the server (even a refusal) is returned as it is.
 */
export async function submitChange(change: ConsoleChange): Promise<SubmitResult> {
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  if (offline && change.neverQueue) return { outcome: 'unreachable' };
  if (offline || (await hasWaitingChanges(change.orderId).catch(() => false))) {
    return { outcome: 'queued', item: await queueChange(change) };
  }
  const id = newId();
  let response: Response;
  try {
    response = await fetch(`/api/staff/orders/${change.orderId}/${PATHS[change.kind]}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': id },
      body: JSON.stringify(change.body),
      credentials: 'same-origin',
    });
  } catch {
    if (change.neverQueue) return { outcome: 'unreachable' };
    // the same key: if the request did reach the server, a note is not stored twice
    const item = await addToOutbox({
      id,
      queue: 'console',
      scope: change.orderId,
      method: 'POST',
      url: `/api/staff/orders/${change.orderId}/${PATHS[change.kind]}`,
      body: change.body,
      headers: { [REFERENCE_HEADER]: change.reference },
      label: change.label,
      authorId: change.authorId,
    });
    return { outcome: 'queued', item };
  }
  // a service worker's "offline" answer or a proxy with no upstream: not the API's answer
  if (response.status === 502 || response.status === 503 || response.status === 504) {
    if (change.neverQueue) return { outcome: 'unreachable' };
    return { outcome: 'queued', item: await queueChange(change) };
  }
  return response.ok ? { outcome: 'sent', response } : { outcome: 'refused', response };
}

async function readJson(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return null;
  }
}

/**
 * The refusal code of an item made by another person who used this device: it is never sent
 * with the signed-in person's session (it would be recorded as theirs). It waits, marked, until
 * its author signs in here again (`releaseOwnItems`).
 */
export const OTHER_AUTHOR = 'OTHER_AUTHOR';

/** Sends one queued item for `userId` (the signed-in person); what the outbox should do with it. */
export async function sendConsoleItem(item: OutboxItem, userId: string): Promise<SendOutcome> {
  if (item.authorId && item.authorId !== userId) {
    return { result: 'failed', lastError: { status: 0, body: { code: OTHER_AUTHOR } } };
  }
  let res: Response;
  try {
    res = await fetch(item.url, request(item));
  } catch (error) {
    return {
      result: 'keep',
      lastError: { status: 0, body: error instanceof Error ? error.message : String(error) },
    };
  }
  const body = await readJson(res);
  if (res.ok) {
    await carryVersion(item, body);
    return 'sent';
  }
  const code = (body as { code?: string } | null)?.code;
  if (res.status === 409 && code === 'VERSION_CONFLICT') {
    return { result: 'conflict', lastError: { status: res.status, body } };
  }
  // signed out, rate-limited or the server unwell: try again later, in the same order
  if (res.status === 401 || res.status === 429 || res.status >= 500) {
    return { result: 'keep', lastError: { status: res.status, body } };
  }
  // refused for good (an illegal move now, a field wrong, not yours any more): the author decides
  return { result: 'failed', lastError: { status: res.status, body } };
}

/** After a change went through: later changes of the order based on the same version follow it. */
async function carryVersion(sent: OutboxItem, answer: unknown): Promise<void> {
  const basedOn = itemBody(sent).expectedVersion;
  const now = (answer as { version?: unknown } | null)?.version;
  if (typeof basedOn !== 'number' || typeof now !== 'number') return;
  const later = (await listOutbox('console')).filter(
    (i) => i.id !== sent.id && i.scope === sent.scope && itemBody(i).expectedVersion === basedOn,
  );
  for (const i of later) await updateOutboxItem(i.id, { body: { ...itemBody(i), expectedVersion: now } });
}

/** Sends what waits, oldest first (one flusher across tabs), as `userId`. */
export function flushConsole(userId: string): Promise<FlushSummary> {
  return flushOutbox('console', (item) => sendConsoleItem(item, userId));
}

/** The author is back: their changes held for another person's session wait again. */
export async function releaseOwnItems(userId: string): Promise<number> {
  const held = (await listOutbox('console')).filter(
    (i) =>
      i.authorId === userId &&
      i.state === 'failed' &&
      (i.lastError?.body as { code?: string } | null)?.code === OTHER_AUTHOR,
  );
  for (const i of held) await updateOutboxItem(i.id, { state: 'waiting', lastError: undefined });
  return held.length;
}

/** The current state the server sent with a VERSION_CONFLICT. */
export interface TheirState {
  status: RepairStatus;
  version: number;
  assignedTechnicianId: string | null;
  updatedAt: string;
  statusEnteredAt: string;
}

export function theirState(item: OutboxItem): TheirState | null {
  const current = (item.lastError?.body as { current?: TheirState } | null)?.current;
  return current && typeof current.version === 'number' ? current : null;
}

/** Puts a conflicting or failed item back in line, based on `version` (and with `body` edits). */
export async function retryOnTop(
  item: OutboxItem,
  version: number | null,
  patch: Record<string, unknown> = {},
  label?: string,
): Promise<void> {
  const body = { ...itemBody(item), ...patch };
  if (version !== null && (changeKind(item) === 'status' || changeKind(item) === 'intake')) {
    body.expectedVersion = version;
  }
  await updateOutboxItem(item.id, {
    body,
    state: 'waiting',
    lastError: undefined,
    ...(label ? { label } : {}),
  });
}
