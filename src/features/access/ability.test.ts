import { describe, expect, it } from 'vitest';
import { defineAbilityFor, subject, type Actor } from './ability';

const customer: Actor = { id: 'c1', role: 'customer', shopSlug: null };
const tech: Actor = { id: 't1', role: 'technician', shopSlug: 'london' };
const manager: Actor = { id: 'm1', role: 'manager', shopSlug: 'london' };
const admin: Actor = { id: 'a1', role: 'admin', shopSlug: null };

const order = (
  o: Partial<{ customerUserId: string | null; assignedTechnicianId: string | null; shopSlug: string }>,
) => subject('RepairOrder', { customerUserId: null, assignedTechnicianId: null, shopSlug: 'london', ...o });

describe('abilities', () => {
  it('lets anyone book and read shops, nothing else', () => {
    const a = defineAbilityFor(null);
    expect(a.can('create', 'Booking')).toBe(true);
    expect(a.can('read', 'Shop')).toBe(true);
    expect(a.can('read', 'RepairOrder')).toBe(false);
    expect(a.can('read', 'User')).toBe(false); // not even some user: anonymous has no User rule
  });

  it('lets a customer read only their own repair orders', () => {
    const a = defineAbilityFor(customer);
    expect(a.can('read', order({ customerUserId: 'c1' }))).toBe(true);
    expect(a.can('read', order({ customerUserId: 'someone-else' }))).toBe(false);
    expect(a.can('update', order({ customerUserId: 'c1' }))).toBe(false);
    expect(a.can('read', 'InternalNote')).toBe(false);
  });

  it('lets a technician read every order but change only those assigned to them', () => {
    const a = defineAbilityFor(tech);
    expect(a.can('read', order({}))).toBe(true);
    expect(a.can('update', order({ assignedTechnicianId: 't1' }))).toBe(true);
    expect(a.can('update', order({ assignedTechnicianId: 't2' }))).toBe(false);
    expect(a.can('read', 'InternalNote')).toBe(true);
    expect(a.can('read', subject('User', { id: 'someone-else' }))).toBe(false);
  });

  it("lets a manager manage their shop's orders only", () => {
    const a = defineAbilityFor(manager);
    expect(a.can('update', order({ shopSlug: 'london' }))).toBe(true);
    expect(a.can('update', order({ shopSlug: 'manchester' }))).toBe(false);
    expect(a.can('read', subject('User', { id: 'someone-else' }))).toBe(true);
    expect(a.can('update', 'Role')).toBe(false);
    expect(a.can('manage', 'EmailSettings')).toBe(false);
  });

  it('lets an admin do everything except lock themselves out', () => {
    const a = defineAbilityFor(admin);
    expect(a.can('manage', 'EmailSettings')).toBe(true);
    expect(a.can('update', order({ shopSlug: 'manchester' }))).toBe(true);
    expect(a.can('disable', subject('User', { id: 'c1' }))).toBe(true);
    expect(a.can('disable', subject('User', { id: 'a1' }))).toBe(false);
    expect(a.can('update', subject('Role', { id: 'a1' }))).toBe(false);
  });

  it('inherits upwards: each role can do what the role below can', () => {
    for (const actor of [tech, manager, admin]) {
      const a = defineAbilityFor(actor);
      expect(a.can('read', subject('User', { id: actor.id }))).toBe(true);
      expect(a.can('read', order({ customerUserId: actor.id }))).toBe(true);
    }
  });

  it('lets managers and admins send push notifications, nobody below', () => {
    expect(defineAbilityFor(null).can('manage', 'PushNotification')).toBe(false);
    expect(defineAbilityFor(customer).can('manage', 'PushNotification')).toBe(false);
    expect(defineAbilityFor(tech).can('manage', 'PushNotification')).toBe(false);
    expect(defineAbilityFor(manager).can('manage', 'PushNotification')).toBe(true);
    expect(defineAbilityFor(admin).can('manage', 'PushNotification')).toBe(true);
    // a manager who has not set up two-factor has a customer's reach
    expect(defineAbilityFor({ ...manager, mustSetUpTwoFactor: true }).can('manage', 'PushNotification')).toBe(
      false,
    );
  });

  it('lets managers and admins read analytics, nobody below', () => {
    expect(defineAbilityFor(null).can('read', 'Analytics')).toBe(false);
    expect(defineAbilityFor(customer).can('read', 'Analytics')).toBe(false);
    expect(defineAbilityFor(tech).can('read', 'Analytics')).toBe(false);
    expect(defineAbilityFor(manager).can('read', 'Analytics')).toBe(true);
    expect(defineAbilityFor(admin).can('read', 'Analytics')).toBe(true);
    // staff who must set up two-factor first read nothing of it
    expect(defineAbilityFor({ ...manager, mustSetUpTwoFactor: true }).can('read', 'Analytics')).toBe(false);
  });
});
