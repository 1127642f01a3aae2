import { describe, it, expect } from 'vitest';
import {
  REPAIR_STATUSES,
  STATUS_PROGRESS,
  STATUS_TIME_LIMIT_HOURS,
  TRANSITIONS,
  TransitionError,
  allowedTransitions,
  applyTransition,
  assertTransition,
  transitionRefusal,
  canTransition,
  isOverdue,
  isTerminal,
  type RepairStatus,
  type StaffRole,
  type TimelineEvent,
} from './state-machine';

const ROLES: StaffRole[] = ['customer', 'technician', 'manager', 'admin'];
type Req = 'reason' | 'qc_note';

/**
 * Expected table, written out independently of the implementation:
 * `from>to` => [minRole, requirements]. Every pair not listed must be illegal.
 */
const EXPECTED: Record<string, [StaffRole, Req[]]> = {
  'booked>received': ['technician', []],
  'received>diagnosing': ['technician', []],
  'diagnosing>awaiting_approval': ['technician', []],
  'diagnosing>repairing': ['technician', []],
  'awaiting_approval>repairing': ['technician', []],
  'repairing>quality_check': ['technician', []],
  'quality_check>ready_for_collection': ['technician', ['qc_note']],
  'ready_for_collection>collected': ['technician', []],
  'awaiting_approval>diagnosing': ['technician', ['reason']],
  'repairing>awaiting_approval': ['technician', ['reason']],
  'quality_check>repairing': ['technician', ['reason']],
  'ready_for_collection>repairing': ['technician', ['reason']],
  'booked>cancelled': ['customer', []],
  'received>cancelled': ['technician', ['reason']],
  'diagnosing>cancelled': ['technician', ['reason']],
  'awaiting_approval>cancelled': ['technician', ['reason']],
  'repairing>cancelled': ['manager', ['reason']],
  'quality_check>cancelled': ['manager', ['reason']],
  'ready_for_collection>cancelled': ['manager', ['reason']],
};
const RANK: Record<StaffRole, number> = { customer: 0, technician: 1, manager: 2, admin: 3 };

const cases = REPAIR_STATUSES.flatMap((from) =>
  REPAIR_STATUSES.flatMap((to) => ROLES.map((role) => ({ from, to, role }))),
);

function thrown(fn: () => unknown): TransitionError | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof TransitionError) return e;
    throw e;
  }
  return undefined;
}

describe('transition table (every from × to × role)', () => {
  it('covers all 9 × 9 × 4 combinations', () => {
    expect(cases).toHaveLength(324);
  });

  it('TRANSITIONS matches the expected table exactly', () => {
    const actual = Object.fromEntries(
      TRANSITIONS.map((r) => [`${r.from}>${r.to}`, [r.minRole, r.requires ?? []]]),
    );
    expect(actual).toEqual(EXPECTED);
    expect(TRANSITIONS).toHaveLength(Object.keys(EXPECTED).length); // no duplicates
  });

  it.each(cases)('$from -> $to as $role', ({ from, to, role }) => {
    const exp = EXPECTED[`${from}>${to}`];
    const allowed = exp !== undefined && RANK[role] >= RANK[exp[0]];
    expect(canTransition(from, to, role)).toBe(allowed);
    expect(allowedTransitions(from, role).some((r) => r.to === to)).toBe(allowed);

    // With every requirement satisfied, assertTransition agrees with canTransition.
    const full = { role, reason: 'because', qcNote: 'all tests passed' };
    const err = thrown(() => assertTransition(from, to, full));
    if (allowed) {
      expect(err).toBeUndefined();
      expect(assertTransition(from, to, full)).toMatchObject({ from, to });
    } else {
      expect(err?.code).toBe(exp === undefined ? 'ILLEGAL_TRANSITION' : 'FORBIDDEN');
      expect(err?.from).toBe(from);
      expect(err?.to).toBe(to);
    }

    // With nothing supplied, only requirement-free allowed transitions succeed.
    const bare = thrown(() => assertTransition(from, to, { role }));
    if (allowed && exp[1].length > 0) {
      expect(bare?.code).toBe('MISSING_REQUIREMENT');
      expect(bare?.missing).toEqual(exp[1]);
    } else {
      expect(bare?.code).toBe(err?.code);
    }
  });
});

