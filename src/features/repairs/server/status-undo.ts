/**
 * What a staff member's own status move keeps so that they can take it back for a short while
 * (`undoStatusChange`): the order version the move produced (anything written to the order
 * after it moves the version on, and then the move can no longer be undone) and the fields the
 * move overwrote. Kept in the move's timeline event (`data.undo`), which customers never see.
 */
import type { OrderRow } from './lock-order';

/** How long after a move its author may undo it. */
export const STATUS_UNDO_WINDOW_MS = 30_000;

/** Given to the caller of a move: the event to name in the undo, and until when it is possible. */
export interface StatusUndo {
  eventId: number;
  /** ISO 8601 instant */
  until: string;
}

export interface UndoMarker {
  /** the order's version right after the move */
  version: number;
  statusEnteredAt: string;
  receivedAt: string | null;
  receivedBy: string | null;
  collectedAt: string | null;
  warrantyEndsAt: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function undoMarker(before: OrderRow, after: OrderRow): UndoMarker {
  return {
    version: after.version,
    statusEnteredAt: before.statusEnteredAt.toISOString(),
    receivedAt: iso(before.receivedAt),
    receivedBy: before.receivedBy,
    collectedAt: iso(before.collectedAt),
    warrantyEndsAt: iso(before.warrantyEndsAt),
  };
}

/** The marker of an event's data, or null when the event's move cannot be undone. */
export function readUndoMarker(data: unknown): UndoMarker | null {
  const undo = (data as { undo?: Partial<UndoMarker> } | null)?.undo;
  if (!undo || typeof undo.version !== 'number' || typeof undo.statusEnteredAt !== 'string') return null;
  return {
    version: undo.version,
    statusEnteredAt: undo.statusEnteredAt,
    receivedAt: undo.receivedAt ?? null,
    receivedBy: undo.receivedBy ?? null,
    collectedAt: undo.collectedAt ?? null,
    warrantyEndsAt: undo.warrantyEndsAt ?? null,
  };
}
