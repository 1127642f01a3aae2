/**
 * An order's path through the repair workflow (features/repairs/state-machine.ts) with
 * plausible durations: received, diagnosing, sometimes awaiting approval (a revised quote),
 * repairing, quality check (sometimes failed once), ready, collected. Steps after `now` are
 * cut off by the caller, which leaves an open queue, some of it overdue.
 */
import type { RepairStatus } from '@/features/repairs/state-machine';
import type { Random } from './random';

export interface Step {
  from: RepairStatus;
  to: RepairStatus;
  at: Date;
  message?: string;
  qcNote?: string;
}

export interface WorkflowInput {
  receivedAt: Date;
  /** the quote's promised turnaround */
  turnaroundHours: number;
  urgency: string;
  /** the technician's pace (>1 slower) */
  pace: number;
  /** extra part or labour lines: the work goes through a revised quote */
  needsApproval: boolean;
}

export interface Workflow {
  steps: Step[];
  /** cancelled by the shop after diagnosis (the customer declined, or it was beyond repair) */
  cancelled: boolean;
}

const HOUR = 3_600_000;

export function planWorkflow(rng: Random, w: WorkflowInput): Workflow {
  const rush = w.urgency === 'standard' ? 1 : 0.35;
  // one order in ten waits somewhere much longer than usual (a part on back order, no answer)
  const stuckAt = rng.chance(0.1) ? rng.int(0, 3) : -1;
  const slow = (i: number) => (i === stuckAt ? rng.between(3, 6) : 1);
  const steps: Step[] = [];
  let t = w.receivedAt.getTime();
  const go = (from: RepairStatus, to: RepairStatus, hours: number, extra: Partial<Step> = {}) => {
    t += Math.max(0.05, hours) * HOUR;
    steps.push({ from, to, at: new Date(t), ...extra });
  };

  go('received', 'diagnosing', rng.skewed(2, 0.8) * rush * slow(0));
  if (rng.chance(0.025)) {
    go('diagnosing', 'cancelled', rng.skewed(6, 0.6), { message: 'Beyond economical repair.' });
    return { steps, cancelled: true };
  }
  if (w.needsApproval) {
    go('diagnosing', 'awaiting_approval', rng.skewed(4, 0.6) * w.pace * rush);
    if (rng.chance(0.08)) {
      go('awaiting_approval', 'cancelled', rng.skewed(30, 0.5), {
        message: 'The customer declined the revised quote.',
      });
      return { steps, cancelled: true };
    }
    go('awaiting_approval', 'repairing', rng.skewed(14, 0.7) * slow(1));
  } else {
    go('diagnosing', 'repairing', rng.skewed(3, 0.7) * w.pace * rush * slow(1));
  }
  const repairHours = Math.max(1, w.turnaroundHours * 0.45) * w.pace * rush;
  go('repairing', 'quality_check', rng.skewed(repairHours, 0.5) * slow(2));
  if (rng.chance(0.04 * w.pace)) {
    go('quality_check', 'repairing', rng.skewed(1, 0.5), {
      message: 'Failed quality check: reseating the part.',
    });
    go('repairing', 'quality_check', rng.skewed(2, 0.5));
  }
  go('quality_check', 'ready_for_collection', rng.skewed(1.2, 0.6) * slow(3), {
    qcNote: 'Tested: display, touch, cameras, charging, speakers.',
  });
  go('ready_for_collection', 'collected', rng.skewed(20, 1.0));
  return { steps, cancelled: false };
}
