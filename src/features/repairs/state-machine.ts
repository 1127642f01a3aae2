/**
 * Repair order status machine: the single source of truth for which status changes are legal,
 * who may make them, and what they must supply (a reason, a QC note).
 */

export const REPAIR_STATUSES = [
  'booked',
  'received',
  'diagnosing',
  'awaiting_approval',
  'repairing',
  'quality_check',
  'ready_for_collection',
  'collected',
  'cancelled',
] as const;
export type RepairStatus = (typeof REPAIR_STATUSES)[number];

export const STAFF_ROLES = ['customer', 'technician', 'manager', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export type TransitionRequirement = 'reason' | 'qc_note';

export interface TransitionRule {
  from: RepairStatus;
  to: RepairStatus;
  /** Lowest role allowed; every higher role is allowed too (customer < technician < manager < admin). */
  minRole: StaffRole;
  requires?: TransitionRequirement[];
}

const ROLE_RANK: Record<StaffRole, number> = { customer: 0, technician: 1, manager: 2, admin: 3 };

/** True when `role` is at least `minRole`. */
export function hasRole(role: StaffRole, minRole: StaffRole): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minRole];
}

const rule = (
  from: RepairStatus,
  to: RepairStatus,
  minRole: StaffRole,
  requires?: TransitionRequirement[],
): TransitionRule => Object.freeze(requires ? { from, to, minRole, requires } : { from, to, minRole });

/**
 * Every legal transition. Anything not listed is ILLEGAL_TRANSITION.
 * - Forward workflow: technician+. `ready_for_collection` needs a QC note.
 * - Backward steps: technician+, reason required.
 * - Cancel: customers (and staff) from `booked` with no reason; staff from `received` onwards
 *   with a reason; manager+ once repair work has started (repairing and later).
 */
export const TRANSITIONS: readonly TransitionRule[] = Object.freeze([
  // forward
  rule('booked', 'received', 'technician'),
  rule('received', 'diagnosing', 'technician'),
  rule('diagnosing', 'awaiting_approval', 'technician'),
  rule('diagnosing', 'repairing', 'technician'), // quote unchanged, no approval needed
  rule('awaiting_approval', 'repairing', 'technician'),
  rule('repairing', 'quality_check', 'technician'),
  rule('quality_check', 'ready_for_collection', 'technician', ['qc_note']),
  rule('ready_for_collection', 'collected', 'technician'),
  // backward
  rule('awaiting_approval', 'diagnosing', 'technician', ['reason']), // re-diagnose
  rule('repairing', 'awaiting_approval', 'technician', ['reason']), // revised quote needed
  rule('quality_check', 'repairing', 'technician', ['reason']), // QC failed
  rule('ready_for_collection', 'repairing', 'technician', ['reason']), // issue found
  // cancellation
  rule('booked', 'cancelled', 'customer'),
  rule('received', 'cancelled', 'technician', ['reason']),
  rule('diagnosing', 'cancelled', 'technician', ['reason']),
  rule('awaiting_approval', 'cancelled', 'technician', ['reason']),
  rule('repairing', 'cancelled', 'manager', ['reason']),
  rule('quality_check', 'cancelled', 'manager', ['reason']),
  rule('ready_for_collection', 'cancelled', 'manager', ['reason']),
]);

const TERMINAL: ReadonlySet<RepairStatus> = new Set<RepairStatus>(['collected', 'cancelled']);

export function isTerminal(status: RepairStatus): boolean {
  return TERMINAL.has(status);
}

function findRule(from: RepairStatus, to: RepairStatus): TransitionRule | undefined {
  return TRANSITIONS.find((r) => r.from === from && r.to === to);
}

/** Rules out of `from` that `role` may use (requirements still apply). */
export function allowedTransitions(from: RepairStatus, role: StaffRole): TransitionRule[] {
  return TRANSITIONS.filter((r) => r.from === from && hasRole(role, r.minRole));
}

/** Whether `role` may move `from` → `to`, ignoring reason/QC-note requirements. */
export function canTransition(from: RepairStatus, to: RepairStatus, role: StaffRole): boolean {
  const r = findRule(from, to);
  return r !== undefined && hasRole(role, r.minRole);
}

export type TransitionErrorCode = 'ILLEGAL_TRANSITION' | 'FORBIDDEN' | 'MISSING_REQUIREMENT';

export class TransitionError extends Error {
  override readonly name = 'TransitionError';
  constructor(
    readonly code: TransitionErrorCode,
    readonly from: RepairStatus,
    readonly to: RepairStatus,
    message?: string,
    /** For MISSING_REQUIREMENT: what was missing. */
    readonly missing?: TransitionRequirement[],
  ) {
    super(message ?? `${code}: ${from} -> ${to}`);
  }
}