describe('role rules', () => {
  it('customers can only cancel from booked', () => {
    for (const from of REPAIR_STATUSES) {
      const tos = allowedTransitions(from, 'customer').map((r) => r.to);
      expect(tos).toEqual(from === 'booked' ? ['cancelled'] : []);
    }
    expect(() => assertTransition('booked', 'cancelled', { role: 'customer' })).not.toThrow();
  });

  it('technicians cannot cancel once repairing has started; managers can', () => {
    for (const from of ['repairing', 'quality_check', 'ready_for_collection'] as const) {
      expect(canTransition(from, 'cancelled', 'technician')).toBe(false);
      expect(canTransition(from, 'cancelled', 'manager')).toBe(true);
      expect(canTransition(from, 'cancelled', 'admin')).toBe(true);
    }
  });

  it('ready_for_collection requires a non-blank qc note', () => {
    const e = thrown(() =>
      assertTransition('quality_check', 'ready_for_collection', {
        role: 'technician',
        qcNote: '  ',
      }),
    );
    expect(e?.code).toBe('MISSING_REQUIREMENT');
    expect(e?.missing).toEqual(['qc_note']);
    // a reason is not a substitute for a qc note
    expect(
      thrown(() =>
        assertTransition('quality_check', 'ready_for_collection', {
          role: 'technician',
          reason: 'x',
        }),
      )?.code,
    ).toBe('MISSING_REQUIREMENT');
  });

  it('backward steps require a reason', () => {
    const back: Array<[RepairStatus, RepairStatus]> = [
      ['awaiting_approval', 'diagnosing'],
      ['repairing', 'awaiting_approval'],
      ['quality_check', 'repairing'],
      ['ready_for_collection', 'repairing'],
    ];
    for (const [from, to] of back) {
      expect(thrown(() => assertTransition(from, to, { role: 'admin' }))?.code).toBe('MISSING_REQUIREMENT');
      expect(assertTransition(from, to, { role: 'technician', reason: 'x' }).to).toBe(to);
    }
  });

  it('rejects self-transitions and leaving terminal states', () => {
    for (const s of REPAIR_STATUSES) {
      expect(canTransition(s, s, 'admin')).toBe(false);
    }
    for (const s of REPAIR_STATUSES) {
      expect(canTransition('collected', s, 'admin')).toBe(false);
      expect(canTransition('cancelled', s, 'admin')).toBe(false);
    }
  });

  it('cancelled is reachable from every non-terminal status', () => {
    for (const s of REPAIR_STATUSES.filter((x) => !isTerminal(x))) {
      expect(canTransition(s, 'cancelled', 'admin')).toBe(true);
    }
  });
});

describe('TransitionError', () => {
  it('is an Error with code, from, to and a readable message', () => {
    const e = thrown(() => assertTransition('booked', 'collected', { role: 'admin' }));
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(TransitionError);
    expect(e?.name).toBe('TransitionError');
    expect(e?.code).toBe('ILLEGAL_TRANSITION');
    expect(e?.message).toContain('booked');
  });

  it('reports FORBIDDEN before MISSING_REQUIREMENT', () => {
    const e = thrown(() => assertTransition('repairing', 'cancelled', { role: 'technician' }));
    expect(e?.code).toBe('FORBIDDEN');
  });
});

describe('isTerminal', () => {
  it('only collected and cancelled are terminal', () => {
    expect(REPAIR_STATUSES.filter(isTerminal)).toEqual(['collected', 'cancelled']);
  });
});

describe('STATUS_PROGRESS', () => {
  it('has a value in 0..100 for every status', () => {
    for (const s of REPAIR_STATUSES) {
      expect(STATUS_PROGRESS[s]).toBeGreaterThanOrEqual(0);
      expect(STATUS_PROGRESS[s]).toBeLessThanOrEqual(100);
    }
  });

  it('strictly increases along the forward path and ends at 100', () => {
    const path: RepairStatus[] = [
      'booked',
      'received',
      'diagnosing',
      'awaiting_approval',
      'repairing',
      'quality_check',
      'ready_for_collection',
      'collected',
    ];
    const values = path.map((s) => STATUS_PROGRESS[s]);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1]!);
    expect(STATUS_PROGRESS.collected).toBe(100);
  });
});

