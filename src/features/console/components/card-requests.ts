'use client';
/**
 * The phone queue's requests: a status move goes through the console outbox like every other
 * status change (offline it waits there, with the version it was based on), taking a job and
 * the undos go straight to the API (they only make sense online and at once).
 */
import { readProblem, type ProblemBody } from '@/components/api-problem';
import { getOutboxItem, removeFromOutbox } from '@/features/offline/components';
import type { RepairStatus } from '@/features/repairs';
import type { StaffOrderState, StaffStatusChange } from '@/features/repairs/schemas';
import { submitChange } from './console-outbox';

export type CardResult<T> =
  | { kind: 'done'; state: T }
  | { kind: 'queued'; itemId: string }
  | { kind: 'refused'; problem: ProblemBody }
  | { kind: 'unreachable' };

const offlineProblem = (detail: string): ProblemBody => ({ status: 0, code: 'OFFLINE', detail });

async function post<T>(url: string, body: unknown, offlineDetail: string): Promise<CardResult<T>> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    return { kind: 'refused', problem: offlineProblem(offlineDetail) };
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    return { kind: 'refused', problem: offlineProblem(offlineDetail) };
  }
  if (!res.ok) return { kind: 'refused', problem: await readProblem(res) };
  return { kind: 'done', state: (await res.json()) as T };
}

export async function moveOrder(input: {
  orderId: string;
  reference: string;
  to: RepairStatus;
  version: number;
  qcNote?: string;
  label: string;
  userId: string;
}): Promise<CardResult<StaffStatusChange>> {
  const result = await submitChange({
    kind: 'status',
    orderId: input.orderId,
    reference: input.reference,
    body: {
      to: input.to,
      expectedVersion: input.version,
      ...(input.qcNote ? { qcNote: input.qcNote } : {}),
    },
    label: input.label,
    authorId: input.userId,
  }).catch(() => null);
  if (!result || result.outcome === 'unreachable') return { kind: 'unreachable' };
  if (result.outcome === 'queued') return { kind: 'queued', itemId: result.item.id };
  if (result.outcome === 'refused') return { kind: 'refused', problem: await readProblem(result.response) };
  return { kind: 'done', state: (await result.response.json()) as StaffStatusChange };
}

export function takeOrder(orderId: string, userId: string, version: number, offlineDetail: string) {
  return post<StaffOrderState>(
    `/api/staff/orders/${orderId}/assign`,
    { technicianId: userId, expectedVersion: version },
    offlineDetail,
  );
}

/** The undo of "take it": the job is unassigned again, if nothing changed since. */
export function releaseOrder(orderId: string, version: number, offlineDetail: string) {
  return post<StaffOrderState>(
    `/api/staff/orders/${orderId}/assign`,
    { technicianId: null, expectedVersion: version },
    offlineDetail,
  );
}

export function undoMove(orderId: string, eventId: number, offlineDetail: string) {
  return post<StaffOrderState>(`/api/staff/orders/${orderId}/status/undo`, { eventId }, offlineDetail);
}

/** The undo of a move still waiting in the outbox: it is taken out before it is sent. */
export async function unqueueMove(itemId: string): Promise<boolean> {
  const item = await getOutboxItem(itemId);
  if (!item || item.state === 'sending') return false;
  await removeFromOutbox(itemId);
  return true;
}