export interface TransitionContext {
  role: StaffRole;
  reason?: string;
  qcNote?: string;
}

/** Trimmed value, or undefined when missing or blank. */
const trimmed = (s: string | undefined): string | undefined => {
  const t = s?.trim();
  return t ? t : undefined;
};
const present = (s: string | undefined): boolean => trimmed(s) !== undefined;

/**
 * Why this move is refused, or null when it is allowed: ILLEGAL_TRANSITION (no such edge),
 * FORBIDDEN (role too low), MISSING_REQUIREMENT (blank reason / QC note). Checked in that order.
 */
export function transitionRefusal(
  from: RepairStatus,
  to: RepairStatus,
  ctx: TransitionContext,
): TransitionError | null {
  const r = findRule(from, to);
  if (!r) {
    return new TransitionError('ILLEGAL_TRANSITION', from, to, `Cannot move from ${from} to ${to}`);
  }
  if (!hasRole(ctx.role, r.minRole)) {
    return new TransitionError(
      'FORBIDDEN',
      from,
      to,
      `Role ${ctx.role} may not move from ${from} to ${to} (needs ${r.minRole})`,
    );
  }
  const missing = (r.requires ?? []).filter((req) =>
    req === 'reason' ? !present(ctx.reason) : !present(ctx.qcNote),
  );
  if (missing.length > 0) {
    return new TransitionError(
      'MISSING_REQUIREMENT',
      from,
      to,
      `Moving from ${from} to ${to} requires: ${missing.join(', ')}`,
      missing,
    );
  }
  return null;
}

/** Returns the matching rule, or throws the TransitionError of `transitionRefusal`. */
export function assertTransition(
  from: RepairStatus,
  to: RepairStatus,
  ctx: TransitionContext,
): TransitionRule {
  const refusal = transitionRefusal(from, to, ctx);
  if (refusal) throw refusal;
  return findRule(from, to)!;
}

/**
 * 0..100 for a customer-facing progress bar. `cancelled` is 0: the UI should render a cancelled
 * state instead of a bar.
 */
export const STATUS_PROGRESS: Readonly<Record<RepairStatus, number>> = Object.freeze({
  booked: 5,
  received: 15,
  diagnosing: 30,
  awaiting_approval: 45,
  repairing: 60,
  quality_check: 80,
  ready_for_collection: 95,
  collected: 100,
  cancelled: 0,
});

/** How long an order may sit in a status before it is flagged overdue. */
export const STATUS_TIME_LIMIT_HOURS: Readonly<Partial<Record<RepairStatus, number>>> = Object.freeze({
  received: 24,
  diagnosing: 48,
  awaiting_approval: 72,
  repairing: 72,
  quality_check: 24,
});

/** True when the order has been in `status` for strictly longer than its limit. */
export function isOverdue(
  status: RepairStatus,
  enteredAt: Date,
  now: Date,
  limits: Partial<Record<RepairStatus, number>> = STATUS_TIME_LIMIT_HOURS,
): boolean {
  if (isTerminal(status)) return false;
  const hours = limits[status];
  if (hours === undefined) return false;
  return now.getTime() - enteredAt.getTime() > hours * 3_600_000;
}

export interface TimelineEvent {
  type: 'status_changed' | 'created' | 'note';
  /** ISO 8601 instant. */
  at: string;
  from?: RepairStatus;
  to?: RepairStatus;
  actor: string;
  reason?: string;
  qcNote?: string;
}

export interface RepairState {
  status: RepairStatus;
  timeline: TimelineEvent[];
}

export interface ApplyTransitionContext extends TransitionContext {
  actor: string;
  at: Date;
}

/**
 * Validates and applies a transition, returning a new state (other fields of `state` are kept)
 * with a `status_changed` event appended. Never mutates `state`. Throws TransitionError.
 */
export function applyTransition<S extends RepairState>(
  state: S,
  to: RepairStatus,
  ctx: ApplyTransitionContext,
): S {
  assertTransition(state.status, to, ctx);
  const event: TimelineEvent = {
    type: 'status_changed',
    at: ctx.at.toISOString(),
    from: state.status,
    to,
    actor: ctx.actor,
  };
  const reason = trimmed(ctx.reason);
  const qcNote = trimmed(ctx.qcNote);
  if (reason) event.reason = reason;
  if (qcNote) event.qcNote = qcNote;
  return { ...state, status: to, timeline: [...state.timeline, event] };
}