describe('isOverdue', () => {
  const entered = new Date('2025-01-14T09:00:00Z');
  const plus = (h: number) => new Date(entered.getTime() + h * 3_600_000);

  it('uses the default limits', () => {
    expect(STATUS_TIME_LIMIT_HOURS).toMatchObject({
      received: 24,
      diagnosing: 48,
      awaiting_approval: 72,
      repairing: 72,
      quality_check: 24,
    });
    expect(isOverdue('diagnosing', entered, plus(47))).toBe(false);
    expect(isOverdue('diagnosing', entered, plus(48))).toBe(false); // exactly at limit
    expect(isOverdue('diagnosing', entered, plus(48.01))).toBe(true);
    expect(isOverdue('received', entered, plus(25))).toBe(true);
  });

  it('is never overdue for statuses without a limit or terminal statuses', () => {
    expect(isOverdue('booked', entered, plus(10_000))).toBe(false);
    expect(isOverdue('ready_for_collection', entered, plus(10_000))).toBe(false);
    expect(isOverdue('collected', entered, plus(10_000))).toBe(false);
    expect(isOverdue('cancelled', entered, plus(10_000), { cancelled: 1 })).toBe(false);
  });

  it('accepts custom limits', () => {
    expect(isOverdue('booked', entered, plus(3), { booked: 2 })).toBe(true);
    expect(isOverdue('received', entered, plus(3), { booked: 2 })).toBe(false);
  });

  it('is false when now is before enteredAt (clock skew)', () => {
    expect(isOverdue('received', entered, plus(-100))).toBe(false);
  });
});

describe('applyTransition', () => {
  const created: TimelineEvent = {
    type: 'created',
    at: '2025-01-14T09:00:00.000Z',
    actor: 'customer:1',
  };
  const at = new Date('2025-01-15T10:00:00Z');

  it('returns a new state with an appended status_changed event', () => {
    const state = { id: 'r1', status: 'booked' as RepairStatus, timeline: [created] };
    const next = applyTransition(state, 'received', { role: 'technician', actor: 'staff:7', at });
    expect(next).toEqual({
      id: 'r1',
      status: 'received',
      timeline: [
        created,
        {
          type: 'status_changed',
          at: '2025-01-15T10:00:00.000Z',
          from: 'booked',
          to: 'received',
          actor: 'staff:7',
        },
      ],
    });
  });

  it('does not mutate the input state', () => {
    const state = { status: 'booked' as RepairStatus, timeline: [created] };
    const snapshot = structuredClone(state);
    const next = applyTransition(state, 'received', { role: 'technician', actor: 's', at });
    expect(state).toEqual(snapshot);
    expect(next).not.toBe(state);
    expect(next.timeline).not.toBe(state.timeline);
  });

  it('records a trimmed reason and qc note', () => {
    const next = applyTransition({ status: 'quality_check', timeline: [] }, 'ready_for_collection', {
      role: 'technician',
      actor: 's',
      at,
      qcNote: '  Screen OK, FaceID OK ',
    });
    expect(next.timeline[0]).toMatchObject({ qcNote: 'Screen OK, FaceID OK' });
    expect(next.timeline[0]).not.toHaveProperty('reason');

    const back = applyTransition({ status: 'quality_check', timeline: [] }, 'repairing', {
      role: 'technician',
      actor: 's',
      at,
      reason: ' Touch dead zone ',
    });
    expect(back.timeline[0]).toMatchObject({ reason: 'Touch dead zone', from: 'quality_check' });
  });

  it('throws TransitionError and leaves state untouched on illegal moves', () => {
    const state = { status: 'booked' as RepairStatus, timeline: [created] };
    expect(() => applyTransition(state, 'received', { role: 'customer', actor: 'c', at })).toThrow(
      TransitionError,
    );
    expect(state.status).toBe('booked');
    expect(state.timeline).toHaveLength(1);
  });

  it('walks the full happy path', () => {
    let s = { status: 'booked' as RepairStatus, timeline: [] as TimelineEvent[] };
    const ctx = { role: 'technician' as const, actor: 't', at, qcNote: 'ok' };
    for (const to of [
      'received',
      'diagnosing',
      'awaiting_approval',
      'repairing',
      'quality_check',
      'ready_for_collection',
      'collected',
    ] as const) {
      s = applyTransition(s, to, ctx);
    }
    expect(s.status).toBe('collected');
    expect(s.timeline.map((e) => e.to)).toHaveLength(7);
  });
});

describe('transitionRefusal', () => {
  it('answers null for an allowed move and the refusal, without throwing, for the others', () => {
    expect(transitionRefusal('booked', 'received', { role: 'technician' })).toBeNull();
    expect(transitionRefusal('booked', 'collected', { role: 'admin' })?.code).toBe('ILLEGAL_TRANSITION');
    expect(transitionRefusal('repairing', 'cancelled', { role: 'technician' })?.code).toBe('FORBIDDEN');
    const missing = transitionRefusal('quality_check', 'ready_for_collection', { role: 'technician' });
    expect(missing?.code).toBe('MISSING_REQUIREMENT');
    expect(missing?.missing).toEqual(['qc_note']);
  });
});
