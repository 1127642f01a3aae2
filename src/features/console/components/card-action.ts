/**
 * What a swipe (or the card's button) does to an order in the phone queue, from the state
 * machine and the caller's role: take an unassigned job, move it one step forward, ask which
 * step when there are two, ask for the QC note a move needs, or refuse with the reason. The
 * server checks the same rules again; this only decides what to offer.
 */
import {
  allowedTransitions,
  isTerminal,
  REPAIR_STATUSES,
  type RepairStatus,
  type StaffRole,
} from '@/features/repairs';

export interface CardOrder {
  status: RepairStatus;
  assignedTechnician: { id: string; name: string } | null;
}

export interface CardCaller {
  id: string;
  role: StaffRole;
}

export type RefusalReason = 'finished' | 'notYours' | 'noMove';

export type CardAction =
  /** assign the job to the caller */
  | { kind: 'take' }
  /** a booked device is received through the intake form (condition, accessories, passcode) */
  | { kind: 'intake' }
  | { kind: 'move'; to: RepairStatus }
  /** the move needs a QC note first */
  | { kind: 'note'; to: RepairStatus }
  /** two forward moves: the person picks one */
  | { kind: 'choose'; options: RepairStatus[] }
  | { kind: 'refused'; reason: RefusalReason; name?: string };

const rank = (s: RepairStatus) => REPAIR_STATUSES.indexOf(s);

/** The forward moves `role` may make from `status` (never cancelling, never a step back). */
export function forwardMoves(status: RepairStatus, role: StaffRole) {
  return allowedTransitions(status, role).filter((r) => r.to !== 'cancelled' && rank(r.to) > rank(status));
}

export function cardAction(order: CardOrder, me: CardCaller): CardAction {
  if (isTerminal(order.status)) return { kind: 'refused', reason: 'finished' };
  const manager = me.role === 'manager' || me.role === 'admin';
  if (!order.assignedTechnician) return { kind: 'take' };
  if (order.assignedTechnician.id !== me.id && !manager) {
    return { kind: 'refused', reason: 'notYours', name: order.assignedTechnician.name };
  }
  if (order.status === 'booked') return { kind: 'intake' };
  const moves = forwardMoves(order.status, me.role);
  if (moves.length === 0) return { kind: 'refused', reason: 'noMove' };
  if (moves.length > 1) return { kind: 'choose', options: moves.map((m) => m.to) };
  const only = moves[0]!;
  if (only.requires?.includes('qc_note')) return { kind: 'note', to: only.to };
  // a forward move that needs a reason does not exist; were one added, the dialog asks for it
  if (only.requires?.length) return { kind: 'note', to: only.to };
  return { kind: 'move', to: only.to };
}
