import { describe, expect, it } from 'vitest';
import { cardAction, forwardMoves } from './card-action';

const tech = { id: 'tia', role: 'technician' as const };
const manager = { id: 'mona', role: 'manager' as const };
const mine = { id: 'tia', name: 'Tia' };
const otto = { id: 'otto', name: 'Otto' };

describe('cardAction: what a swipe on a queue card does', () => {
  it('takes an unassigned job, for technicians and managers alike', () => {
    expect(cardAction({ status: 'booked', assignedTechnician: null }, tech)).toEqual({ kind: 'take' });
    expect(cardAction({ status: 'diagnosing', assignedTechnician: null }, manager)).toEqual({ kind: 'take' });
  });

  it('moves my job one step forward', () => {
    expect(cardAction({ status: 'received', assignedTechnician: mine }, tech)).toEqual({
      kind: 'move',
      to: 'diagnosing',
    });
    expect(cardAction({ status: 'awaiting_approval', assignedTechnician: mine }, tech)).toEqual({
      kind: 'move',
      to: 'repairing',
    });
    expect(cardAction({ status: 'repairing', assignedTechnician: mine }, tech)).toEqual({
      kind: 'move',
      to: 'quality_check',
    });
    expect(cardAction({ status: 'ready_for_collection', assignedTechnician: mine }, tech)).toEqual({
      kind: 'move',
      to: 'collected',
    });
  });

  it('asks which step after diagnosis (approval or straight to repair)', () => {
    expect(cardAction({ status: 'diagnosing', assignedTechnician: mine }, tech)).toEqual({
      kind: 'choose',
      options: ['awaiting_approval', 'repairing'],
    });
  });

  it('asks for the QC note before ready for collection', () => {
    expect(cardAction({ status: 'quality_check', assignedTechnician: mine }, tech)).toEqual({
      kind: 'note',
      to: 'ready_for_collection',
    });
  });

  it('sends a booked device through intake', () => {
    expect(cardAction({ status: 'booked', assignedTechnician: mine }, tech)).toEqual({ kind: 'intake' });
  });

  it("refuses a technician on someone else's job, but not a manager", () => {
    expect(cardAction({ status: 'received', assignedTechnician: otto }, tech)).toEqual({
      kind: 'refused',
      reason: 'notYours',
      name: 'Otto',
    });
    expect(cardAction({ status: 'received', assignedTechnician: otto }, manager)).toEqual({
      kind: 'move',
      to: 'diagnosing',
    });
  });

  it('refuses a finished repair', () => {
    expect(cardAction({ status: 'collected', assignedTechnician: mine }, tech)).toMatchObject({
      kind: 'refused',
      reason: 'finished',
    });
    expect(cardAction({ status: 'cancelled', assignedTechnician: null }, tech)).toMatchObject({
      kind: 'refused',
      reason: 'finished',
    });
  });

  it('never offers a cancellation or a step back as "forward"', () => {
    for (const to of forwardMoves('repairing', 'admin').map((m) => m.to)) {
      expect(['quality_check']).toContain(to);
    }
    expect(forwardMoves('collected', 'admin')).toEqual([]);
  });
});
