/**
 * Who may do what: roles customer < technician < manager < admin, each inheriting the one
 * below, plus conditions on the record (a customer reads only their own repairs; a technician
 * updates only orders assigned to them; a manager manages their shop's orders).
 * Every API route and page asks here, never ad hoc.
 */
import {
  AbilityBuilder,
  createMongoAbility,
  subject as tag,
  type MongoAbility,
  type MongoQuery,
} from '@casl/ability';
import type { Role } from '@/server/db/schema';

export const ROLE_RANK: Record<Role, number> = { customer: 1, technician: 2, manager: 3, admin: 4 };

export type Action =
  'read' | 'create' | 'update' | 'delete' | 'manage' | 'cancel' | 'approve' | 'disable' | 'assign';
export type SubjectName =
  | 'Booking'
  | 'RepairOrder'
  | 'InternalNote'
  | 'User'
  | 'Role'
  | 'EmailSettings'
  | 'EmailOutbox'
  | 'Shop'
  /** the device catalogue and its price list (admins edit it) */
  | 'Catalog'
  /** staff-written Web Push sends (to a user or a role), their schedule and stats */
  | 'PushNotification'
  /** a support conversation handed over to a shop's staff (support domain) */
  | 'SupportConversation'
  /** the analytics dashboard, metrics and exports (managers: their shop, checked by the analytics scope) */
  | 'Analytics'
  | 'all';

/** The record shapes conditions are written against. */
export interface BookingRecord {
  userId: string | null;
  shopSlug: string | null;
}
export interface RepairOrderRecord {
  customerUserId: string | null;
  assignedTechnicianId: string | null;
  shopSlug: string | null;
}
export interface UserRecord {
  id: string;
}

/** Subjects are a type name, or a record tagged with one via `subject('RepairOrder', row)`. */
export type AppAbility = MongoAbility<[Action, SubjectName | object], MongoQuery>;

export interface Actor {
  id: string;
  role: Role;
  shopSlug: string | null;
  emailVerified?: boolean;
  /**
   * Staff who must set up two-factor first (two-factor-policy.ts): until then they can do what
   * a customer can and nothing more, on every route and page that asks here.
   */
  mustSetUpTwoFactor?: boolean;
}

export function atLeast(role: Role, min: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[min];
}

export function defineAbilityFor(actor: Actor | null): AppAbility {
  const { can, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);

  // everyone, signed in or not: the public site
  can('read', 'Shop');
  can('create', 'Booking');

  if (!actor) return build();
  if (actor.mustSetUpTwoFactor) actor = { ...actor, role: 'customer', mustSetUpTwoFactor: false };

  // customer
  can('read', 'User', { id: actor.id });
  can('update', 'User', { id: actor.id });
  can('read', 'Booking', { userId: actor.id });
  can('cancel', 'Booking', { userId: actor.id });
  can('read', 'RepairOrder', { customerUserId: actor.id });
  can('approve', 'RepairOrder', { customerUserId: actor.id });

  if (atLeast(actor.role, 'technician')) {
    can('read', 'RepairOrder');
    can('read', 'Booking');
    can('read', 'InternalNote');
    can('create', 'InternalNote');
    can('update', 'RepairOrder', { assignedTechnicianId: actor.id });
    // a technician may take an unassigned job (to themselves only: the service checks the assignee)
    can('assign', 'RepairOrder', { assignedTechnicianId: null });
    // support conversations handed over to their shop (staff tied to no shop: every shop's)
    if (actor.shopSlug) can(['read', 'update'], 'SupportConversation', { shopSlug: actor.shopSlug });
    else can(['read', 'update'], 'SupportConversation');
  }

  if (atLeast(actor.role, 'manager')) {
    if (actor.shopSlug) {
      can('manage', 'RepairOrder', { shopSlug: actor.shopSlug });
      can('manage', 'Booking', { shopSlug: actor.shopSlug });
    } else {
      // a manager not tied to one shop manages every shop's orders
      can('manage', 'RepairOrder');
      can('manage', 'Booking');
    }
    can('read', 'User');
    can('manage', 'PushNotification');
    // a manager reads their own shop's figures only: features/analytics/server/access.ts holds them to it
    can('read', 'Analytics');
  }

  if (actor.role === 'admin') {
    can('manage', 'all');
  }

  // nobody disables themselves or edits their own role (an admin could lock everyone out)
  cannot('disable', 'User', { id: actor.id });
  cannot('update', 'Role', { id: actor.id });

  return build();
}

export { tag as subject };
